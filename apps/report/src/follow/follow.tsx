import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { useApp } from '../app-context.ts';
import { useDraft } from '../flow/draft.ts';
import { useI18n } from '../i18n/index.ts';
import { wordsFor } from '../i18n/role-words.ts';
import { lazyScreen } from '../lazy.tsx';
import { Title } from '../shell.tsx';
import { PinField } from '../vault/pin-field.tsx';
import { PinProgress } from '../vault/pin-progress.tsx';
import { DidItHelp } from './did-it-help.tsx';
import type { AgeIdentity, ReporterKeysLike } from './follow-api.ts';
import { FollowError, type OpenedReport, openReport, sendReply } from './follow-api.ts';
import { describeTimeline } from './timeline-words.ts';

// Remembering the code and push live in their own chunk, loaded once a report is open.
const DeviceOptions = lazyScreen<{ code: string; accessToken: string }>(() =>
  import('./device-options.tsx').then((m) => m.DeviceOptions),
);
const vault = () => import('../vault/vault-store.ts');

/**
 * Follow-up with the receipt code, on any device: the code rebuilds the reporter's keys, the access
 * token fetches the report's status and sealed messages, the identity opens them, and a reply is sealed
 * to the helpline and to the reporter. The code stays in this screen's memory only, unless the
 * reporter asks this device to remember it in the PIN vault: then the PIN opens the report.
 */
export function Follow() {
  const { t: base, lang } = useI18n();
  const draft = useDraft();
  // Worded for the reporter's role when this phone sent the report (a parent: "your code", "vous").
  const t = wordsFor(base, draft?.role);
  const [input, setInput] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [opened, setOpened] = useState<{
    code: string;
    keys: ReporterKeysLike;
    report: OpenedReport;
  } | null>(null);
  const [remembered, setRemembered] = useState(false);
  const [pin, setPin] = useState('');
  const [pinError, setPinError] = useState<string | null>(null);
  // The PIN's key derivation is running (in a worker): show the bar.
  const [deriving, setDeriving] = useState(false);

  useEffect(() => {
    // Straight from the receipt screen: the code is already known on this device.
    if (draft?.receipt && !input) setInput(draft.receipt.replace(/(\d{3})(?=\d)/g, '$1 '));
  }, [draft?.receipt]);

  useEffect(() => {
    void vault()
      .then((v) => v.hasRememberedReceipt())
      .then(setRemembered);
  }, []);

  const open = async (code?: string) => {
    setBusy(true);
    setError(null);
    try {
      const given = code ?? input;
      setOpened({ code: given, ...(await openReport(given)) });
    } catch (e) {
      setError(
        e instanceof FollowError
          ? { typo: t.followTypo, 'not-found': t.followNotFound, offline: t.followOffline }[e.reason]
          : (t.problems.unknown ?? ''),
      );
    } finally {
      setBusy(false);
    }
  };

  const openWithPin = async () => {
    if (!pin) return;
    setBusy(true);
    setDeriving(true);
    setPinError(null);
    const v = await vault();
    const ok = await v.unlockWithPin(pin).finally(() => setDeriving(false));
    setBusy(false);
    if (!ok) {
      setPinError(t.vaultWrongPin);
      return;
    }
    setPin('');
    await open(await v.openRememberedReceipt());
  };

  if (opened) {
    return (
      <OpenedView
        report={opened.report}
        identity={opened.keys.identity}
        onReply={async (text, key) => {
          await sendReply(opened.keys, text, key);
          setOpened({ ...opened, report: (await openReport(opened.keys)).report });
        }}
        lang={lang}
      >
        {opened.report.status === 'closed' && <DidItHelp accessToken={opened.keys.accessToken} />}
        <DeviceOptions code={opened.code} accessToken={opened.keys.accessToken} />
      </OpenedView>
    );
  }
  return (
    <section class="screen follow">
      <Title>{t.followTitle}</Title>
      {remembered && (
        <form
          class="follow-pin"
          onSubmit={(e) => {
            e.preventDefault();
            void openWithPin();
          }}
        >
          <PinField
            id="follow-pin"
            label={t.followPinLabel}
            value={pin}
            onInput={setPin}
            onEnter={() => void openWithPin()}
            autocomplete="current-password"
          />
          {deriving && <PinProgress label={t.vaultLocking} />}
          {pinError && (
            <p class="error" role="alert">
              {pinError}
            </p>
          )}
          <div class="actions">
            <button type="submit" class="primary-btn" disabled={busy || pin === ''}>
              {t.followWithPin}
            </button>
          </div>
          <p class="hint">{t.followOrCode}</p>
        </form>
      )}
      {/* The code form, with the alert below it shared by both ways in. */}
      <CodeForm
        input={input}
        setInput={setInput}
        error={error}
        busy={busy}
        remembered={remembered}
        onOpen={() => void open()}
      />
    </section>
  );
}

