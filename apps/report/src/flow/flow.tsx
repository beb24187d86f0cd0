import { isHashOnlyRoute } from '@vangnet/core/report-metadata';
import { type AgeBand, CATEGORY_CODES, type CategoryCode, ROLES, type Role } from '@vangnet/core/taxonomy';
import { useEffect } from 'preact/hooks';
import { useApp } from '../app-context.ts';
import { type Messages, useI18n } from '../i18n/index.ts';
import { wordsFor } from '../i18n/role-words.ts';
import { lazyScreen } from '../lazy.tsx';
import type { Screen } from '../nav.ts';
import { useNav } from '../nav.ts';
import { type Draft, forgetDraft, updateDraft, useDraft } from './draft.ts';
import { CategoryIcon } from './icons.tsx';
import { RouteAdvice, routeAdvice } from './route-advice.tsx';
import { Options, StepFrame } from './step-frame.tsx';
import { ageBandsFor, FIRST_STEP, isStep, stepAfter } from './steps.ts';

const Evidence = lazyScreen<object>(() => import('../vault/evidence-step.tsx').then((m) => m.EvidenceStep));
const HashOnly = lazyScreen<{ draft: Draft }>(() =>
  import('../hash-only/hash-only-step.tsx').then((m) => m.HashOnlyStep),
);
const Review = lazyScreen<object>(() => import('./review.tsx').then((m) => m.Review));
const Sending = lazyScreen<object>(() => import('../send/sending.tsx').then((m) => m.Sending));
const Receipt = lazyScreen<object>(() => import('../send/receipt.tsx').then((m) => m.Receipt));

/** The report flow's screens; each waits for the (encrypted) draft before it shows. */
export function Flow({ screen }: { screen: Screen }) {
  const draft = useDraft();
  const { t } = useI18n();
  const sealedAlready = !!draft?.outboxId && screen === FIRST_STEP;
  // A new report after one was sealed: start from empty. The sealed one lives on in the outbox.
  useEffect(() => {
    if (sealedAlready) forgetDraft();
  }, [sealedAlready]);
  if (!draft || sealedAlready) return <p class="loading">{t.loading}</p>;
  switch (screen) {
    case 'what':
      return <What draft={draft} />;
    case 'where':
      return <Where draft={draft} />;
    case 'who':
      return <Who draft={draft} />;
    case 'age':
      return <Age draft={draft} />;
    case 'danger':
      return <Danger draft={draft} />;
    case 'story':
      return <Story draft={draft} />;
    case 'evidence':
      // Image abuse and sextortion: the picture stays on the phone, only its codes are sent.
      return draft.category && isHashOnlyRoute({ category: draft.category, flags: draft.flags }) ? (
        <HashOnly draft={draft} />
      ) : (
        <Evidence />
      );
    case 'contact':
      return <Contact draft={draft} />;
    case 'review':
      return <Review />;
    case 'sending':
      return <Sending />;
    case 'receipt':
      return <Receipt />;
    default:
      return null;
  }
}

function useNext(draft: Draft) {
  const nav = useNav();
  return () => {
    if (isStep(nav.screen)) nav.go(stepAfter(nav.screen, draft.role));
  };
}

/** The catalog worded for this reporter's role ("What happened to your child?"). */
function useWords(draft: Draft): Messages {
  return wordsFor(useI18n().t, draft.role);
}

function What({ draft }: { draft: Draft }) {
  const t = useWords(draft);
  const nav = useNav();
  const next = useNext(draft);
  return (
    <StepFrame
      step="what"
      title={t.whatTitle}
      hint={t.whatHint}
      canNext={!!draft.category}
      onNext={() => (draft.category === 'self-harm' ? nav.go('crisis-flow') : next())}
    >
      <Options
        name="category"
        legend={t.whatTitle}
        value={draft.category}
        onChange={(v) => updateDraft({ category: v as CategoryCode })}
        options={CATEGORY_CODES.map((code) => {
          const [label, hint] = t.categories[code] ?? [code, ''];
          return { value: code, label, hint, icon: <CategoryIcon code={code} /> };
        })}
      />
    </StepFrame>
  );
}

function Where({ draft }: { draft: Draft }) {
  const t = useWords(draft);
  const { pack } = useApp();
  const next = useNext(draft);
  const platforms = (pack?.platforms ?? []).map((p) => ({ value: p.id, label: p.name }));
  return (
    <StepFrame step="where" title={t.whereTitle} canNext={!!draft.platform} onNext={next}>
      <Options
        name="platform"
        legend={t.whereTitle}
        value={draft.platform}
        onChange={(v) => updateDraft({ platform: v })}
        options={[...platforms.filter((p) => p.value !== 'other'), { value: 'other', label: t.whereOther }]}
      />
    </StepFrame>
  );
}

