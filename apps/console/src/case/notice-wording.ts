import type { NoticeWording } from '@vangnet/core/dsa/notice';
import type { ConsoleCatalog } from '../lib/text.ts';

/**
 * The trusted-flagger notice's wording from the console's catalog, for core/dsa/notice.ts (the one
 * composer of notices, shared with the reporter app). The child's own notifier lines are never used
 * here: the helpline stands in (c).
 */
export function trustedFlaggerWording(t: ConsoleCatalog): NoticeWording {
  const w = t.notices.wording;
  return {
    subject: w.subject,
    intro: w.intro,
    explanationTitle: w.explanationTitle,
    categorySentence: (category, minor) =>
      minor ? `${w.category(t.categories[category])} ${w.minor}` : w.category(t.categories[category]),
    legalBasis: (law, articles, unverified) =>
      unverified ? w.legalBasisUnverified(law, articles) : w.legalBasis(law, articles),
    locationTitle: w.locationTitle,
    notifierTitle: w.notifierTitle,
    notifierLine: () => '',
    notifierExempt: '',
    notifierAnonymous: '',
    goodFaith: w.goodFaith,
    tdbLine: (label) => w.tdbLine(label.category, label.keyword),
    flaggerLine: (helpline) => w.flaggerLine(helpline),
    onBehalfOf: w.onBehalfOf,
  };
}
