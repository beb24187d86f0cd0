import {
  catalogUnreviewedShare,
  describeShare,
  type UnreviewedMark,
  type UnreviewedShare,
  unreviewedShare,
} from '../icu/unreviewed.ts';
import type { PackProblem } from './check.ts';
import type { CountryPack } from './schema.ts';

/**
 * How much of each declared language nobody has reviewed yet: the reporter app's texts (the catalog the
 * app carries, else the one the pack brings) and the pack's own texts/<lang>.yaml. `pack check` prints
 * it as a notice, not an error: an unreviewed translation is shown (better than the wrong language),
 * and the share tells a helpline what to have checked before it goes live.
 */
export type LanguageReview = {
  code: string;
  complete: boolean;
  /** The reporter app's texts in this language; absent when neither the app nor the pack has them. */
  app?: UnreviewedShare;
  /** texts/<lang>.yaml; absent when the pack has no such file (the default language's texts are shown). */
  texts?: UnreviewedShare;
};

export type PackTextsMarks = Readonly<Record<string, UnreviewedMark>>;

export function reviewLanguages(
  meta: Pick<CountryPack['meta'], 'languages'>,
  sources: {
    /** The app's own catalogs' shares, by language (apps/report/src/i18n/catalogs/<lang>.json). */
    carried: Readonly<Record<string, UnreviewedShare>>;
    /** catalogs/report/<lang>.json of the pack, as written. */
    packCatalogs: Readonly<Record<string, unknown>>;
    texts: CountryPack['texts'];
    marks: PackTextsMarks;
  },
): LanguageReview[] {
  return meta.languages.map(({ code, complete }) => {
    // The app carries `nl` for `nl-BE` (as check-catalogs.ts): the carried catalog wins over a pack's file.
    const base = code.toLowerCase().split('-')[0] ?? code;
    const app =
      sources.carried[code] ??
      sources.carried[base] ??
      (Object.hasOwn(sources.packCatalogs, code)
        ? catalogUnreviewedShare(sources.packCatalogs[code])
        : undefined);
    const texts = sources.texts[code];
    const review: LanguageReview = { code, complete };
    if (app) review.app = app;
    if (texts) review.texts = unreviewedShare(Object.keys(texts), sources.marks[code]);
    return review;
  });
}

/** One line per language: `tr: app 100% (401 of 401 texts) unreviewed; pack texts: no texts/tr.yaml yet (shown in "nl")`. */
export function describeReview(review: LanguageReview, defaultLanguage: string): string {
  const app = review.app ? `${describeShare(review.app)} unreviewed` : 'no texts';
  const texts = review.texts
    ? `${describeShare(review.texts)} unreviewed`
    : `no texts/${review.code}.yaml yet (shown in "${defaultLanguage}")`;
  return `${review.code}: app ${app}; pack texts ${texts}`;
}

/** A mark naming a key the texts file does not have: a warning, so a typo does not hide a text from review. */
export function reviewProblems(reviews: readonly LanguageReview[]): PackProblem[] {
  return reviews.flatMap((r) =>
    (r.texts?.unknown ?? []).map((key) => ({
      severity: 'warning' as const,
      file: `texts/${r.code}.yaml`,
      path: 'unreviewed',
      message: `"${key}" names no text of this file`,
    })),
  );
}
