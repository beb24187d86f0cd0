// Only types from schema.ts: the reporter app imports this file and must not pull zod in with it.
import {
  AGREEMENT_AGE_BANDS,
  AGREEMENT_TOPICS,
  type AgreementAgeBand,
  type AgreementTopic,
} from './agreement-topics.ts';
import type { PackProblem } from './check.ts';
import type { CountryPack } from './schema.ts';

/** The part of a pack (full or public) the agreements need. */
export type AgreementsPack = {
  meta: Pick<CountryPack['meta'], 'languages' | 'defaultLanguage'>;
  agreements?: CountryPack['agreements'];
};

const FILE = 'agreements.yaml';

/**
 * What `pack check` says about agreements.yaml. Errors: an idea missing in a complete language (a child
 * reading French must not get a Dutch idea on a French sheet), or written in a language the pack does not
 * declare. Warnings: a topic with no idea for an age band, and the ideas still awaiting review.
 */
export function checkAgreements(pack: AgreementsPack): PackProblem[] {
  const suggestions = pack.agreements;
  if (!suggestions) return [];
  const problems: PackProblem[] = [];
  const declared = new Set(pack.meta.languages.map((l) => l.code));
  const complete = pack.meta.languages.filter((l) => l.complete).map((l) => l.code);
  suggestions.forEach((s, i) => {
    for (const lang of complete) {
      if (!s.text[lang]?.trim())
        problems.push({
          severity: 'error',
          file: FILE,
          path: `suggestions[${i}].text`,
          message: `no "${lang}" text (every complete language needs one)`,
        });
    }
    for (const lang of Object.keys(s.text)) {
      if (!declared.has(lang))
        problems.push({
          severity: 'error',
          file: FILE,
          path: `suggestions[${i}].text.${lang}`,
          message: `language "${lang}" is not declared in pack.yaml`,
        });
    }
  });
  for (const topic of AGREEMENT_TOPICS) {
    for (const band of AGREEMENT_AGE_BANDS) {
      if (!suggestions.some((s) => s.topic === topic && s.ageBands.includes(band)))
        problems.push({
          severity: 'warning',
          file: FILE,
          path: 'suggestions',
          message: `no idea for topic "${topic}" at age ${band}; families can still write their own`,
        });
    }
  }
  const unverified = suggestions.filter((s) => s.unverified).length;
  if (unverified > 0)
    problems.push({
      severity: 'warning',
      file: FILE,
      path: 'suggestions',
      message: `${unverified} of ${suggestions.length} ideas await review by the helpline (unverified)`,
    });
  return problems;
}

export interface SuggestionView {
  topic: AgreementTopic;
  text: string;
  /** The language the text is in: the app's, or the pack's default when the idea lacks it. */
  lang: string;
  unverified: boolean;
}

/** The ideas for one age band in a language, in pack order, grouped by topic. */
export function suggestionsFor(
  pack: AgreementsPack,
  band: AgreementAgeBand,
  lang: string,
): Record<AgreementTopic, SuggestionView[]> {
  const out = Object.fromEntries(AGREEMENT_TOPICS.map((t) => [t, [] as SuggestionView[]])) as Record<
    AgreementTopic,
    SuggestionView[]
  >;
  const fallback = pack.meta.defaultLanguage;
  for (const s of pack.agreements ?? []) {
    if (!s.ageBands.includes(band)) continue;
    const own = s.text[lang];
    const text = own ?? s.text[fallback];
    if (!text) continue;
    out[s.topic].push({ topic: s.topic, text, lang: own ? lang : fallback, unverified: !!s.unverified });
  }
  return out;
}
