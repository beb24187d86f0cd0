import { useEffect, useRef, useState } from 'preact/hooks';
import { cannedResponses, counsellorName } from '../case/canned.ts';
import type { OpenedItem } from '../case/open-case.ts';
import { useCannedReplies } from '../case/use-canned.ts';
import { EvidenceItem } from '../components/evidence-item.tsx';
import { ApiError, getBytes, getJson, postJson } from '../lib/api.ts';
import { loadCrypto } from '../lib/crypto.ts';
import { useInstance } from '../lib/instance.ts';
import { dirOf } from '../lib/language.ts';
import { hrefOf, navigate, onLinkClick } from '../lib/router.ts';
import { currentSession, helplineIdentities } from '../lib/session.ts';
import { errorText, text } from '../lib/text.ts';
import { openChatPhoto, photosOf } from './chat-photo.ts';
import { CHAT_OUTCOMES, type ChatSummary, type WireMessage } from './chat-types.ts';

type Line = {
  clientId: string;
  seq: number | null;
  author: 'child' | 'counsellor';
  text: string | null;
  /** Photos the child shared from the vault, opened and checked here. */
  photos?: OpenedItem[];
};

const RESEND_MS = 1000;

/** Lines by server order, then those still on their way; one line per message id. */
function merge(lines: Line[], line: Line): Line[] {
  const i = lines.findIndex((l) => l.clientId === line.clientId);
  const next =
    i >= 0
      ? lines.map((l, k) =>
          k === i
            ? { ...l, seq: line.seq ?? l.seq, text: l.text ?? line.text, photos: l.photos ?? line.photos }
            : l,
        )
      : [...lines, line];
  const numbered = next.filter((l) => l.seq !== null).sort((a, b) => a.seq! - b.seq!);
  return [...numbered, ...next.filter((l) => l.seq === null)];
}

/**
 * One live chat, for the counsellor who took it (or a supervisor). Messages arrive on a server-sent
 * event stream; the browser's EventSource reconnects by itself and sends the last sequence number it
 * saw (Last-Event-ID), so a dropped connection or a server restart loses and doubles nothing. Replies
 * are sealed here to the child's chat key and the helpline; each is resent with the same id until the
 * server has it.
 */
