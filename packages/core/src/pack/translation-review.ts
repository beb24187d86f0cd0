import {
  catalogUnreviewedShare,
  describeShare,
  type UnreviewedMark,
  type UnreviewedShare,
  unreviewedShare,
} from '../icu/unreviewed.ts';
import type { PackProblem } from './check.ts';
import type { CatalogApp, PackCatalogs } from './check-catalogs.ts';
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
  /** The helpline console's texts, found the same way; absent when staff see another language. */
  console?: UnreviewedShare;
  /** texts/<lang>.yaml; absent when the pack has no such file (the default language's texts are shown). */
  texts?: UnreviewedShare;
  /** The knowledge centre's pages in this language (each page one text, marked in its front-matter). */
  pages?: UnreviewedShare;
};

export type PackTextsMarks = Readonly<Record<string, UnreviewedMark>>;

export function reviewLanguages(
  meta: Pick<CountryPack['meta'], 'languages'>,
  sources: {
    /** Each app's own catalogs' shares, by language (apps/<app>/src/i18n/catalogs/<lang>.json). */
    carried: Partial<Record<CatalogApp, Readonly<Record<string, UnreviewedShare>>>>;
    /** catalogs/<app>/<lang>.json of the pack, as written. */
    packCatalogs: PackCatalogs<unknown>;
    texts: CountryPack['texts'];
    marks: PackTextsMarks;
    pages?: CountryPack['pages'];
  },
): LanguageReview[] {
  return meta.languages.map(({ code, complete }) => {
    // The app carries `nl` for `nl-BE` (as check-catalogs.ts): the carried catalog wins over a pack's file.
    const base = code.toLowerCase().split('-')[0] ?? code;
    const shareOf = (app: CatalogApp): UnreviewedShare | undefined => {
      const carried = sources.carried[app] ?? {};
      const brought = sources.packCatalogs[app] ?? {};
      return (
        carried[code] ??
        carried[base] ??
        (Object.hasOwn(brought, code) ? catalogUnreviewedShare(brought[code]) : undefined)
      );
    };
    const review: LanguageReview = { code, complete };
    const app = shareOf('report');
    if (app) review.app = app;
    const staff = shareOf('console');
    if (staff) review.console = staff;
    const texts = sources.texts[code];
    if (texts) review.texts = unreviewedShare(Object.keys(texts), sources.marks[code]);
    const pages = Object.values(sources.pages?.[code] ?? {});
    if (pages.length > 0) {
      review.pages = {
        total: pages.length,
        unreviewed: pages.filter((p) => p.unreviewed).length,
        unknown: [],
      };
    }
    return review;
  });
}

/**
 * One line per language: `tr: app 100% (401 of 401 texts) unreviewed; console no texts; pack texts no
 * texts/tr.yaml yet (shown in "nl"); pages 100% (13 of 13 pages) unreviewed`.
 */
export function describeReview(review: LanguageReview, defaultLanguage: string): string {
  const app = review.app ? `${describeShare(review.app)} unreviewed` : 'no texts';
  const staff = review.console ? `${describeShare(review.console)} unreviewed` : 'no texts';
  const texts = review.texts
    ? `${describeShare(review.texts)} unreviewed`
    : `no texts/${review.code}.yaml yet (shown in "${defaultLanguage}")`;
  const pages = review.pages ? `${describeShare(review.pages, 'pages')} unreviewed` : 'none';
  return `${review.code}: app ${app}; console ${staff}; pack texts ${texts}; pages ${pages}`;
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
