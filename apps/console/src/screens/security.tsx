import { useEffect, useRef, useState } from 'preact/hooks';
import { PasskeyPolicy } from '../components/passkey-policy.tsx';
import { deleteJson, getJson } from '../lib/api.ts';
import { addPasskey, type PasskeyView, passkeyErrorCode, passkeysSupported } from '../lib/passkey.ts';
import { hrefOf, onLinkClick } from '../lib/router.ts';
import { currentSession, workerKeyring } from '../lib/session.ts';
import { errorText, text } from '../lib/text.ts';

type Listing = { passkeys: PasskeyView[]; required: boolean };

const when = (iso: string) =>
  new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/**
 * The signed-in worker's passkeys: list, add, remove (each audited by the server). Adding one needs
 * the console unlocked, because with PRF the helpline key is wrapped for the new passkey here.
 */
export function Security() {
  const t = text.passkeys;
  const session = currentSession();
  const [listing, setListing] = useState<Listing | null>(null);
  const [status, setStatus] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [addedInEnrolment, setAddedInEnrolment] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);
  const nameField = useRef<HTMLInputElement>(null);

  async function load() {
    try {
      setListing(await getJson<Listing>('/staff/passkeys'));
    } catch (e) {
      setError(errorText(passkeyErrorCode(e)));
    }
  }

  // The rule section is for roles that manage workers (administrators, by default).
  const [manages, setManages] = useState(false);
  useEffect(() => {
    heading.current?.focus();
    void load();
    if (!session?.mustAddPasskey) {
      void getJson<{ permissions: string[] }>('/staff/me')
        .then((me) => setManages(me.permissions.includes('worker.manage')))
        .catch(() => {});
    }
  }, []);

  async function add(event: Event) {
    event.preventDefault();
    const name = nameField.current?.value.trim() ?? '';
    const keyring = workerKeyring();
    if (!name || !keyring) return;
    setBusy(true);
    setError(null);
    setStatus('');
    try {
      const passkey = await addPasskey(name, keyring);
      setStatus(t.addedOne(passkey.name));
      if (session?.mustAddPasskey) setAddedInEnrolment(true);
      if (nameField.current) nameField.current.value = '';
      await load();
    } catch (e) {
      setError(errorText(passkeyErrorCode(e)));
    } finally {
      setBusy(false);
    }
  }

  async function remove(passkey: PasskeyView) {
    setError(null);
    setStatus('');
    try {
      await deleteJson(`/staff/passkeys/${encodeURIComponent(passkey.id)}`);
      setStatus(t.removedOne(passkey.name));
      await load();
      // The removed row's button is gone: keep the keyboard user in the screen, not at the top.
      heading.current?.focus();
    } catch (e) {
      setError(errorText(passkeyErrorCode(e)));
    }
  }

  const supported = passkeysSupported();
  return (
    <main id="main" class="security stack">
      {!session?.mustAddPasskey && (
        <a href={hrefOf({ name: 'queue' })} onClick={onLinkClick({ name: 'queue' })}>
          {t.back}
        </a>
      )}
      <h1 tabIndex={-1} ref={heading}>
        {t.title}
      </h1>
      {session?.mustAddPasskey && <p class="notice">{addedInEnrolment ? t.addedSignOut : t.mustAdd}</p>}
      {!session?.mustAddPasskey && listing?.required && <p class="notice">{t.required}</p>}
      <p>{t.intro}</p>
      <p class="muted">{t.keysNote}</p>
      <p role="status">{status}</p>
      {error && (
        <p class="notice notice-error" role="alert">
          {error}
        </p>
      )}
      <h2>{t.listTitle}</h2>
      {listing && listing.passkeys.length === 0 && <p>{t.none}</p>}
      {listing && listing.passkeys.length > 0 && (
        <table class="passkeys">
          <caption class="visually-hidden">{t.listTitle}</caption>
          <thead>
            <tr>
              <th scope="col">{t.name}</th>
              <th scope="col">{t.added}</th>
              <th scope="col">{t.lastUsed}</th>
              <th scope="col">{t.unlocksKeys}</th>
              <th scope="col">{t.actions}</th>
            </tr>
          </thead>
          <tbody>
            {listing.passkeys.map((p) => (
              <tr key={p.id} data-passkey-id={p.id}>
                <th scope="row">{p.name}</th>
                <td>{when(p.createdAt)}</td>
                <td>{p.lastUsedAt ? when(p.lastUsedAt) : t.never}</td>
                <td>{p.unlocksKeys ? t.yes : t.no}</td>
                <td>
                  <button type="button" aria-label={t.remove(p.name)} onClick={() => void remove(p)}>
                    {t.removeLabel}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {supported ? (
        <form onSubmit={add} class="stack">
          <h2>{t.add}</h2>
          <label for="passkey-name">{t.name}</label>
          <input
            id="passkey-name"
            name="name"
            required
            maxLength={60}
            autoComplete="off"
            aria-describedby="passkey-name-hint"
            ref={nameField}
          />
          <p id="passkey-name-hint" class="muted">
            {t.nameHint}
          </p>
          <button type="submit" class="primary" disabled={busy}>
            {busy ? t.adding : t.add}
          </button>
        </form>
      ) : (
        <p>{t.notSupported}</p>
      )}
      {manages && <PasskeyPolicy />}
    </main>
  );
}