export function LiveChat({ id }: { id: string }) {
  const { config, pack } = useInstance();
  const [chat, setChat] = useState<ChatSummary | null>(null);
  const [lines, setLines] = useState<Line[]>([]);
  const [status, setStatus] = useState<string>('active');
  const [childLeft, setChildLeft] = useState(false);
  const [reportId, setReportId] = useState<string | null>(null);
  const [urgent, setUrgent] = useState(false);
  const [draft, setDraft] = useState('');
  const [outcome, setOutcome] = useState<string>(CHAT_OUTCOMES[0]);
  const [error, setError] = useState<string | null>(null);
  // The standard replies in the child's language (one chunk per language, loaded with the chat).
  const builtIn = useCannedReplies(chat?.lang);
  const [connected, setConnected] = useState(false);
  const [colleagues, setColleagues] = useState<{ id: string; name: string | null; role: string }[]>([]);
  const [handTo, setHandTo] = useState('');
  const outbox = useRef<{ clientId: string; sealed: string }[]>([]);
  const sending = useRef(false);

  useEffect(() => {
    let live = true;
    getJson<{ chats: ChatSummary[] }>('/staff/chats')
      .then((r) => {
        const found = r.chats.find((c) => c.id === id);
        if (!live) return;
        if (found) {
          setChat(found);
          setUrgent(found.urgent);
          setReportId(found.reportId);
        } else setError(errorText('chat.not-found'));
      })
      .catch((e) => live && setError(errorText(e instanceof ApiError ? e.code : 'general')));
    getJson<{ colleagues: { id: string; name: string | null; role: string }[] }>('/staff/chats/colleagues')
      .then((r) => {
        if (!live) return;
        setColleagues(r.colleagues);
        setHandTo(r.colleagues[0]?.id ?? '');
      })
      .catch(() => undefined);
    const source = new EventSource(`/api/v1/staff/chats/${id}/events`);
    const identities = helplineIdentities() ?? [];
    // Opened in arrival order, one at a time.
    let queue = Promise.resolve();
    source.addEventListener('open', () => setConnected(true));
    source.addEventListener('error', () => setConnected(false));
    source.addEventListener('state', (event) => {
      const state = JSON.parse((event as MessageEvent<string>).data) as {
        status: string;
        urgent: boolean;
        childLeft?: boolean;
        reportId?: string | null;
      };
      setStatus(state.status);
      setUrgent(state.urgent);
      setChildLeft(state.childLeft === true);
      setReportId(state.reportId ?? null);
    });
    source.addEventListener('message', (event) => {
      const message = JSON.parse((event as MessageEvent<string>).data) as WireMessage;
      queue = queue.then(async () => {
        let body: string | null = null;
        let photos: OpenedItem[] | undefined;
        try {
          const c = await loadCrypto();
          const opened = await c.openJson<{ text?: unknown; items?: unknown }>(
            c.fromBase64(message.sealed) as never,
            identities as never,
          );
          body = typeof opened.text === 'string' ? opened.text : null;
          const named = message.author === 'child' ? photosOf(opened) : [];
          if (named.length > 0) {
            photos = await Promise.all(
              named.map((item) =>
                openChatPhoto(
                  c,
                  item,
                  () => getBytes(`/staff/chats/${id}/photos/${encodeURIComponent(item.id)}`),
                  identities,
                ),
              ),
            );
          }
        } catch {
          body = null;
        }
        if (live)
          setLines((ls) =>
            merge(ls, {
              clientId: message.clientId,
              seq: message.seq,
              author: message.author,
              text: body,
              ...(photos ? { photos } : {}),
            }),
          );
      });
    });
    return () => {
      live = false;
      source.close();
    };
  }, [id]);

  async function flush() {
    if (sending.current) return;
    sending.current = true;
    try {
      while (outbox.current.length > 0) {
        const next = outbox.current[0]!;
        try {
          const stored = await postJson<WireMessage>(`/staff/chats/${id}/messages`, next);
          setLines((ls) =>
            merge(ls, { clientId: next.clientId, seq: stored.seq, author: 'counsellor', text: null }),
          );
          outbox.current.shift();
        } catch (e) {
          if (e instanceof ApiError && e.status >= 400 && e.status < 500) {
            setError(errorText(e.code));
            outbox.current.shift();
          } else await new Promise((r) => setTimeout(r, RESEND_MS));
        }
      }
    } finally {
      sending.current = false;
    }
  }

  async function send(message: string) {
    const trimmed = message.trim();
    if (!trimmed || !chat) return;
    const clientId = `s-${crypto.randomUUID()}`;
    setLines((ls) => merge(ls, { clientId, seq: null, author: 'counsellor', text: trimmed }));
    const c = await loadCrypto();
    const sealed = await c.sealJson({ version: 1, text: trimmed }, [
      ...config.helplineRecipients,
      chat.childRecipient,
    ] as never);
    outbox.current.push({ clientId, sealed: c.toBase64(sealed) });
    void flush();
  }

  async function act(path: string, body: unknown, after?: () => void) {
    try {
      await postJson(`/staff/chats/${id}/${path}`, body);
      after?.();
    } catch (e) {
      setError(errorText(e instanceof ApiError ? e.code : 'general'));
    }
  }

  const danger = pack.crisis?.find((line) => line.when?.flags?.includes('danger'));
  const canned =
    chat && builtIn
      ? cannedResponses({
          language: chat.lang,
          role: 'victim',
          replies: builtIn.replies,
          repliesLanguage: builtIn.lang,
          packTexts: pack.texts,
          counsellor: counsellorName(currentSession()?.worker.email, currentSession()?.worker.displayName),
          helpline: pack.meta.helpline.name,
          emergency: danger?.phones.map((p) => p.display ?? p.number) ?? [],
        })
      : [];
  const open = status === 'active' || status === 'waiting';
  // The pack's "in danger" reply in the child's language names the emergency numbers.
  const crisisReply = canned.find((c) => c.id === 'danger');

  return (
    <main id="main" class="stack live-chat">
      <h1>{text.chats.chatTitle}</h1>
      {chat && (
        <p class="muted">
          {text.chats.language}: <span lang="en">{chat.lang}</span> · {text.chats.ageBand}:{' '}
          {chat.ageBand ?? text.chats.unknown}
          {urgent && (
            <>
              {' '}
              · <strong>{text.chats.urgent}</strong>
            </>
          )}
        </p>
      )}
      <p role="status" class="muted" data-testid="chat-status">
        {childLeft
          ? text.chats.childLeft
          : !open
            ? text.chats.ended
            : connected
              ? text.chats.connected
              : text.chats.reconnecting}
      </p>
      {reportId && (
        <p class="chat-report" data-testid="chat-report">
          {text.chats.becameReport}{' '}
          <a
            href={hrefOf({ name: 'case', id: reportId })}
            onClick={onLinkClick({ name: 'case', id: reportId })}
          >
            {text.chats.openReport}
          </a>
        </p>
      )}
      {error && <p role="alert">{error}</p>}
      <ol class="messages" aria-label={text.chats.conversation}>
        {lines.map((l) => (
          <li
            key={l.clientId}
            class={`message message-${l.author === 'child' ? 'reporter' : 'helpline'}`}
            data-testid="chat-line"
            data-author={l.author}
          >
            <p class="message-meta">
              <strong>{l.author === 'child' ? text.chats.child : text.chats.you}</strong>
              {l.seq === null && <span class="muted"> · {text.chats.sending}</span>}
            </p>
            {l.photos ? (
              <ul class="evidence-list" aria-label={text.chats.sharedPhoto}>
                {l.photos.map((item, i) => (
                  <EvidenceItem key={item.manifest.id} item={item} index={i} />
                ))}
              </ul>
            ) : (
              <p class="message-text" lang={l.author === 'child' ? chat?.lang : undefined} dir="auto">
                {l.text ?? text.case.cannotOpen}
              </p>
            )}
          </li>
        ))}
      </ol>
      {open && (
        <>
          <form
            class="stack composer"
            onSubmit={(e) => {
              e.preventDefault();
              const message = draft;
              setDraft('');
              void send(message);
            }}
          >
            {canned.length > 0 && (
              <div class="canned">
                <span id="chat-canned">{text.case.canned}:</span>
                <ul aria-labelledby="chat-canned" lang={chat?.lang} dir={dirOf(chat?.lang)}>
                  {canned.map((c) => (
                    <li key={c.id}>
                      <button type="button" onClick={() => setDraft(c.text)}>
                        {c.label}
                      </button>
                    </li>
                  ))}
                </ul>
              </div>
            )}
            <label for="chat-reply">{text.chats.reply}</label>
            <textarea
              id="chat-reply"
              rows={3}
              value={draft}
              lang={chat?.lang}
              dir={dirOf(chat?.lang)}
              onInput={(e) => setDraft(e.currentTarget.value)}
            />
            <button type="submit">{text.chats.send}</button>
          </form>
          <div class="row">
            <button type="button" onClick={() => void act('urgent', { urgent: !urgent })}>
              {urgent ? text.chats.lowerUrgency : text.chats.raiseUrgency}
            </button>
            {crisisReply && (
              <button
                type="button"
                onClick={() => {
                  void send(crisisReply.text);
                  if (!urgent) void act('urgent', { urgent: true });
                }}
              >
                {text.chats.sendCrisis}
              </button>
            )}
          </div>
          {colleagues.length > 0 && (
            <form
              class="row"
              onSubmit={(e) => {
                e.preventDefault();
                void act('transfer', { to: handTo }, () => navigate({ name: 'chats' }));
              }}
            >
              <label for="chat-hand-to">{text.chats.handOverTo}</label>
              <select id="chat-hand-to" value={handTo} onChange={(e) => setHandTo(e.currentTarget.value)}>
                {colleagues.map((c, i) => (
                  <option key={c.id} value={c.id}>
                    {c.name ?? `${text.chats.colleague} ${i + 1}`}
                  </option>
                ))}
              </select>
              <button type="submit">{text.chats.handOver}</button>
            </form>
          )}
          <form
            class="row"
            onSubmit={(e) => {
              e.preventDefault();
              void act('close', { outcome }, () => setStatus('closed'));
            }}
          >
            <label for="chat-outcome">{text.chats.outcome}</label>
            <select id="chat-outcome" value={outcome} onChange={(e) => setOutcome(e.currentTarget.value)}>
              {CHAT_OUTCOMES.map((o) => (
                <option key={o} value={o}>
                  {text.chats.outcomes[o]}
                </option>
              ))}
            </select>
            <button type="submit">{text.chats.close}</button>
          </form>
        </>
      )}
      <p>
        <a href={hrefOf({ name: 'chats' })} onClick={onLinkClick({ name: 'chats' })}>
          {text.chats.backToQueue}
        </a>
      </p>
    </main>
  );
}
