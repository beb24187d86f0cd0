import { draftNotice } from '@vangnet/core/dsa/notice';
import type { LegalBasis } from '@vangnet/core/pack/schema';
import { useCallback, useEffect, useState } from 'preact/hooks';
import { trustedFlaggerWording } from '../case/notice-wording.ts';
import type { OpenedCase } from '../case/open-case.ts';
import { ApiError, getJson, postJson } from '../lib/api.ts';
import { formatDateTime } from '../lib/format.ts';
import { useInstance } from '../lib/instance.ts';
import { errorText, text } from '../lib/text.ts';

/** What `GET /staff/cases/:id/platform-notices` answers. */
type Contact = {
  platform: string;
  name: string;
  channel: 'email' | 'endpoint';
  address: string;
  unverified: boolean;
};
type NoticeView = {
  noticeId: string;
  platform: string;
  category: string;
  tdb: { category: string; keyword: string };
  channel: 'email' | 'endpoint';
  sentAt: string;
  receivedAt: string | null;
  decidedAt: string | null;
  outcome: string | null;
  statementOfReasonsId: string | null;
};
type Notices = { contact: Contact | null; tdb: { category: string; keyword: string }; notices: NoticeView[] };

const OUTCOMES = ['removed', 'restricted', 'no-action', 'other'] as const;
const noticeText = (code: string) => text.notices.errors[code] ?? errorText(code);
/** `datetime-local` values are the browser's local time; the server takes ISO instants. */
const toIso = (local: string) => new Date(local).toISOString();

/**
 * Trusted-flagger notice from the case view (issue 11): the notice is composed here from the opened
 * report by the shared composer (core/dsa/notice.ts), checked by the worker, sent with the reporter's
 * consent; then the platform's answer is recorded per notice.
 */
export function PlatformNoticePanel(props: { caseId: string; opened: OpenedCase }) {
  const { pack } = useInstance();
  const { detail, body } = props.opened;
  const [data, setData] = useState<Notices | null>(null);
  const [loadError, setLoadError] = useState(false);
  const [draft, setDraft] = useState<{ subject: string; text: string } | null>(null);
  const [consent, setConsent] = useState(false);
  const [key, setKey] = useState(() => crypto.randomUUID());
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const load = useCallback(async () => {
    try {
      setData(await getJson<Notices>(`/staff/cases/${props.caseId}/platform-notices`));
      setLoadError(false);
    } catch {
      setLoadError(true);
    }
  }, [props.caseId]);
  useEffect(() => {
    void load();
  }, [load]);

  // Composed once the contact is known; the worker may edit the text before sending.
  const contact = data?.contact ?? null;
  useEffect(() => {
    if (!contact || draft) return;
    const legalBasis = (pack as { legalBasis?: LegalBasis[] }).legalBasis;
    const composed = draftNotice(
      {
        category: detail.metadata.category,
        ageBand: detail.metadata.ageBand,
        platformName: contact.name,
        links: body.links.join('\n'),
        explanation: body.description,
        legalBasis,
        trustedFlagger: { name: pack.meta.helpline.name, email: '' },
      },
      trustedFlaggerWording(text),
    );
    setDraft({ subject: composed.subject, text: composed.text });
  }, [contact, draft]);

  async function send(event: Event) {
    event.preventDefault();
    setNotice(null);
    if (!contact || !draft || busy) return;
    if (!consent) return setError(text.notices.needConsent);
    if (!draft.text.trim()) return setError(text.notices.needText);
    setBusy(true);
    setError(null);
    try {
      await postJson(`/staff/cases/${props.caseId}/platform-notices`, {
        idempotencyKey: key,
        consent: true,
        subject: draft.subject,
        text: draft.text,
      });
      setConsent(false);
      setKey(crypto.randomUUID());
      setNotice(text.notices.sent(contact.name));
      await load();
    } catch (e) {
      setError(noticeText(e instanceof ApiError ? e.code : 'general'));
    } finally {
      setBusy(false);
    }
  }

  const t = text.notices;
  return (
    <section aria-labelledby="notice-h" class="panel notice-panel">
      <h2 id="notice-h">{t.title}</h2>
      {loadError && (
        <p class="notice notice-error" role="alert">
          {t.cannotLoad}
        </p>
      )}
      {!data && !loadError && <p aria-live="polite">{t.loading}</p>}
      {data && (
        <>
          <p class="muted">{t.intro}</p>
          {!contact && <p>{t.noContact}</p>}
          {contact && draft && (
            <form onSubmit={send} class="stack" noValidate aria-labelledby="notice-h">
              <p data-testid="notice-contact">
                {contact.channel === 'email'
                  ? t.sendsByEmail(contact.name, contact.address)
                  : t.sendsToEndpoint(contact.name, contact.address)}
                {contact.unverified && ` ${t.unverified}`}
              </p>
              <p class="muted">{t.dsaLabel(data.tdb.category, data.tdb.keyword)}</p>
              <div>
                <label for="notice-text">{t.textLabel}</label>
                <p id="notice-text-hint" class="muted">
                  {t.textHint}
                </p>
                <textarea
                  id="notice-text"
                  name="text"
                  rows={12}
                  dir="auto"
                  aria-describedby="notice-text-hint"
                  value={draft.text}
                  onInput={(e) => setDraft({ ...draft, text: e.currentTarget.value })}
                />
              </div>
              <label class="check">
                <input
                  type="checkbox"
                  id="notice-consent"
                  name="consent"
                  required
                  checked={consent}
                  onChange={(e) => setConsent(e.currentTarget.checked)}
                />{' '}
                {t.consent}
              </label>
              {error && (
                <p class="notice notice-error" role="alert">
                  {error}
                </p>
              )}
              <button type="submit" class="primary" aria-disabled={busy}>
                {busy ? t.sending : t.send}
              </button>
            </form>
          )}
          <p role="status" class="notice-status">
            {notice}
          </p>
          {data.notices.length > 0 && (
            <>
              <h3>{t.sentList}</h3>
              <ul class="platform-notices">
                {data.notices.map((n) => (
                  <NoticeItem
                    key={n.noticeId}
                    notice={n}
                    platformName={contact?.name ?? n.platform}
                    timeZone={pack.meta.timeZone}
                    onSaved={load}
                  />
                ))}
              </ul>
            </>
          )}
        </>
      )}
    </section>
  );
}

