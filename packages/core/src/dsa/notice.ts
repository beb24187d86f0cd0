import type { LegalBasis } from '../pack/schema.ts';
import { type AgeBand, type CategoryCode, isMinorBand, type TdbLabel, tdbLabel } from '../taxonomy.ts';

/**
 * A DSA Article 16 notice, drafted on the reporter's device from the report's own answers. Nothing here
 * leaves the device: the child copies the text into the platform's form. Art. 16(2) asks for
 * (a) a substantiated explanation of why the content is illegal, (b) its exact electronic location (every
 * URL), (c) the notifier's name and e-mail, except for offences of Directive 2011/93/EU (child sexual
 * abuse, exploitation, abuse images, solicitation), and (d) a statement of good faith.
 */

/** The notice's wording in the child's language (from the reporter catalogs). */
export interface NoticeWording {
  subject: (platform: string) => string;
  intro: string;
  /** Heading of (a), then the plain category sentence, then the child's own words. */
  explanationTitle: string;
  categorySentence: (category: CategoryCode, minor: boolean) => string;
  legalBasis: (law: string, articles: string, unverified: boolean) => string;
  locationTitle: string;
  notifierTitle: string;
  notifierLine: (name: string, email: string) => string;
  /** Why there is no name: the notice concerns child sexual abuse, for which the DSA does not ask it. */
  notifierExempt: string;
  /** The child chose not to give a name. */
  notifierAnonymous: string;
  goodFaith: string;
  tdbLine: (label: TdbLabel) => string;
  /**
   * The trusted-flagger variant (Art. 22): the helpline notifies on the reporter's behalf. Its own name
   * and address stand in (c), with the reporter's consent said; the reporter is never named.
   */
  flaggerLine?: (helpline: string, email: string) => string;
  onBehalfOf?: string;
}

export interface NoticeInput {
  category: CategoryCode;
  ageBand: AgeBand;
  platformName: string;
  /** The links the child gave, as typed: one or more per line or separated by spaces. */
  links: string;
  /** The child's own explanation of what happened. */
  explanation: string;
  /** Only when the child chooses to give them. */
  notifier?: { name: string; email: string } | undefined;
  legalBasis?: readonly LegalBasis[] | undefined;
  /** The helpline sends the notice as a trusted flagger on the reporter's behalf (console). */
  trustedFlagger?: { name: string; email: string } | undefined;
}

export interface Notice {
  subject: string;
  text: string;
  urls: string[];
  /** Whether the reporter's name and e-mail are in the notice (element c). */
  notifierIncluded: boolean;
  /** Directive 2011/93/EU offence: name and e-mail are never asked or added. */
  childSexualAbuse: boolean;
  tdb: TdbLabel;
}

/** Keywords of the Transparency Database that are offences of Directive 2011/93/EU. */
const CSA_KEYWORDS = new Set([
  'KEYWORD_CHILD_SEXUAL_ABUSE_MATERIAL',
  'KEYWORD_CHILD_SEXUAL_ABUSE_MATERIAL_DEEPFAKE',
  'KEYWORD_GROOMING_SEXUAL_ENTICEMENT_MINORS',
]);

/** Whether a report is about an offence of Directive 2011/93/EU (so the notice carries no name). */
export function isChildSexualAbuse(category: CategoryCode, ageBand: AgeBand): boolean {
  return CSA_KEYWORDS.has(tdbLabel(category, isMinorBand(ageBand)).keyword);
}

/** Every http(s) address in what the child typed, in order, once each; trailing punctuation dropped. */
export function extractUrls(links: string): string[] {
  const found = links.match(/https?:\/\/[^\s<>"]+/gi) ?? [];
  const urls = found.map((u) => u.replace(/[.,;:!?)\]]+$/, ''));
  return [...new Set(urls)];
}

export function draftNotice(input: NoticeInput, w: NoticeWording): Notice {
  const minor = isMinorBand(input.ageBand);
  const tdb = tdbLabel(input.category, minor);
  const childSexualAbuse = isChildSexualAbuse(input.category, input.ageBand);
  const urls = extractUrls(input.links);
  const name = input.notifier?.name.trim() ?? '';
  const email = input.notifier?.email.trim() ?? '';
  const notifierIncluded = !input.trustedFlagger && !childSexualAbuse && name !== '' && email !== '';
  const bases = (input.legalBasis ?? []).filter(
    (b) => b.categories.includes(input.category) && (!b.minorsOnly || minor),
  );

  const lines: string[] = [
    w.intro,
    '',
    `(a) ${w.explanationTitle}`,
    w.categorySentence(input.category, minor),
  ];
  for (const b of bases) lines.push(w.legalBasis(b.law, b.articles.join(', '), !!b.unverified));
  if (input.explanation.trim()) lines.push('', input.explanation.trim());
  lines.push('', `(b) ${w.locationTitle}`, ...urls.map((u) => `- ${u}`));
  lines.push('', `(c) ${w.notifierTitle}`);
  const flagger = input.trustedFlagger;
  // A trusted flagger is an organisation: its name is never the child's, so it stands in every case.
  if (flagger && w.flaggerLine) {
    lines.push(w.flaggerLine(flagger.name, flagger.email));
    if (w.onBehalfOf) lines.push(w.onBehalfOf);
  } else if (childSexualAbuse) lines.push(w.notifierExempt);
  else if (notifierIncluded) lines.push(w.notifierLine(name, email));
  else lines.push(w.notifierAnonymous);
  lines.push('', `(d) ${w.goodFaith}`, '', w.tdbLine(tdb));

  return {
    subject: w.subject(input.platformName),
    text: lines.join('\n'),
    urls,
    notifierIncluded,
    childSexualAbuse,
    tdb,
  };
}
