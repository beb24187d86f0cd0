/**
 * A translation nobody has reviewed yet is marked in its own file, and the app shows it anyway (a
 * child reads an unchecked sentence in their language sooner than a checked one in a language they
 * do not read). The mark: in an app catalog (JSON) the metadata key `"@@unreviewed"`, in a pack's
 * texts/<lang>.yaml the top-level key `unreviewed`; its value is `true` (the whole file) or a list of
 * dotted keys (a key of a group covers every text in it). Keys that start with `@` are metadata, as in
 * ARB files, so translation tools keep them and the compiler skips them. This module only counts.
 */

/** The catalog key that holds the mark; every key starting with `@` is metadata, never a text. */
export const CATALOG_UNREVIEWED_KEY = '@@unreviewed';
/** The top-level key of a pack's texts/<lang>.yaml that holds the mark. */
export const TEXTS_UNREVIEWED_KEY = 'unreviewed';

export function isMetadataKey(key: string): boolean {
  return key.startsWith('@');
}

/** `true` (all), a list of dotted keys, or nothing marked. */
export type UnreviewedMark = true | readonly string[] | undefined;

export type UnreviewedShare = {
  /** Texts in the file (leaves; a list counts each item). */
  total: number;
  /** Of those, the ones the mark covers. */
  unreviewed: number;
  /** Keys in the mark that name no text of the file (a typo, or a text since removed). */
  unknown: string[];
};

/** The mark as written, or a problem when the value is neither `true`/`false` nor a list of keys. */
export function readUnreviewedMark(value: unknown): { mark: UnreviewedMark } | { problem: string } {
  if (value === undefined || value === false) return { mark: undefined };
  if (value === true) return { mark: true };
  if (Array.isArray(value) && value.every((k): k is string => typeof k === 'string' && k.length > 0)) {
    return { mark: value };
  }
  return { problem: 'expected true, false or a list of text keys (e.g. [startTitle, notice.intro])' };
}

/** The dotted paths of every text in a catalog or texts tree (`helpTips.3`, `notice.subject`), metadata skipped. */
export function textPaths(node: unknown, prefix = ''): string[] {
  const join = (key: string) => (prefix ? `${prefix}.${key}` : key);
  if (typeof node === 'string') return [prefix];
  if (Array.isArray(node)) return node.flatMap((item, i) => textPaths(item, join(String(i))));
  if (node && typeof node === 'object') {
    return Object.entries(node).flatMap(([key, value]) =>
      isMetadataKey(key) ? [] : textPaths(value, join(key)),
    );
  }
  return [];
}

/** How many of `paths` the mark covers: a marked key covers itself and every path under it. */
export function unreviewedShare(paths: readonly string[], mark: UnreviewedMark): UnreviewedShare {
  if (mark === undefined) return { total: paths.length, unreviewed: 0, unknown: [] };
  if (mark === true) return { total: paths.length, unreviewed: paths.length, unknown: [] };
  const covers = (key: string, path: string) => path === key || path.startsWith(`${key}.`);
  const unreviewed = paths.filter((path) => mark.some((key) => covers(key, path))).length;
  const unknown = mark.filter((key) => !paths.some((path) => covers(key, path)));
  return { total: paths.length, unreviewed, unknown };
}

/** The share of an app catalog as translators edit it (its `@@unreviewed` mark). */
export function catalogUnreviewedShare(catalog: unknown): UnreviewedShare {
  const raw =
    catalog && typeof catalog === 'object' && !Array.isArray(catalog)
      ? (catalog as Record<string, unknown>)[CATALOG_UNREVIEWED_KEY]
      : undefined;
  const read = readUnreviewedMark(raw);
  return unreviewedShare(textPaths(catalog), 'mark' in read ? read.mark : undefined);
}

/** "100% (412 of 412 texts)", "none of 412 texts", "2% (9 of 412 texts)": whole percents, rounded up, so any mark shows. */
export function describeShare(
  share: Pick<UnreviewedShare, 'total' | 'unreviewed'>,
  unit: 'texts' | 'pages' = 'texts',
): string {
  if (share.unreviewed === 0) return `none of ${share.total} ${unit}`;
  const percent = Math.ceil((share.unreviewed / share.total) * 100);
  return `${percent}% (${share.unreviewed} of ${share.total} ${unit})`;
}
