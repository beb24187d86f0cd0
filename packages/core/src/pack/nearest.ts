/** Edit distance (insertions, deletions, substitutions), for "did you mean …?" hints. */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1);
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, substitution);
    }
    previous = current;
  }
  return previous[b.length]!;
}

/**
 * The valid word closest to what was written, when it is close enough to be a typo: at most a third
 * of the word's letters differ (`webb` → `web`, `Europe/Dubln` → `Europe/Dublin`), compared without case.
 */
export function nearest(written: string, valid: readonly string[]): string | undefined {
  const lower = written.toLowerCase();
  let best: { word: string; distance: number } | undefined;
  for (const word of valid) {
    const distance = editDistance(lower, word.toLowerCase());
    if (!best || distance < best.distance) best = { word, distance };
  }
  if (!best) return undefined;
  return best.distance <= Math.max(1, Math.floor(Math.max(written.length, best.word.length) / 3))
    ? best.word
    : undefined;
}

/** ` (did you mean "web"?)` or nothing. */
export function didYouMean(written: string, valid: readonly string[]): string {
  const guess = nearest(written, valid);
  return guess ? ` (did you mean "${guess}"?)` : '';
}
