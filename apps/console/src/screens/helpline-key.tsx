// The subpath, not the package: the whole crypto library stays in its lazily loaded chunk.
import {
  anchorFingerprint,
  type RecipientList,
  type SignedRecipientList,
} from '@vangnet/crypto/recipient-list';
import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, getJson, postJson } from '../lib/api.ts';
import { loadCrypto } from '../lib/crypto.ts';
import { rotationRequest } from '../lib/helpline-keys.ts';
import { useInstance } from '../lib/instance.ts';
import { hrefOf, onLinkClick } from '../lib/router.ts';
import { addHelplineIdentity, currentSession, helplineIdentities } from '../lib/session.ts';
import { errorText, text } from '../lib/text.ts';

type KeyState = {
  activeRecipients: string[];
  signed: SignedRecipientList | null;
  workers: { id: string; email: string; role: string; personalRecipient: string | null }[];
};

const DAY = 86_400_000;
const when = (iso: string) => new Date(iso).toLocaleDateString(undefined, { dateStyle: 'long' });
const sameSet = (a: readonly string[], b: readonly string[]) => [...a].sort().join() === [...b].sort().join();

/**
 * The key ceremony, for administrators (docs/key-ceremony.md): the active signed list, who opens new
 * reports, and a new helpline key made in this browser, sealed to every worker who stays. With the demo
 * anchor the server signs the new list; with the helpline's own anchor the list is downloaded, signed
 * offline with `vangnet anchor sign-list`, and uploaded, and the server checks it against the pack.
 */
