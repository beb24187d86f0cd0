import type { CategoryCode, Role } from '../taxonomy.ts';

/**
 * The knowledge centre's taxonomy (the page front-matter, /docs/adapting-a-country.md section 7). Pure data
 * and functions, no zod: the reporter app imports this file on its own.
 */
export const PAGE_AUDIENCES = ['young', 'parent', 'school', 'adult', 'bystander'] as const;
export type PageAudience = (typeof PAGE_AUDIENCES)[number];

/** guide: what to do; conversation-aid: how to talk about it; signal-card: signs to notice; own-behaviour: about yourself. */
export const PAGE_KINDS = ['guide', 'conversation-aid', 'signal-card', 'own-behaviour'] as const;
export type PageKind = (typeof PAGE_KINDS)[number];

/** What the knowledge centre reads of a page; the schema's `Page` has these fields. */
export type PageInfo = {
  title: string;
  summary: string;
  markdown: string;
  audiences: readonly PageAudience[];
  kind: PageKind;
  categories?: readonly CategoryCode[];
  roles?: readonly Role[];
  unreviewed?: boolean;
};

/** Lower case, accents off (é → e, ï → i), runs of space as one: "Bewijs" finds "bewijs" and "Bewíjs". */
export function foldForSearch(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** Markdown signs a reader does not type: `**112**` is found by "112", `[site](https://x)` by "site". */
function plainText(markdown: string): string {
  return markdown.replace(/\]\([^)]*\)/g, ' ').replace(/[*_#>`[\]]/g, ' ');
}

/**
 * Pages whose title, summary or text hold every word of the query, in the order given. An empty query
 * matches nothing: the list then shows an audience instead.
 */
export function searchPages<T extends { page: PageInfo }>(items: readonly T[], query: string): T[] {
  const words = foldForSearch(query).split(' ').filter(Boolean);
  if (words.length === 0) return [];
  return items.filter(({ page }) => {
    const haystack = foldForSearch(`${page.title} ${page.summary} ${plainText(page.markdown)}`);
    return words.every((word) => haystack.includes(word));
  });
}

/**
 * Pages for "what happened × who I am". A page matches when it names the category or the role, and
 * whatever else it names fits too: a page for [parent] about [sextortion] is for a parent whose child is
 * blackmailed, not for every parent. Pages naming the category come first (they are the most specific).
 */
export function pagesForSituation<T extends { page: PageInfo }>(
  items: readonly T[],
  situation: { category: CategoryCode; role: Role },
): T[] {
  const fits = (list: readonly string[] | undefined, value: string) => !list || list.includes(value);
  const matching = items.filter(
    ({ page }) =>
      (page.categories !== undefined || page.roles !== undefined) &&
      fits(page.categories, situation.category) &&
      fits(page.roles, situation.role),
  );
  const byCategory = matching.filter(({ page }) => page.categories !== undefined);
  return [...byCategory, ...matching.filter(({ page }) => page.categories === undefined)];
}
