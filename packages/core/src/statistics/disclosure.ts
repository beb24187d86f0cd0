/**
 * Disclosure control for published figures (docs/disclosure-control.md): no figure built from fewer than
 * `k` reports is shown, and no hidden figure can be recovered by adding and subtracting the ones that
 * are shown.
 *
 * The figures of a statistics page are sums of *atomic cells* (e.g. "March × sextortion"): a month's row
 * total, a quarter, a category over the year. A hidden cell is safe only if no combination of shown
 * figures pins its value down. Three steps:
 *  1. primary suppression: every figure with 0 < value < k is hidden (a zero identifies nobody);
 *  2. each published relation (total = sum of parts) that hides a part must hide at least two, together
 *     worth at least k, so subtraction yields only "these add up to ≥ k";
 *  3. a linear-algebra audit: a hidden figure is recoverable exactly when its cell vector lies in the
 *     span of the shown figures' vectors; while one is, another part of a relation it belongs to is hidden.
 * Pure: no I/O, deterministic for the same input.
 */

/** A figure the page may show: the sum of the named atomic cells. */
export interface Figure {
  id: string;
  cells: readonly string[];
}

/** A figure that is the sum of other figures, as a table shows it (a total and its parts). */
export interface Relation {
  total: string;
  parts: readonly string[];
}

export interface DisclosureInput {
  /** Count per atomic cell. Cells missing here count 0. */
  counts: ReadonlyMap<string, number>;
  figures: readonly Figure[];
  relations: readonly Relation[];
  /** Smallest number of reports a shown figure may be built from. */
  k: number;
}

export interface DisclosureResult {
  /** Figures that may be shown, with their values. */
  shown: Map<string, number>;
  /** Hidden figures: the primary ones (below k) and those hidden to protect them. */
  hidden: Set<string>;
  primary: Set<string>;
}

export function suppressSmallCells(input: DisclosureInput): DisclosureResult {
  const { k } = input;
  const value = new Map<string, number>();
  for (const f of input.figures) value.set(f.id, sumCells(f.cells, input.counts));
  const primary = new Set<string>();
  for (const [id, v] of value) if (v > 0 && v < k) primary.add(id);
  const hidden = new Set(primary);

  // Steps 2 and 3 until nothing changes. Each round hides at least one more figure or stops, so the
  // loop ends after at most figures.length rounds.
  for (let round = 0; round <= input.figures.length; round++) {
    const changed =
      protectRelations(input.relations, value, hidden, k) || protectAgainstSolving(input, value, hidden);
    if (!changed) break;
  }
  const shown = new Map<string, number>();
  for (const [id, v] of value) if (!hidden.has(id)) shown.set(id, v);
  return { shown, hidden, primary };
}

function sumCells(cells: readonly string[], counts: ReadonlyMap<string, number>): number {
  let total = 0;
  for (const c of cells) total += counts.get(c) ?? 0;
  return total;
}

/** Step 2: in a relation with a shown total, hidden parts number ≥ 2 and are worth ≥ k together. */
function protectRelations(
  relations: readonly Relation[],
  value: ReadonlyMap<string, number>,
  hidden: Set<string>,
  k: number,
): boolean {
  let changed = false;
  for (const r of relations) {
    for (;;) {
      const hiddenParts = r.parts.filter((p) => hidden.has(p));
      if (hiddenParts.length === 0) break;
      const hiddenSum = hiddenParts.reduce((s, p) => s + (value.get(p) ?? 0), 0);
      if (hidden.has(r.total) || (hiddenParts.length >= 2 && hiddenSum >= k)) break;
      const next = smallestShown(r.parts, value, hidden);
      // Every part is hidden and together they are still worth less than k: the total gives them away.
      const toHide = next ?? r.total;
      hidden.add(toHide);
      changed = true;
    }
  }
  return changed;
}

/** The shown part to hide next: the smallest non-zero one (a hidden zero protects nothing), else a zero. */
function smallestShown(
  parts: readonly string[],
  value: ReadonlyMap<string, number>,
  hidden: ReadonlySet<string>,
): string | undefined {
  let best: string | undefined;
  let bestKey = Number.POSITIVE_INFINITY;
  for (const p of parts) {
    if (hidden.has(p)) continue;
    const v = value.get(p) ?? 0;
    // Zeros sort last; ties go to the first listed part, so the result is deterministic.
    const key = v === 0 ? Number.MAX_SAFE_INTEGER : v;
    if (key < bestKey) {
      best = p;
      bestKey = key;
    }
  }
  return best;
}

/** Step 3: hide more while some hidden figure can be solved for from the shown ones. */
function protectAgainstSolving(
  input: DisclosureInput,
  value: ReadonlyMap<string, number>,
  hidden: Set<string>,
): boolean {
  const exposed = recoverableFigures(input.figures, hidden);
  if (exposed.length === 0) return false;
  const id = exposed[0] as string;
  // Prefer a sibling in a table the exposed figure belongs to: that keeps the totals readers use most.
  for (const r of input.relations) {
    if (r.total !== id && !r.parts.includes(id)) continue;
    const next = smallestShown(r.parts, value, hidden) ?? (hidden.has(r.total) ? undefined : r.total);
    if (next !== undefined) {
      hidden.add(next);
      return true;
    }
  }
  // Otherwise the smallest shown figure that shares a cell with it. One exists: a vector in the span of the
  // shown vectors shares a cell with at least one of them.
  const cells = new Set(input.figures.find((f) => f.id === id)?.cells);
  const sharing = input.figures.filter((f) => !hidden.has(f.id) && f.cells.some((c) => cells.has(c)));
  const next = smallestShown(
    sharing.map((f) => f.id),
    value,
    hidden,
  );
  if (next === undefined) return false;
  hidden.add(next);
  return true;
}

