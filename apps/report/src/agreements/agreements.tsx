import {
  AGREEMENT_AGE_BANDS,
  AGREEMENT_TOPICS,
  type AgreementTopic,
} from '@vangnet/core/pack/agreement-topics';
import { type SuggestionView, suggestionsFor } from '@vangnet/core/pack/agreements';
import { useEffect, useState } from 'preact/hooks';
import { useApp } from '../app-context.ts';
import { useI18n } from '../i18n/index.ts';
import { Title } from '../shell.tsx';
import { PinField } from '../vault/pin-field.tsx';
import { eraseAgreements, readAgreements, unlockAgreements, writeAgreements } from './agreements-device.ts';
import { emptyAgreements, type SavedAgreements, toggleAgreement } from './agreements-store.ts';
import { sheetBlocks } from './sheet.ts';

/**
 * Home agreements: a parent and a child pick from the pack's ideas for the child's age, or write their
 * own, per topic; the result is a one-page PDF or a printout. Everything stays on this device, sealed in
 * the PIN vault when the child has one (agreements-device.ts); nothing here makes a request.
 */
export function Agreements() {
  const { t } = useI18n();
  const [value, setValue] = useState<SavedAgreements | 'locked' | null>(null);
  const [status, setStatus] = useState('');
  const [error, setError] = useState('');
  // Saves run one after another, so a quick second tick never lands before the first.
  const [saving] = useState<{ last: Promise<void> }>(() => ({ last: Promise.resolve() }));
  useEffect(() => {
    void readAgreements().then(setValue);
  }, []);
  if (value === null) return <p class="loading">{t.loading}</p>;
  if (value === 'locked')
    return (
      <section class="screen agreements">
        <Title>{t.agreementsTitle}</Title>
        <Unlock onOpen={() => readAgreements().then(setValue)} />
      </section>
    );
  return (
    <Sheet
      value={value}
      setValue={setValue}
      status={[status, setStatus]}
      error={[error, setError]}
      saving={saving}
    />
  );
}

function Unlock({ onOpen }: { onOpen: () => Promise<void> }) {
  const { t } = useI18n();
  const [pin, setPin] = useState('');
  const [busy, setBusy] = useState(false);
  const [wrong, setWrong] = useState(false);
  const submit = async () => {
    if (!pin || busy) return;
    setBusy(true);
    const ok = await unlockAgreements(pin);
    setBusy(false);
    setWrong(!ok);
    if (ok) await onOpen();
  };
  return (
    <div class="vault-unlock">
      <p>{t.agreementsLocked}</p>
      <PinField
        id="agreements-pin"
        label={t.followPinLabel}
        value={pin}
        onInput={setPin}
        onEnter={submit}
        autocomplete="current-password"
      />
      <button type="button" class="secondary-btn" disabled={busy} onClick={submit}>
        {t.agreementsUnlock}
      </button>
      <p role="status">{busy ? t.vaultBusy : ''}</p>
      {wrong && (
        <p class="error" role="alert">
          {t.vaultWrongPin}
        </p>
      )}
    </div>
  );
}

