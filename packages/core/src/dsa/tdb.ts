import published from './tdb-categories.json' with { type: 'json' };

/**
 * The DSA Transparency Database's published statement categories and their keywords, stored with their
 * source and version (tdb-categories.json) so our mapping can be checked against them.
 */
export const TDB_SOURCE: { source: string; version: string } = {
  source: published.source,
  version: published.version,
};
export const TDB_CATEGORIES: Readonly<Record<string, readonly string[]>> = published.categories;

/** Whether a keyword is listed, under the given statement category, in the published list. */
export function isPublishedLabel(category: string, keyword: string): boolean {
  return TDB_CATEGORIES[category]?.includes(keyword) ?? false;
}
