import { useEffect, useState } from 'preact/hooks';
import { useI18n } from '../i18n/index.ts';
import { PinField } from '../vault/pin-field.tsx';
import { PinProgress } from '../vault/pin-progress.tsx';
import {
  createVaultWithPin,
  forgetReceipt,
  hasRememberedReceipt,
  rememberReceipt,
  vaultExists,
} from '../vault/vault-store.ts';
import { pushState, pushSupported, turnPushOff, turnPushOn } from './push-api.ts';

const MIN_PIN = 4;

/**
 * What this device may do for the reporter, each only when they ask: remember the code in the PIN
 * vault, and say "there is news" with a notification. Its own chunk: the follow-up screen loads it
 * once a report is open, the first screen never.
 */
export function DeviceOptions(props: { code: string; accessToken: string }) {
  const { t } = useI18n();
  return (
    <section class="device-options" aria-labelledby="device-title">
      <h2 id="device-title">{t.deviceTitle}</h2>
      <RememberCode code={props.code} />
      <PushOptIn accessToken={props.accessToken} />
    </section>
  );
}

function RememberCode({ code }: { code: string }) {
  const { t } = useI18n();
  const [remembered, setRemembered] = useState<boolean | null>(null);
  const [pickPin, setPickPin] = useState(false);
  const [pin, setPin] = useState('');
  const [again, setAgain] = useState('');
  const [note, setNote] = useState<{ text: string; error?: boolean } | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    void hasRememberedReceipt().then(setRemembered);
  }, []);

  const save = async () => {
    setBusy(true);
    try {
      await rememberReceipt(code);
      setRemembered(true);
      setPickPin(false);
      setNote({ text: t.rememberSaved });
    } catch {
      setNote({ text: t.problems.unknown ?? '', error: true });
    } finally {
      setBusy(false);
    }
  };

  const onToggle = async (on: boolean) => {
    setNote(null);
    if (!on) {
      setPickPin(false);
      await forgetReceipt();
      setRemembered(false);
      setNote({ text: t.rememberForgotten });
      return;
    }
    // With a vault, saving needs no PIN (it is sealed to the vault); without one, the child picks a PIN first.
    if (await vaultExists()) await save();
    else setPickPin(true);
  };

  const createAndSave = async () => {
    if (pin.length < MIN_PIN) return setNote({ text: t.vaultPinShort, error: true });
    if (pin !== again) return setNote({ text: t.vaultPinMismatch, error: true });
    setBusy(true);
    setNote({ text: t.vaultBusy });
    try {
      await createVaultWithPin(pin);
    } finally {
      setBusy(false);
    }
    await save();
  };

  if (remembered === null) return null;
  return (
    <div class="remember-code">
      <div class="check">
        <input
          id="remember-code"
          type="checkbox"
          checked={remembered || pickPin}
          disabled={busy}
          aria-describedby="remember-hint"
          onChange={(e) => void onToggle(e.currentTarget.checked)}
        />
        <label for="remember-code">{t.rememberLabel}</label>
      </div>
      <p id="remember-hint" class="hint">
        {t.rememberHint}
      </p>
      {pickPin && (
        <div class="vault-create">
          <h3>{t.rememberPickPin}</h3>
          <PinField
            id="remember-pin"
            label={t.vaultPin}
            value={pin}
            onInput={setPin}
            onEnter={() => void createAndSave()}
            autocomplete="new-password"
          />
          <PinField
            id="remember-pin-again"
            label={t.vaultPinAgain}
            value={again}
            onInput={setAgain}
            onEnter={() => void createAndSave()}
            autocomplete="new-password"
          />
          <button type="button" class="secondary-btn" disabled={busy} onClick={() => void createAndSave()}>
            {t.rememberSave}
          </button>
          {busy && <PinProgress label={t.vaultLocking} />}
        </div>
      )}
      <p role="status" class={note?.error ? 'error' : 'done'}>
        {note?.text ?? ''}
      </p>
    </div>
  );
}

function PushOptIn({ accessToken }: { accessToken: string }) {
  const { t, lang } = useI18n();
  const [state, setState] = useState<{ enabled: boolean; key: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const [note, setNote] = useState<{ text: string; error?: boolean } | null>(null);

  useEffect(() => {
    if (!pushSupported()) return;
    pushState(accessToken)
      .then((s) => s.vapidPublicKey && setState({ enabled: s.enabled, key: s.vapidPublicKey }))
      .catch(() => setState(null));
  }, [accessToken]);

  // No push on this browser or server: nothing to offer, nothing to explain.
  if (!state) return null;
  const onToggle = async (on: boolean) => {
    setBusy(true);
    setNote(null);
    try {
      if (on) {
        const result = await turnPushOn(accessToken, state.key, lang);
        if (result === 'on') {
          setState({ ...state, enabled: true });
          setNote({ text: t.pushOn });
        } else {
          setNote({ text: result === 'denied' ? t.pushDenied : t.pushFailed, error: true });
        }
      } else if (await turnPushOff(accessToken)) {
        setState({ ...state, enabled: false });
        setNote({ text: t.pushOff });
      } else {
        setNote({ text: t.pushFailed, error: true });
      }
    } finally {
      setBusy(false);
    }
  };
  return (
    <div class="push-optin">
      <div class="check">
        <input
          id="push-news"
          type="checkbox"
          checked={state.enabled}
          disabled={busy}
          aria-describedby="push-hint"
          onChange={(e) => void onToggle(e.currentTarget.checked)}
        />
        <label for="push-news">{t.pushLabel}</label>
      </div>
      <p id="push-hint" class="hint">
        {t.pushHint}
      </p>
      <p role="status" class={note?.error ? 'error' : 'done'}>
        {note?.text ?? ''}
      </p>
    </div>
  );
}
