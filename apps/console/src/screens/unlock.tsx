import { useState } from 'preact/hooks';
import { postJson } from '../lib/api.ts';
import { loadCrypto } from '../lib/crypto.ts';
import { useFocusOnMount } from '../lib/focus.ts';
import { passkeyErrorCode, unlockWithPasskey } from '../lib/passkey.ts';
import { currentSession, endSession, unlock } from '../lib/session.ts';
import { errorText, text } from '../lib/text.ts';
import { unlockKeys } from '../lib/unlock-keys.ts';

/** After inactivity the identity is gone from memory; the password unwraps it again, locally. */
export function Unlock() {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const session = currentSession()!;
  const field = useFocusOnMount<HTMLInputElement>();

  async function submit(event: Event) {
    event.preventDefault();
    const input = (event.currentTarget as HTMLFormElement).elements.namedItem('password') as HTMLInputElement;
    setBusy(true);
    setError(null);
    try {
      const crypto = await loadCrypto();
      const secrets = await crypto.deriveWorkerSecrets(input.value, session.kdfSalt);
      const keyring = await crypto.unwrapKeyring(session.wrappedHelplineKey, secrets.unwrapKey);
      const keys = await unlockKeys(crypto, keyring, secrets.unwrapKey);
      secrets.unwrapKey.fill(0);
      unlock(keys, keys.wrapped);
    } catch {
      setError(errorText('unlock.wrong-password'));
      input.value = '';
    } finally {
      setBusy(false);
    }
  }

  async function submitPasskey() {
    const passkey = session.prfPasskey;
    if (!passkey) return;
    setBusy(true);
    setError(null);
    try {
      const keyring = await unlockWithPasskey(passkey.id, passkey.wrappedKey);
      if (keyring) unlock(await unlockKeys(await loadCrypto(), keyring));
      else setError(errorText('passkey.cancelled'));
    } catch (e) {
      setError(errorText(passkeyErrorCode(e)));
    } finally {
      setBusy(false);
    }
  }

  async function signOut() {
    try {
      await postJson('/staff/logout', {});
    } finally {
      endSession();
    }
  }

  return (
    <main id="main" class="sign-in">
      <h1>{session.signedInWithPasskey ? text.passkeys.passwordStillTitle : text.signIn.lockedTitle}</h1>
      <p>{session.signedInWithPasskey ? text.passkeys.passwordStill : text.signIn.lockedBody}</p>
      {error && (
        <p class="notice notice-error" role="alert">
          {error}
        </p>
      )}
      {session.prfPasskey && (
        <div class="stack">
          <button type="button" class="primary" disabled={busy} onClick={() => void submitPasskey()}>
            {text.passkeys.unlockWith}
          </button>
          <p class="muted">{text.passkeys.orPassword}</p>
        </div>
      )}
      <form onSubmit={submit} class="stack">
        <p class="muted">{session.email}</p>
        <label for="unlock-password">{text.signIn.password}</label>
        <input
          id="unlock-password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
          ref={field}
        />
        <div class="row">
          <button type="button" onClick={signOut}>
            {text.signIn.signOut}
          </button>
          <button type="submit" class="primary" disabled={busy}>
            {busy ? text.signIn.working : text.signIn.unlock}
          </button>
        </div>
      </form>
    </main>
  );
}
