import { GUIDE_ACTIONS } from '@vangnet/core/pack/guide-actions';
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { useApp } from '../app-context.ts';
import { useDraft } from '../flow/draft.ts';
import { useI18n } from '../i18n/index.ts';
import { Title } from '../shell.tsx';
import { NoticeDraft } from './notice-draft.tsx';

/**
 * How to block, mute, report and go private on one platform, in short steps from the pack, with the
 * platform's own help page on blocking and its report form. Opened for the platform the child named
 * (from the receipt) or picked here. Steps the pack marks `unverified` carry the visible "check" note (DESIGN.md, "Unverified pack data").
 */
export function PlatformGuide() {
  const { t, lang } = useI18n();
  const { pack } = useApp();
  const draft = useDraft();
  const platforms = (pack?.platforms ?? []).filter((p) => p.id !== 'other');
  const named =
    draft?.platform && platforms.some((p) => p.id === draft.platform) ? draft.platform : undefined;
  const [picked, setPicked] = useState<string | undefined>(undefined);
  const id = picked ?? named ?? platforms[0]?.id;
  const platform = platforms.find((p) => p.id === id);
  // A notice needs the report's own answers: only offered when this report has them.
  const report = draft?.category && draft.ageBand && draft.platform === platform?.id ? draft : null;
  if (!platform) return null;
  const actions = GUIDE_ACTIONS.filter((a) => platform.guide?.[a]?.[lang]?.length);
  return (
    <section class="screen platform-guide">
      <Title>{t.guideTitle(platform.name)}</Title>
      <div class="field">
        <label for="guide-platform">{t.guidePick}</label>
        <select
          id="guide-platform"
          value={platform.id}
          onChange={(e) => setPicked((e.currentTarget as HTMLSelectElement).value)}
        >
          {platforms.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </select>
      </div>
      {platform.minimumAge !== undefined && <p>{t.guideMinimumAge(platform.name, platform.minimumAge)}</p>}
      {platform.unverified && <p class="check-note">{t.guideCheck}</p>}
      {actions.length === 0 && <p>{t.guideNone}</p>}
      {actions.map((action) => (
        <div key={action} class="guide-action" data-testid={`guide-${action}`}>
          <h2>{t.guideActions[action]}</h2>
          <ol>
            {(platform.guide?.[action]?.[lang] ?? []).map((step) => (
              <li key={step}>{step}</li>
            ))}
          </ol>
        </div>
      ))}
      {platform.blockUrl && (
        <GuideLink href={platform.blockUrl} testId="guide-block-help">
          {t.guideBlockHelp(platform.name)}
        </GuideLink>
      )}
      {platform.reportUrl && (
        <GuideLink href={platform.reportUrl} testId="guide-report-form">
          {t.guideReportForm(platform.name)}
        </GuideLink>
      )}
      {report?.category && report.ageBand && (
        <NoticeDraft
          key={platform.id}
          platformName={platform.name}
          category={report.category}
          ageBand={report.ageBand}
          links={report.links}
          explanation={report.description}
          contact={report.contactMode === 'contact' ? report.contact : undefined}
          legalBasis={pack?.legalBasis}
        />
      )}
    </section>
  );
}

/** A link to the platform's own help pages, opened outside the app. */
function GuideLink({
  href,
  testId,
  children,
}: {
  href: string;
  testId: string;
  children: ComponentChildren;
}) {
  return (
    <p>
      <a href={href} target="_blank" rel="noopener noreferrer" data-testid={testId}>
        {children}
      </a>
    </p>
  );
}