/**
 * Hidden figures whose value follows from the shown ones by linear algebra: the attacker's whole toolbox
 * of adding and subtracting published rows and totals. Exposed ⇔ the hidden figure's 0/1 cell vector is
 * a linear combination of the shown figures' vectors.
 */
export function recoverableFigures(figures: readonly Figure[], hidden: ReadonlySet<string>): string[] {
  const cellIndex = new Map<string, number>();
  for (const f of figures) for (const c of f.cells) if (!cellIndex.has(c)) cellIndex.set(c, cellIndex.size);
  const vector = (f: Figure): number[] => {
    const v = new Array<number>(cellIndex.size).fill(0);
    for (const c of f.cells) v[cellIndex.get(c) as number] = 1;
    return v;
  };
  const basis = echelonBasis(figures.filter((f) => !hidden.has(f.id)).map(vector));
  return figures.filter((f) => hidden.has(f.id) && inSpan(basis, vector(f))).map((f) => f.id);
}

const EPSILON = 1e-9;

interface BasisRow {
  pivot: number;
  row: number[];
}

/** Reduced row echelon rows of the given vectors (Gauss–Jordan with partial pivoting). */
function echelonBasis(vectors: number[][]): BasisRow[] {
  const basis: BasisRow[] = [];
  for (const v of vectors) {
    const r = reduce(basis, v.slice());
    const pivot = r.findIndex((x) => Math.abs(x) > EPSILON);
    if (pivot < 0) continue;
    const scale = r[pivot] as number;
    for (let i = 0; i < r.length; i++) r[i] = (r[i] as number) / scale;
    // Keep the basis fully reduced: clear the new pivot column from earlier rows.
    for (const b of basis) {
      const factor = b.row[pivot] as number;
      if (Math.abs(factor) > EPSILON)
        for (let i = 0; i < r.length; i++) b.row[i] = (b.row[i] as number) - factor * (r[i] as number);
    }
    basis.push({ pivot, row: r });
  }
  return basis;
}

function reduce(basis: readonly BasisRow[], v: number[]): number[] {
  for (const b of basis) {
    const factor = v[b.pivot] as number;
    if (Math.abs(factor) > EPSILON)
      for (let i = 0; i < v.length; i++) v[i] = (v[i] as number) - factor * (b.row[i] as number);
  }
  return v;
}

function inSpan(basis: readonly BasisRow[], v: number[]): boolean {
  return reduce(basis, v).every((x) => Math.abs(x) <= EPSILON);
}

/**
 * Merge rare values of one dimension into a catch-all before suppression: a value (a small platform, an
 * age band within a rare category) with fewer than `k` reports over the whole period is counted under
 * `into` instead, so it is never a cell of its own. Returns the new key for every old key.
 */
export function mergeRareValues(
  totals: ReadonlyMap<string, number>,
  k: number,
  into: string,
): Map<string, string> {
  const mapping = new Map<string, string>();
  for (const [key, total] of totals) mapping.set(key, total > 0 && total < k ? into : key);
  return mapping;
}

/**
 * The figures and relations of one breakdown as the statistics page shows it: for each month, quarter and
 * the year, a count per value and a total. Atomic cells are `month|value`; months are `YYYY-MM`.
 */
export function periodBreakdown(
  dimension: string,
  months: readonly string[],
  values: readonly string[],
): {
  figures: Figure[];
  relations: Relation[];
} {
  const figures: Figure[] = [];
  const relations: Relation[] = [];
  const cell = (month: string, value: string) => `${month}|${value}`;
  const periods = new Map<string, string[]>();
  for (const m of months) {
    const quarter = `${m.slice(0, 4)}-Q${Math.floor((Number(m.slice(5, 7)) - 1) / 3) + 1}`;
    for (const p of [m, quarter, m.slice(0, 4)]) periods.set(p, [...(periods.get(p) ?? []), m]);
  }
  for (const [period, inPeriod] of periods) {
    const totalId = `${dimension}:${period}:total`;
    const parts = values.map((v) => `${dimension}:${period}:${v}`);
    values.forEach((v, i) => {
      figures.push({ id: parts[i] as string, cells: inPeriod.map((m) => cell(m, v)) });
    });
    figures.push({ id: totalId, cells: inPeriod.flatMap((m) => values.map((v) => cell(m, v))) });
    relations.push({ total: totalId, parts });
  }
  // A quarter (and the year) is also the sum of its months, value by value and in total.
  const quarters = [...periods.keys()].filter((p) => p.includes('-Q'));
  const years = [...periods.keys()].filter((p) => p.length === 4);
  const monthsOf = (p: string) => (periods.get(p) ?? []).filter((m) => m !== p);
  for (const p of [...quarters, ...years]) {
    const sub = p.length === 4 ? quarters.filter((q) => q.startsWith(p)) : monthsOf(p);
    for (const v of [...values, 'total']) {
      relations.push({ total: `${dimension}:${p}:${v}`, parts: sub.map((s) => `${dimension}:${s}:${v}`) });
    }
  }
  return { figures, relations };
}
