import { isHashOnlyRoute } from '@vangnet/core/report-metadata';
import { useEffect, useState } from 'preact/hooks';
import { useApp } from '../app-context.ts';
import { useI18n } from '../i18n/index.ts';
import { wordsFor } from '../i18n/role-words.ts';
import { useNav } from '../nav.ts';
import { UnlockVault } from '../vault/evidence-step.tsx';
import { PinProgress } from '../vault/pin-progress.tsx';
import { isUnlocked, listItems, unlockWithPin } from '../vault/vault-store.ts';
import { flushDraft, useDraft } from './draft.ts';
import { StepFrame } from './step-frame.tsx';
import { type Step, stepsFor } from './steps.ts';

/** Everything once more, each with "Change", then "Send". Evidence needs the PIN to be re-sealed. */
export function Review() {
  const { t: base } = useI18n();
  const { pack } = useApp();
  const nav = useNav();
  const draft = useDraft();
  const [itemCount, setItemCount] = useState(0);
  const [unlocked, setUnlocked] = useState(isUnlocked());
  const [busy, setBusy] = useState(false);
  const [pinError, setPinError] = useState(false);
  useEffect(() => {
    void listItems().then((items) => setItemCount(items.length));
  }, []);
  if (!draft) return null;
  const t = wordsFor(base, draft.role);

  const flags = (Object.keys(draft.flags) as (keyof typeof draft.flags)[]).filter((f) => draft.flags[f]);
  const flagText: Record<string, string> = {
    ongoing: t.flagOngoing,
    danger: t.flagDanger,
    selfHarm: t.flagSelfHarm,
    imageAbuse: t.flagImageAbuse,
  };
  const platform =
    draft.platform === 'other' ? t.whereOther : pack?.platforms.find((p) => p.id === draft.platform)?.name;
  const contact =
    draft.contactMode === 'contact'
      ? [draft.contact.name, draft.contact.email, draft.contact.phone].filter(Boolean).join(', ') ||
        t.reviewNone
      : t.reviewAnonymous;
  // Hash-only route: the pictures' codes go, the pictures do not (prepare.ts sends them on this route only).
  const codes =
    draft.category && isHashOnlyRoute({ category: draft.category, flags: draft.flags })
      ? (draft.hashes?.length ?? 0)
      : 0;
  const evidence = [itemCount ? t.vaultCount(itemCount) : '', codes ? t.hashOnlyReview(codes) : '']
    .filter(Boolean)
    .join(', ');
  const allRows: [string, string, Step][] = [
    [t.reviewWhat, draft.category ? (t.categories[draft.category]?.[0] ?? '') : '', 'what'],
    [t.reviewWhere, platform ?? draft.platform ?? '', 'where'],
    [t.reviewWho, draft.role ? (t.roles[draft.role] ?? '') : '', 'who'],
    [t.reviewAge, draft.ageBand ? (t.ages[draft.ageBand] ?? '') : '', 'age'],
    [t.reviewNow, flags.map((f) => flagText[f]).join(', ') || t.reviewNone, 'danger'],
    [t.reviewStory, draft.description.trim() || t.reviewNone, 'story'],
    [t.reviewEvidence, evidence || t.reviewNone, 'evidence'],
    [t.reviewContact, contact, 'contact'],
  ];
  // An adult about themselves was not asked the age band, so it is not offered for change either.
  const rows = allRows.filter(([, , step]) => stepsFor(draft.role).includes(step));
  const complete = !!(draft.category && draft.platform && draft.role && draft.ageBand);
  const needsPin = itemCount > 0 && !unlocked;
  return (
    <StepFrame
      step="review"
      title={t.reviewTitle}
      nextLabel={t.send}
      canNext={complete && !needsPin && !busy}
      onNext={async () => {
        await flushDraft();
        nav.go('sending');
      }}
    >
      <ul class="review">
        {rows.map(([label, value, step]) => (
          <li key={step}>
            <span class="k">{label}</span>
            <span class="item-text">{value}</span>
            <button type="button" class="link-btn" onClick={() => nav.go(step)}>
              {t.reviewChange}
              <span class="visually-hidden"> {label}</span>
            </button>
          </li>
        ))}
      </ul>
      {needsPin && (
        <>
          <p>{t.reviewUnlockNeeded}</p>
          <UnlockVault
            busy={busy}
            onUnlock={async (pin) => {
              setBusy(true);
              const ok = await unlockWithPin(pin);
              setBusy(false);
              setPinError(!ok);
              setUnlocked(ok);
            }}
          />
          {busy && <PinProgress label={t.vaultLocking} />}
          {pinError && (
            <p class="error" role="alert">
              {t.vaultWrongPin}
            </p>
          )}
        </>
      )}
    </StepFrame>
  );
}