function Sheet(props: {
  value: SavedAgreements;
  setValue: (v: SavedAgreements) => void;
  status: [string, (s: string) => void];
  error: [string, (s: string) => void];
  saving: { last: Promise<void> };
}) {
  const { t, lang } = useI18n();
  const { pack } = useApp();
  const { value, setValue, saving } = props;
  const [status, setStatus] = props.status;
  const [error, setError] = props.error;
  const ideas = pack && value.band ? suggestionsFor(pack, value.band, lang) : null;
  const anyUnverified = ideas ? AGREEMENT_TOPICS.some((tp) => ideas[tp].some((s) => s.unverified)) : false;
  const count = AGREEMENT_TOPICS.reduce((n, tp) => n + value.picked[tp].length, 0);

  const update = (next: SavedAgreements) => {
    setValue(next);
    setError('');
    saving.last = saving.last.then(() => writeAgreements(next)).then(() => setStatus(t.agreementsSaved));
  };
  const blocks = () =>
    sheetBlocks(
      value,
      {
        title: t.agreementsTitle,
        topics: t.agreementsTopics,
        ageLine: t.agreementsAgeLine,
        ages: t.ages,
        madeOn: t.agreementsMadeOn,
      },
      new Date().toLocaleDateString(lang, { day: 'numeric', month: 'long', year: 'numeric' }),
    );
  const savePdf = async () => {
    if (count === 0) return setError(t.agreementsNone);
    const { onePagePdf } = await import('./one-page-pdf.ts');
    const bytes = onePagePdf({
      blocks: blocks(),
      moreNote: t.agreementsMore,
      lang,
      title: t.agreementsTitle,
    });
    const url = URL.createObjectURL(
      new Blob([bytes as Uint8Array<ArrayBuffer>], { type: 'application/pdf' }),
    );
    const a = document.createElement('a');
    a.href = url;
    a.download = t.agreementsFile;
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
    setStatus(t.agreementsPdfReady);
  };
  const print = () => {
    if (count === 0) return setError(t.agreementsNone);
    window.print();
  };

  return (
    <section class="screen agreements">
      <Title>{t.agreementsTitle}</Title>
      <div class="agreements-form">
        <p class="lead">{t.agreementsIntro}</p>
        <div class="field">
          <label for="agreements-age">{t.agreementsAge}</label>
          <select
            id="agreements-age"
            value={value.band}
            onChange={(e) => {
              const band = (e.currentTarget as HTMLSelectElement).value;
              const found = AGREEMENT_AGE_BANDS.find((b) => b === band);
              update({ ...value, band: found ?? '' });
            }}
          >
            <option value="">{t.agreementsAgePick}</option>
            {AGREEMENT_AGE_BANDS.map((band) => (
              <option key={band} value={band}>
                {t.ages[band]}
              </option>
            ))}
          </select>
        </div>
        {anyUnverified && <p class="check-note">{t.agreementsCheck}</p>}
        {AGREEMENT_TOPICS.map((topic) => (
          <Topic
            key={topic}
            topic={topic}
            ideas={ideas?.[topic] ?? []}
            picked={value.picked[topic]}
            onToggle={(text, on) => update(toggleAgreement(value, topic, text, on))}
          />
        ))}
        <div class="actions">
          <button type="button" class="primary-btn" onClick={savePdf}>
            {t.agreementsPdf}
          </button>
          <button type="button" class="secondary-btn" onClick={print}>
            {t.agreementsPrint}
          </button>
        </div>
        {error && (
          <p class="error" role="alert">
            {error}
          </p>
        )}
        <p role="status">{status}</p>
        {count > 0 && (
          <button
            type="button"
            class="link-btn"
            onClick={async () => {
              await saving.last;
              await eraseAgreements();
              setValue(emptyAgreements());
              setStatus(t.agreementsDeleted);
            }}
          >
            {t.agreementsDelete}
          </button>
        )}
      </div>
      {/* What window.print() puts on paper (styles.css, @media print): the sheet alone, no buttons. */}
      <div class="print-sheet">
        {blocks().map((b, i) =>
          b.kind === 'title' ? null : b.kind === 'heading' ? (
            <h2 key={i}>{b.text}</h2>
          ) : (
            <p key={i} class={b.kind === 'item' ? 'print-item' : ''}>
              {b.text}
            </p>
          ),
        )}
      </div>
    </section>
  );
}

function Topic(props: {
  topic: AgreementTopic;
  ideas: SuggestionView[];
  picked: string[];
  onToggle: (text: string, on: boolean) => void;
}) {
  const { t, lang } = useI18n();
  const [own, setOwn] = useState('');
  // The pack's ideas for this age first, then what the family wrote (or kept from another age).
  const known = new Set(props.ideas.map((s) => s.text));
  const rows = [
    ...props.ideas.map((s) => ({ text: s.text, lang: s.lang })),
    ...props.picked.filter((text) => !known.has(text)).map((text) => ({ text, lang })),
  ];
  const add = () => {
    if (!own.trim()) return;
    props.onToggle(own, true);
    setOwn('');
  };
  const base = `agreements-${props.topic}`;
  return (
    <fieldset class="options agreements-topic" data-testid={base}>
      <legend>
        <h2>{t.agreementsTopics[props.topic]}</h2>
      </legend>
      {rows.map((row, i) => (
        <label key={row.text} class="check" for={`${base}-${i}`}>
          <input
            id={`${base}-${i}`}
            type="checkbox"
            checked={props.picked.includes(row.text)}
            onChange={(e) => props.onToggle(row.text, (e.currentTarget as HTMLInputElement).checked)}
          />
          <span lang={row.lang === lang ? undefined : row.lang}>{row.text}</span>
        </label>
      ))}
      <div class="field">
        <label for={`${base}-own`}>{t.agreementsOwn}</label>
        <input
          id={`${base}-own`}
          maxLength={200}
          value={own}
          onInput={(e) => setOwn((e.currentTarget as HTMLInputElement).value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              add();
            }
          }}
        />
        <button type="button" class="secondary-btn" disabled={!own.trim()} onClick={add}>
          {t.agreementsAdd}
        </button>
      </div>
    </fieldset>
  );
}