function CodeForm(props: {
  input: string;
  setInput: (v: string) => void;
  error: string | null;
  busy: boolean;
  remembered: boolean;
  onOpen: () => void;
}) {
  const { t } = useI18n();
  const { input, error, busy } = props;
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        props.onOpen();
      }}
    >
      <div class="field">
        <label for="code">{t.followLabel}</label>
        <input
          id="code"
          dir="ltr"
          inputMode="numeric"
          autocomplete="off"
          spellcheck={false}
          value={input}
          aria-invalid={error ? 'true' : undefined}
          aria-describedby={error ? 'code-error' : undefined}
          onInput={(e) => props.setInput(e.currentTarget.value)}
        />
      </div>
      {error && (
        <p id="code-error" class="error" role="alert">
          {error}
        </p>
      )}
      <div class="actions">
        <button
          type="submit"
          class={props.remembered ? 'secondary-btn' : 'primary-btn'}
          disabled={busy || input.trim() === ''}
        >
          {busy ? t.vaultBusy : t.followOpen}
        </button>
      </div>
    </form>
  );
}

function OpenedView(props: {
  report: OpenedReport;
  identity: AgeIdentity;
  lang: string;
  onReply: (text: string, idempotencyKey: string) => Promise<void>;
  children?: ComponentChildren;
}) {
  const t = wordsFor(useI18n().t, useDraft()?.role);
  const { report } = props;
  const [reply, setReply] = useState('');
  // One key per reply, chosen before the first try: pressing Send twice, or a retry, posts it once.
  const [replyKey, setReplyKey] = useState(() => crypto.randomUUID());
  const [state, setState] = useState<'idle' | 'busy' | 'sent' | 'failed'>('idle');
  const { pack } = useApp();
  const timeZone = pack?.meta.timeZone;
  const when = new Intl.DateTimeFormat(props.lang, {
    dateStyle: 'medium',
    timeStyle: 'short',
    ...(timeZone ? { timeZone } : {}),
  });
  const lines = describeTimeline(report.timeline, {
    words: t.timeline,
    lang: props.lang,
    ...(timeZone ? { timeZone } : {}),
    helplineName: pack?.meta.helpline.name ?? t.followFromHelpline,
    services: pack?.services ?? [],
    platforms: pack?.platforms ?? [],
  });
  return (
    <section class="screen follow-open">
      <Title>{t.followTitle}</Title>
      <p>
        <strong>{t.followStatus}:</strong>{' '}
        <span data-testid="status">{t.status[report.status] ?? report.status}</span>
      </p>
      <h2>{t.followTimeline}</h2>
      <ol class="timeline" data-testid="timeline">
        {lines.map((line) => (
          <li key={line.key}>
            <time dateTime={line.at}>{when.format(new Date(line.at))}</time>
            {' · '}
            {line.text}
            {line.unchecked && <span class="check-note">{line.unchecked}</span>}
          </li>
        ))}
      </ol>
      <h2>{t.followMessages}</h2>
      {report.messages.length === 0 ? (
        <p>{t.followNoMessages}</p>
      ) : (
        <ul class="messages">
          {report.messages.map((m) => (
            <li key={m.id} class={m.author === 'helpline' ? 'msg-helpline' : 'msg-self'}>
              <span class="msg-from">{m.author === 'helpline' ? t.followFromHelpline : t.followFromYou}</span>
              {' · '}
              <time dateTime={m.createdAt}>{when.format(new Date(m.createdAt))}</time>
              <p class="msg-text">{m.text ?? t.followUnreadable}</p>
            </li>
          ))}
        </ul>
      )}
      <form
        onSubmit={async (e) => {
          e.preventDefault();
          if (!reply.trim()) return;
          setState('busy');
          try {
            await props.onReply(reply, replyKey);
            setReply('');
            setReplyKey(crypto.randomUUID());
            setState('sent');
          } catch {
            setState('failed');
          }
        }}
      >
        <div class="field">
          <label for="reply">{t.followReplyLabel}</label>
          <textarea id="reply" rows={4} value={reply} onInput={(e) => setReply(e.currentTarget.value)} />
        </div>
        <button type="submit" class="primary-btn" disabled={state === 'busy' || !reply.trim()}>
          {t.followSend}
        </button>
        <p role="status" class={state === 'failed' ? 'error' : 'done'}>
          {state === 'sent' ? t.followSent : state === 'failed' ? t.problems.network : ''}
        </p>
      </form>
      {props.children}
    </section>
  );
}
