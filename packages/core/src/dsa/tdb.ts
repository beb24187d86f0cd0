import published from './tdb-categories.json' with { type: 'json' };

/**
 * The DSA Transparency Database's published statement categories and keywords (the values its
 * `category` and `category_specification` attributes accept), stored with their source and version
 * (tdb-categories.json) so our mapping can be checked against them.
 */
export const TDB_SOURCE: { source: string; version: string } = {
  source: published.source,
  version: published.version,
};
export const TDB_CATEGORIES: readonly string[] = published.categories;
export const TDB_KEYWORDS: readonly string[] = published.keywords;

/** Whether both the statement category and the keyword are values the database accepts. */
export function isPublishedLabel(category: string, keyword: string): boolean {
  return TDB_CATEGORIES.includes(category) && TDB_KEYWORDS.includes(keyword);
}
