import { pagesForSituation } from '@vangnet/core/pack/pages';
import { type RoutingPack, routeReport } from '@vangnet/core/routing/route-report';
import { CATEGORY_CODES, type CategoryCode, ROLES, type Role } from '@vangnet/core/taxonomy';
import { useEffect, useState } from 'preact/hooks';
import { useApp } from '../app-context.ts';
import { useDraft } from '../flow/draft.ts';
import { RouteNextSteps } from '../flow/route-advice.tsx';
import { useI18n } from '../i18n/index.ts';
import { useNav } from '../nav.ts';
import { Title } from '../shell.tsx';
import { PageList } from './page-list.tsx';
import { packPages } from './pages.ts';

const NO_FLAGS = { ongoing: false, danger: false, selfHarm: false, imageAbuse: false };

/**
 * "What can I do?" for one situation: what happened × who I am, picked here or taken from the report
 * (draft or receipt). The advice is the route's (routing in packages/core, as the receipt shows it);
 * the pages are those whose front-matter names this category or role.
 */
export function Situation() {
  const { t, lang } = useI18n();
  const { pack } = useApp();
  const nav = useNav();
  const draft = useDraft();
  const [category, setCategory] = useState<CategoryCode | ''>('');
  const [role, setRole] = useState<Role | ''>('');
  // The report's own answers, once the draft is read; a choice made here is not overwritten.
  useEffect(() => {
    if (draft?.category) setCategory((c) => c || (draft.category ?? ''));
    if (draft?.role) setRole((r) => r || (draft.role ?? ''));
  }, [draft]);

  const route =
    pack && category && role
      ? routeReport(pack as unknown as RoutingPack, {
          category,
          role,
          // Only the report's own answers: without a report, no age and no urgency.
          ageBand: draft?.category === category && draft.ageBand ? draft.ageBand : 'unknown',
          flags: draft?.category === category ? draft.flags : NO_FLAGS,
        })
      : null;
  const pages = category && role ? pagesForSituation(packPages(pack, lang), { category, role }) : [];
  return (
    <section class="screen kc-situation">
      <Title>{t.kcSituationTitle}</Title>
      <p>{t.kcSituationIntro}</p>
      <div class="field">
        <label for="kc-what">{t.kcWhat}</label>
        <select
          id="kc-what"
          value={category}
          onChange={(e) => setCategory((e.currentTarget as HTMLSelectElement).value as CategoryCode)}
        >
          <option value="">{t.kcPick}</option>
          {CATEGORY_CODES.map((c) => (
            <option key={c} value={c}>
              {t.categories[c]?.[0] ?? c}
            </option>
          ))}
        </select>
      </div>
      <div class="field">
        <label for="kc-who">{t.whoTitle}</label>
        <select
          id="kc-who"
          value={role}
          onChange={(e) => setRole((e.currentTarget as HTMLSelectElement).value as Role)}
        >
          <option value="">{t.kcPick}</option>
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {t.roles[r] ?? r}
            </option>
          ))}
        </select>
      </div>
      {route && <RouteNextSteps crisisFirst={route.crisisFirst} advice={route.advice} />}
      {pages.length > 0 && (
        <>
          <h2>{t.kcSituationPages}</h2>
          <PageList pages={pages} testId="kc-situation-pages" />
        </>
      )}
      <button type="button" class="secondary-btn" onClick={() => nav.go('help')}>
        {t.kcAll}
      </button>
    </section>
  );
}
