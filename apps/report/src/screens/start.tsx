import { hasOwnBehaviourHelp } from '@vangnet/core/pack/own-behaviour';
import { BrandLogo, greetingIn } from '@vangnet/ui/brand';
import {
  ICON_CHAT,
  ICON_HOME,
  ICON_IDEA,
  ICON_KEY,
  ICON_LIFEBUOY,
  ICON_REPORT,
  Icon,
} from '@vangnet/ui/icons';
import { useApp } from '../app-context.ts';
import { useBrand } from '../brand.ts';
import { FIRST_STEP } from '../flow/steps.ts';
import { useI18n } from '../i18n/index.ts';
import { useNav } from '../nav.ts';
import { Title } from '../shell.tsx';

export function Start() {
  const { t, lang } = useI18n();
  const nav = useNav();
  const { pack } = useApp();
  const brand = useBrand();
  const greeting = brand && greetingIn(brand, lang);
  return (
    <section class="screen start">
      {greeting && (
        // The helpline's own face and words first: a child sees who is behind the app.
        <div class="welcome" data-testid="brand-greeting">
          {brand.logoSvg && <BrandLogo svg={brand.logoSvg} />}
          <p lang={greeting.lang === lang ? undefined : greeting.lang}>{greeting.text}</p>
        </div>
      )}
      <Title>{t.startTitle}</Title>
      <p class="lead">{t.startIntro}</p>
      <div class="choices">
        <button type="button" class="choice big urgent" onClick={() => nav.go('crisis')}>
          <Icon d={ICON_LIFEBUOY} />
          <span class="choice-title">{t.startNeedHelp}</span>
          <span class="choice-hint">{t.startNeedHelpHint}</span>
        </button>
        <button type="button" class="choice" onClick={() => nav.go('chat')}>
          <Icon d={ICON_CHAT} />
          <span class="choice-title">{t.chatNow}</span>
          <span class="choice-hint">{t.chatNowHint}</span>
        </button>
        <button type="button" class="choice big primary" onClick={() => nav.go(FIRST_STEP)}>
          {/* Always the same words: the first screen must not tell whoever sees it that a report is under way
              (the flow itself picks up the draft). */}
          <Icon d={ICON_REPORT} />
          <span class="choice-title">{t.startReport}</span>
          <span class="choice-hint">{t.startReportHint}</span>
        </button>
        <button type="button" class="choice" onClick={() => nav.go('follow')}>
          <Icon d={ICON_KEY} />
          <span class="choice-title">{t.startFollow}</span>
          <span class="choice-hint">{t.startFollowHint}</span>
        </button>
        <button type="button" class="choice" onClick={() => nav.go('help')}>
          <Icon d={ICON_IDEA} />
          <span class="choice-title">{t.startWhatCanIDo}</span>
          <span class="choice-hint">{t.startWhatCanIDoHint}</span>
        </button>
        {/* Offered when the pack has help for it: a service marked ownBehaviour, or one of its pages. */}
        {pack && hasOwnBehaviourHelp(pack, lang, pack.meta.defaultLanguage) && (
          <button type="button" class="choice" onClick={() => nav.go('own')}>
            <span class="choice-title">{t.startOwn}</span>
            <span class="choice-hint">{t.startOwnHint}</span>
          </button>
        )}
        {/* Offered when the pack has ideas for it (agreements.yaml). */}
        {(pack?.agreements?.length ?? 0) > 0 && (
          <button type="button" class="choice" onClick={() => nav.go('agreements')}>
            <Icon d={ICON_HOME} />
            <span class="choice-title">{t.startAgreements}</span>
            <span class="choice-hint">{t.startAgreementsHint}</span>
          </button>
        )}
      </div>
    </section>
  );
}