function Who({ draft }: { draft: Draft }) {
  const t = useWords(draft);
  const next = useNext(draft);
  return (
    <StepFrame step="who" title={t.whoTitle} canNext={!!draft.role} onNext={next}>
      <Options
        name="role"
        legend={t.whoTitle}
        value={draft.role}
        onChange={(v) => {
          const role = v as Role;
          // An adult about themselves is 18 or older: the age step is skipped (steps.ts). Leaving that
          // role clears the age it implied, so the new role's own age question is answered.
          const ageBand = role === 'adult' ? '18-plus' : draft.role === 'adult' ? undefined : draft.ageBand;
          void updateDraft({ role, ageBand });
        }}
        options={ROLES.map((r) => ({ value: r, label: t.roles[r] ?? r }))}
      />
    </StepFrame>
  );
}

function Age({ draft }: { draft: Draft }) {
  const t = useWords(draft);
  const next = useNext(draft);
  return (
    <StepFrame step="age" title={t.ageTitle} canNext={!!draft.ageBand} onNext={next}>
      <Options
        name="age"
        legend={t.ageTitle}
        value={draft.ageBand}
        onChange={(v) => updateDraft({ ageBand: v as AgeBand })}
        options={ageBandsFor(draft.role).map((a) => ({ value: a, label: t.ages[a] ?? a }))}
      />
    </StepFrame>
  );
}

const FLAG_LABELS = {
  ongoing: 'flagOngoing',
  danger: 'flagDanger',
  selfHarm: 'flagSelfHarm',
  imageAbuse: 'flagImageAbuse',
} as const;

function Danger({ draft }: { draft: Draft }) {
  const t = useWords(draft);
  const { pack } = useApp();
  const nav = useNav();
  const next = useNext(draft);
  return (
    <StepFrame
      step="danger"
      title={t.dangerTitle}
      hint={t.dangerHint}
      // Danger or self-harm: help first, at once. The report waits, saved, on the crisis screen.
      onNext={() => (draft.flags.danger || draft.flags.selfHarm ? nav.go('crisis-flow') : next())}
    >
      <fieldset class="options">
        <legend class="visually-hidden">{t.dangerTitle}</legend>
        {(Object.keys(FLAG_LABELS) as (keyof typeof FLAG_LABELS)[]).map((flag) => (
          <label key={flag} class="option">
            <input
              type="checkbox"
              name={flag}
              checked={draft.flags[flag]}
              onChange={(e) =>
                updateDraft({
                  flags: { ...draft.flags, [flag]: (e.currentTarget as HTMLInputElement).checked },
                })
              }
            />
            <span class="option-text">{t[FLAG_LABELS[flag]]}</span>
          </label>
        ))}
      </fieldset>
      {/* The first step where the route is known: its advice (sextortion: do not pay) comes now. */}
      <RouteAdvice advice={routeAdvice(pack, draft)} />
    </StepFrame>
  );
}

function Story({ draft }: { draft: Draft }) {
  const t = useWords(draft);
  const next = useNext(draft);
  return (
    <StepFrame step="story" title={t.storyTitle} hint={t.storyHint} onNext={next}>
      <div class="field">
        <label for="story">{t.storyLabel}</label>
        <textarea
          id="story"
          maxLength={20_000}
          value={draft.description}
          onInput={(e) => updateDraft({ description: (e.currentTarget as HTMLTextAreaElement).value })}
        />
      </div>
      <div class="field">
        <label for="links">{t.linksLabel}</label>
        <textarea
          id="links"
          dir="ltr"
          rows={3}
          value={draft.links}
          onInput={(e) => updateDraft({ links: (e.currentTarget as HTMLTextAreaElement).value })}
        />
      </div>
    </StepFrame>
  );
}

function Contact({ draft }: { draft: Draft }) {
  const t = useWords(draft);
  const next = useNext(draft);
  const field = (key: keyof Draft['contact'], label: string, type: string, autocomplete: string) => (
    <div class="field">
      <label for={`contact-${key}`}>{label}</label>
      <input
        id={`contact-${key}`}
        type={type}
        autocomplete={autocomplete}
        value={draft.contact[key]}
        onInput={(e) =>
          updateDraft({ contact: { ...draft.contact, [key]: (e.currentTarget as HTMLInputElement).value } })
        }
      />
    </div>
  );
  return (
    <StepFrame step="contact" title={t.contactTitle} onNext={next}>
      <Options
        name="contact"
        legend={t.contactTitle}
        value={draft.contactMode}
        onChange={(v) => updateDraft({ contactMode: v === 'contact' ? 'contact' : 'anonymous' })}
        options={[
          { value: 'anonymous', label: t.contactAnonymous, hint: t.contactAnonymousHint },
          { value: 'contact', label: t.contactYes },
        ]}
      />
      {draft.contactMode === 'contact' && (
        <>
          {field('name', t.contactName, 'text', 'nickname')}
          {field('email', t.contactEmail, 'email', 'email')}
          {field('phone', t.contactPhone, 'tel', 'tel')}
          <p class="note">{t.contactSealed}</p>
        </>
      )}
    </StepFrame>
  );
}