function NoticeItem(props: {
  notice: NoticeView;
  platformName: string;
  timeZone: string | undefined;
  onSaved: () => Promise<void>;
}) {
  const n = props.notice;
  const t = text.notices;
  const id = `notice-${n.noticeId.slice(0, 8)}`;
  const [receivedAt, setReceivedAt] = useState('');
  const [decidedAt, setDecidedAt] = useState('');
  const [outcome, setOutcome] = useState<string>('removed');
  const [sor, setSor] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const when = (iso: string) => formatDateTime(iso, props.timeZone);

  async function save(event: Event) {
    event.preventDefault();
    setSaved(null);
    if (busy) return;
    if (!decidedAt) return setError(t.needDecidedAt);
    setBusy(true);
    setError(null);
    try {
      await postJson(`/staff/platform-notices/${n.noticeId}/decision`, {
        decidedAt: toIso(decidedAt),
        ...(receivedAt ? { receivedAt: toIso(receivedAt) } : {}),
        outcome,
        ...(sor.trim() ? { statementOfReasonsId: sor.trim() } : {}),
      });
      setSaved(t.saved);
      await props.onSaved();
    } catch (e) {
      setError(noticeText(e instanceof ApiError ? e.code : 'general'));
    } finally {
      setBusy(false);
    }
  }

  return (
    <li data-notice-id={n.noticeId} data-outcome={n.outcome ?? ''}>
      <strong>{props.platformName}</strong>: {t.sentAt(when(n.sentAt))}.{' '}
      <span class="notice-answer">
        {n.outcome && n.decidedAt
          ? t.answered(t.outcomes[n.outcome] ?? n.outcome, when(n.decidedAt))
          : t.noAnswer}
      </span>
      {n.statementOfReasonsId && <span class="muted"> · {t.sorShown(n.statementOfReasonsId)}</span>}
      {!n.outcome && (
        <form onSubmit={save} class="stack answer-form" noValidate aria-labelledby={`${id}-h`}>
          <h4 id={`${id}-h`}>{t.answerTitle}</h4>
          <p id={`${id}-time-hint`} class="muted">
            {t.timeHint}
          </p>
          <div>
            <label for={`${id}-received`}>{t.receivedAt}</label>
            <input
              type="datetime-local"
              id={`${id}-received`}
              aria-describedby={`${id}-time-hint`}
              value={receivedAt}
              onInput={(e) => setReceivedAt(e.currentTarget.value)}
            />
          </div>
          <div>
            <label for={`${id}-decided`}>{t.decidedAt}</label>
            <input
              type="datetime-local"
              id={`${id}-decided`}
              required
              aria-describedby={`${id}-time-hint`}
              value={decidedAt}
              onInput={(e) => setDecidedAt(e.currentTarget.value)}
            />
          </div>
          <div>
            <label for={`${id}-outcome`}>{t.outcome}</label>
            <select id={`${id}-outcome`} value={outcome} onChange={(e) => setOutcome(e.currentTarget.value)}>
              {OUTCOMES.map((o) => (
                <option key={o} value={o}>
                  {t.outcomes[o]}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label for={`${id}-sor`}>{t.sorId}</label>
            <p id={`${id}-sor-hint`} class="muted">
              {t.sorHint}
            </p>
            <input
              type="text"
              id={`${id}-sor`}
              autocomplete="off"
              spellcheck={false}
              aria-describedby={`${id}-sor-hint`}
              value={sor}
              onInput={(e) => setSor(e.currentTarget.value)}
            />
          </div>
          {error && (
            <p class="notice notice-error" role="alert">
              {error}
            </p>
          )}
          <button type="submit" aria-disabled={busy}>
            {busy ? t.saving : t.save}
          </button>
        </form>
      )}
      <p role="status" class="muted">
        {saved}
      </p>
    </li>
  );
}
