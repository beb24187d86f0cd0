import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, postJson } from '../lib/api.ts';
import { loadCrypto } from '../lib/crypto.ts';
import { passkeyErrorCode, passkeysSupported, signInWithPasskey, unwrapWithPrf } from '../lib/passkey.ts';
import { startLockedSession, startSession } from '../lib/session.ts';
import { errorText, text } from '../lib/text.ts';
import type { Worker } from '../lib/types.ts';
import { unlockKeys } from '../lib/unlock-keys.ts';

type Step = 'email' | 'password' | 'totp';
type Derived = { authKey: string; unwrapKey: Uint8Array };

/**
 * E-mail → prelogin (the worker's KDF salt) → password, derived here into authKey + unwrapKey (the
 * password never leaves the browser) → TOTP code → login → the helpline identity is unwrapped here.
 * Derivation starts as soon as the password is in, so it runs while the worker types the code.
 */
export function SignIn() {
  const [step, setStep] = useState<Step>('email');
  const [email, setEmail] = useState('');
  const [salt, setSalt] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const derived = useRef<Promise<Derived> | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);

  const field = useRef<HTMLInputElement>(null);
  useEffect(() => {
    heading.current?.focus();
  }, []);
  // Each later step has one field: put the cursor in it.
  useEffect(() => {
    if (step !== 'email') field.current?.focus();
  }, [step]);

  async function submitEmail(event: Event) {
    event.preventDefault();
    setError(null);
    setBusy(true);
    try {
      const r = await postJson<{ kdfSalt: string }>('/staff/prelogin', { email: email.trim() });
      setSalt(r.kdfSalt);
      setStep('password');
      void loadCrypto();
    } catch (e) {
      setError(errorText(e instanceof ApiError ? e.code : 'general'));
    } finally {
      setBusy(false);
    }
  }

  function submitPassword(event: Event) {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const password = (form.elements.namedItem('password') as HTMLInputElement).value;
    setError(null);
    derived.current = loadCrypto().then((c) => c.deriveWorkerSecrets(password, salt));
    // Keep the rejection handled until the code step awaits it.
    derived.current.catch(() => {});
    setStep('totp');
  }

  async function submitTotp(event: Event) {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const totp = (form.elements.namedItem('totp') as HTMLInputElement).value.replace(/\s/g, '');
    setError(null);
    setBusy(true);
    try {
      const secrets = await derived.current!;
      const r = await postJson<{ worker: Worker; wrappedHelplineKey: string; mustAddPasskey?: boolean }>(
        '/staff/login',
        {
          email: email.trim(),
          authKey: secrets.authKey,
          totp,
        },
      );
      const crypto = await loadCrypto();
      const wrapped = crypto.fromBase64(r.wrappedHelplineKey);
      const keyring = await crypto.unwrapKeyring(wrapped, secrets.unwrapKey);
      const keys = await unlockKeys(crypto, keyring, secrets.unwrapKey);
      secrets.unwrapKey.fill(0);
      startSession(
        {
          worker: r.worker,
          email: email.trim(),
          kdfSalt: salt,
          wrappedHelplineKey: keys.wrapped ?? wrapped,
          mustAddPasskey: r.mustAddPasskey === true,
        },
        keys,
      );
    } catch (e) {
      setError(errorText(e instanceof ApiError ? e.code : 'unlock.wrong-password'));
      // A wrong password or code: start again at the password, the most likely mistake.
      if (e instanceof ApiError && e.status === 401) setStep('password');
      // This worker must use their passkey: back to the first step, where its button is.
      if (e instanceof ApiError && e.code === 'staff.passkey-required') setStep('email');
    } finally {
      setBusy(false);
    }
  }

  /**
   * Passkey instead of password + TOTP. With PRF the passkey also unwraps the helpline identity;
   * without it the console opens locked and the unlock screen asks for the password.
   */
  async function submitPasskey() {
    setError(null);
    setBusy(true);
    try {
      const { answer, prf, passkeyId } = await signInWithPasskey();
      const crypto = await loadCrypto();
      const next = {
        worker: answer.worker,
        email: answer.worker.email,
        kdfSalt: answer.kdfSalt,
        wrappedHelplineKey: answer.wrappedHelplineKey
          ? crypto.fromBase64(answer.wrappedHelplineKey)
          : new Uint8Array(),
        ...(prf && answer.passkeyWrappedKey
          ? { prfPasskey: { id: passkeyId, wrappedKey: answer.passkeyWrappedKey } }
          : {}),
      };
      const keyring =
        prf && answer.passkeyWrappedKey ? await unwrapWithPrf(answer.passkeyWrappedKey, prf) : null;
      prf?.fill(0);
      if (keyring) startSession(next, await unlockKeys(crypto, keyring));
      else startLockedSession({ ...next, signedInWithPasskey: true });
    } catch (e) {
      setError(errorText(passkeyErrorCode(e)));
    } finally {
      setBusy(false);
    }
  }

  return (
    <main id="main" class="sign-in">
      <h1 tabIndex={-1} ref={heading}>
        {text.signIn.title}
      </h1>
      {error && (
        <p class="notice notice-error" role="alert">
          {error}
        </p>
      )}
      {step === 'email' && passkeysSupported() && (
        <div class="stack">
          <button type="button" class="primary" disabled={busy} onClick={() => void submitPasskey()}>
            {busy ? text.passkeys.signingIn : text.passkeys.signInWith}
          </button>
          <p class="muted">{text.passkeys.or}</p>
        </div>
      )}
      {step === 'email' && (
        <form onSubmit={submitEmail} class="stack">
          <label for="email">{text.signIn.email}</label>
          <input
            id="email"
            name="email"
            type="email"
            autoComplete="username"
            required
            value={email}
            onInput={(e) => setEmail(e.currentTarget.value)}
          />
          <button type="submit" class="primary" disabled={busy}>
            {busy ? text.signIn.working : text.signIn.next}
          </button>
        </form>
      )}
      {step === 'password' && (
        <form onSubmit={submitPassword} class="stack">
          <p class="muted">{email}</p>
          {/* For password managers: the e-mail this password belongs to. */}
          <input type="email" name="username" autoComplete="username" value={email} readOnly hidden />
          <label for="password">{text.signIn.password}</label>
          <input
            id="password"
            name="password"
            type="password"
            autoComplete="current-password"
            required
            ref={field}
          />
          <div class="row">
            <button type="button" onClick={() => setStep('email')}>
              {text.signIn.back}
            </button>
            <button type="submit" class="primary">
              {text.signIn.next}
            </button>
          </div>
        </form>
      )}
      {step === 'totp' && (
        <form onSubmit={submitTotp} class="stack">
          <label for="totp">{text.signIn.totp}</label>
          <input
            id="totp"
            name="totp"
            inputMode="numeric"
            autoComplete="one-time-code"
            pattern="[0-9 ]{6,7}"
            aria-describedby="totp-hint"
            required
            ref={field}
          />
          <p id="totp-hint" class="muted">
            {text.signIn.totpHint}
          </p>
          <button type="submit" class="primary" disabled={busy}>
            {busy ? text.signIn.working : text.signIn.submit}
          </button>
        </form>
      )}
    </main>
  );
}