export function HelplineKeyScreen() {
  const t = text.helplineKey;
  const { config } = useInstance();
  const me = currentSession()?.worker.id;
  const [state, setState] = useState<KeyState | null>(null);
  const [remove, setRemove] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState('');
  const [error, setError] = useState<string | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const upload = useRef<HTMLInputElement>(null);

  async function load() {
    try {
      setState(await getJson<KeyState>('/staff/helpline-key'));
    } catch (e) {
      setError(errorText(e instanceof ApiError ? e.code : 'general'));
    }
  }
  useEffect(() => {
    heading.current?.focus();
    void load();
  }, []);

  const failed = (e: unknown) => setError(errorText(e instanceof ApiError ? e.code : 'general'));

  async function rotate(event: Event) {
    event.preventDefault();
    const held = helplineIdentities();
    if (!state || !held) return;
    setBusy(true);
    setError(null);
    setStatus('');
    try {
      const c = await loadCrypto();
      const request = await rotationRequest(c, { helpline: held, workers: state.workers, remove });
      const r = await postJson<{ sequence: number | null }>('/staff/helpline-key/rotate', request.body);
      addHelplineIdentity(request.identity);
      setRemove([]);
      setStatus(r.sequence === null ? t.awaitingSignature : t.rotated(r.sequence));
      await load();
    } catch (e) {
      failed(e);
    } finally {
      setBusy(false);
    }
  }

  /** The list the helpline's anchor must sign, in the exact form `vangnet anchor sign-list` reads. */
  async function download() {
    if (!state) return;
    const now = Date.now();
    const list: RecipientList = {
      kind: 'vangnet.recipient-list',
      version: 1,
      country: config.country,
      sequence: (state.signed?.list.sequence ?? 0) + 1,
      recipients: state.activeRecipients,
      notBefore: new Date(now - DAY).toISOString(),
      notAfter: new Date(now + 365 * DAY).toISOString(),
    };
    const { canonicalJson } = await loadCrypto();
    const url = URL.createObjectURL(new Blob([canonicalJson(list)], { type: 'application/json' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = `recipient-list-${config.country}-${list.sequence}.json`;
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  }

  async function store(event: Event) {
    event.preventDefault();
    const file = upload.current?.files?.[0];
    if (!file) return;
    setBusy(true);
    setError(null);
    setStatus('');
    try {
      let signed: unknown;
      try {
        signed = JSON.parse(await file.text());
      } catch {
        throw new ApiError(422, 'recipient-list.invalid');
      }
      const r = await postJson<{ sequence: number }>('/staff/recipient-list', signed);
      setStatus(t.stored(r.sequence));
      if (upload.current) upload.current.value = '';
      await load();
    } catch (e) {
      failed(e);
    } finally {
      setBusy(false);
    }
  }

  const list = state?.signed?.list ?? null;
  const awaitingSignature = state !== null && !sameSet(state.activeRecipients, list?.recipients ?? []);
  const staying = state?.workers.filter((w) => !remove.includes(w.id)) ?? [];
  const blocked = staying.some((w) => !w.personalRecipient);

  return (
    <main id="main" class="helpline-key stack">
      <a href={hrefOf({ name: 'queue' })} onClick={onLinkClick({ name: 'queue' })}>
        {text.passkeys.back}
      </a>
      <h1 tabIndex={-1} ref={heading}>
        {t.title}
      </h1>
      <p>{t.intro}</p>
      <p role="status">{status}</p>
      {error && (
        <p class="notice notice-error" role="alert">
          {error}
        </p>
      )}
      <h2>{t.activeTitle}</h2>
      {state && !list && <p>{t.noList}</p>}
      {list && state?.signed && (
        <dl class="key-list" data-testid="active-list">
          <dt>{t.version}</dt>
          <dd data-testid="list-version">{list.sequence}</dd>
          <dt>{t.validUntil}</dt>
          <dd>{when(list.notAfter)}</dd>
          <dt>{t.checkCode}</dt>
          <dd>
            <code data-testid="list-check-code">{anchorFingerprint(state.signed.signedBy)}</code>
          </dd>
          <dt>{t.keyCount(list.recipients.length)}</dt>
          <dd>
            <code class="recipients">{list.recipients.map((r) => `${r.slice(0, 12)}…`).join(', ')}</code>
          </dd>
        </dl>
      )}
      {state && (
        <form onSubmit={rotate} class="stack">
          <h2>{t.rotateTitle}</h2>
          <p>{t.rotateHelp}</p>
          <fieldset>
            <legend>{t.workersTitle}</legend>
            <ul class="plain">
              {state.workers.map((w) => (
                <li key={w.id}>
                  <input
                    type="checkbox"
                    id={`leave-${w.id}`}
                    checked={remove.includes(w.id)}
                    disabled={w.id === me || busy}
                    onChange={(e) => {
                      const on = e.currentTarget.checked;
                      setRemove((r) => (on ? [...r, w.id] : r.filter((id) => id !== w.id)));
                    }}
                  />{' '}
                  <label for={`leave-${w.id}`}>
                    {t.leave(w.email)} {w.id === me ? t.you : ''}
                  </label>{' '}
                  <span class="muted">— {w.personalRecipient ? t.ready : t.notReady}</span>
                </li>
              ))}
            </ul>
          </fieldset>
          {blocked && <p class="notice">{t.notReadyHelp}</p>}
          <button type="submit" class="primary" disabled={busy || blocked}>
            {busy ? t.rotating : t.rotate}
          </button>
        </form>
      )}
      {awaitingSignature && (
        <section class="stack" aria-labelledby="offline-title">
          <h2 id="offline-title">{t.offlineTitle}</h2>
          <p>{t.offlineHelp}</p>
          <pre>
            <code>vangnet anchor sign-list anchor-private-key.txt recipient-list.json &gt; signed.json</code>
          </pre>
          <button type="button" onClick={() => void download()}>
            {t.download}
          </button>
          <form onSubmit={store} class="stack">
            <label for="signed-list">{t.upload}</label>
            <input id="signed-list" type="file" accept="application/json,.json" required ref={upload} />
            <button type="submit" class="primary" disabled={busy}>
              {t.store}
            </button>
          </form>
        </section>
      )}
    </main>
  );
}
