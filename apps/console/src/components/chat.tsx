import { useRef, useState } from 'preact/hooks';
import { cannedResponses, counsellorName } from '../case/canned.ts';
import type { OpenedCase, OpenedMessage } from '../case/open-case.ts';
import { useCannedReplies } from '../case/use-canned.ts';
import { ApiError, postJson } from '../lib/api.ts';
import { loadCrypto } from '../lib/crypto.ts';
import { formatDateTime } from '../lib/format.ts';
import { useInstance } from '../lib/instance.ts';
import { dirOf } from '../lib/language.ts';
import { currentSession } from '../lib/session.ts';
import { errorText, text } from '../lib/text.ts';
import { DisplayNameForm } from './display-name-form.tsx';

/**
 * Sealed chat with the reporter, and sealed internal notes. A reply is sealed to the helpline's
 * recipients and the reporter's own recipient (from the receipt code), so both can read it and the
 * server cannot. A note is sealed to the helpline only. Each draft has one idempotency key, so a
 * retried send never posts twice.
 */
export function Chat({ opened, onSent }: { opened: OpenedCase; onSent: () => void }) {
  const { config, pack } = useInstance();
  const chat = opened.messages.filter((m) => !m.internal);
  const notes = opened.messages.filter((m) => m.internal);
  const danger = pack.crisis?.find((line) => line.when?.flags?.includes('danger'));
  // The reporter's language and role choose the set (a parent reads "u", a child "je").
  const counsellor = counsellorName(currentSession()?.worker.email, currentSession()?.worker.displayName);
  // The replies are in the reporter's language (English when there are none in it).
  const builtIn = useCannedReplies(opened.body.language);
  const repliesLang = builtIn?.lang ?? 'en';
  const canned = builtIn
    ? cannedResponses({
        language: opened.body.language,
        role: opened.detail.metadata.role,
        packTexts: pack.texts,
        replies: builtIn.replies,
        repliesLanguage: builtIn.lang,
        counsellor,
        helpline: pack.meta.helpline.name,
        emergency: danger?.phones.map((p) => p.display ?? p.number) ?? [],
      })
    : [];
  const reporter = opened.detail.reporterRecipient;
  return (
    <>
      <section aria-labelledby="chat-h" class="panel">
        <h2 id="chat-h">{text.case.chat}</h2>
        <MessageList messages={chat} />
        {reporter ? (
          <>
            <DisplayNameForm current={counsellor} />
            <Composer
              id="reply"
              label={text.case.reply}
              submit={text.case.send}
              canned={canned}
              recipients={[...config.helplineRecipients, reporter]}
              caseId={opened.detail.id}
              internal={false}
              onSent={onSent}
              lang={repliesLang}
            />
          </>
        ) : (
          <p class="muted">{text.case.noReporterKey}</p>
        )}
      </section>
      <section aria-labelledby="notes-h" class="panel">
        <h2 id="notes-h">{text.case.notes}</h2>
        <p class="muted">{text.case.noteHint}</p>
        <MessageList messages={notes} />
        <Composer
          id="note"
          label={text.case.note}
          submit={text.case.addNote}
          canned={[]}
          recipients={config.helplineRecipients}
          caseId={opened.detail.id}
          internal
          onSent={onSent}
        />
      </section>
    </>
  );
}

function MessageList({ messages }: { messages: OpenedMessage[] }) {
  if (!messages.length) return null;
  return (
    <ol class="messages">
      {messages.map((m) => (
        <li key={m.id} class={`message message-${m.author}`}>
          <p class="message-meta">
            <strong>{m.author === 'reporter' ? text.case.fromReporter : text.case.fromHelpline}</strong>{' '}
            <time dateTime={m.createdAt}>{formatDateTime(m.createdAt)}</time>
          </p>
          <p class="message-text" dir="auto">
            {m.body ? m.body.text : text.case.cannotOpen}
          </p>
        </li>
      ))}
    </ol>
  );
}

function Composer(props: {
  id: string;
  label: string;
  submit: string;
  canned: { id: string; label: string; text: string }[];
  recipients: string[];
  caseId: string;
  internal: boolean;
  onSent: () => void;
  /** The language of the standard replies and of the draft (the reporter's), when not the console's. */
  lang?: string;
}) {
  const [draft, setDraft] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // A retry must send the same sealed bytes with the same key (sealing again gives new bytes, which the
  // server would refuse as a reused key), so the sealed draft is kept until it is accepted.
  const pending = useRef<{ text: string; key: string; body: { sealed: string; internal?: true } } | null>(
    null,
  );

  async function send(event: Event) {
    event.preventDefault();
    const message = draft.trim();
    if (!message) return;
    setBusy(true);
    setError(null);
    try {
      if (pending.current?.text !== message) {
        const c = await loadCrypto();
        const sealed = c.toBase64(await c.sealJson({ version: 1, text: message }, props.recipients as never));
        pending.current = {
          text: message,
          key: crypto.randomUUID(),
          body: props.internal ? { sealed, internal: true } : { sealed },
        };
      }
      await postJson(`/staff/cases/${props.caseId}/messages`, pending.current.body, pending.current.key);
      pending.current = null;
      setDraft('');
      props.onSent();
    } catch (e) {
      setError(errorText(e instanceof ApiError ? e.code : 'general'));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={send} class="stack composer">
      {props.canned.length > 0 && (
        <div class="canned">
          <span id={`${props.id}-canned`}>{text.case.canned}:</span>
          <ul aria-labelledby={`${props.id}-canned`} lang={props.lang} dir={dirOf(props.lang)}>
            {props.canned.map((c) => (
              <li key={c.id}>
                <button type="button" class="small" onClick={() => setDraft(c.text)}>
                  {c.label}
                </button>
              </li>
            ))}
          </ul>
        </div>
      )}
      <label for={props.id}>{props.label}</label>
      <textarea
        id={props.id}
        lang={props.lang}
        dir={dirOf(props.lang)}
        rows={4}
        value={draft}
        onInput={(e) => {
          setDraft(e.currentTarget.value);
        }}
      />
      {error && (
        <p class="notice notice-error" role="alert">
          {error}
        </p>
      )}
      <button type="submit" class="primary" disabled={busy || !draft.trim()}>
        {props.submit}
      </button>
    </form>
  );
}
