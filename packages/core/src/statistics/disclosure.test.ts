import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type DisclosureResult,
  type Figure,
  mergeRareValues,
  periodBreakdown,
  recoverableFigures,
  suppressSmallCells,
} from './disclosure.ts';

const K = 10;

/**
 * An attacker independent of the linear algebra in disclosure.ts: every non-negative whole-number filling
 * of the hidden cells that agrees with every shown figure. Returns the values the target cell can take.
 */
function possibleValues(figures: readonly Figure[], result: DisclosureResult, target: string): Set<number> {
  const cellsOf = new Map(figures.map((f) => [f.id, f.cells]));
  const known = new Map<string, number>();
  for (const [id, v] of result.shown) {
    const cells = cellsOf.get(id) ?? [];
    if (cells.length === 1) known.set(cells[0] as string, v);
  }
  const allCells = [...new Set(figures.flatMap((f) => f.cells))];
  const unknown = allCells.filter((c) => !known.has(c));
  const equations = [...result.shown].map(([id, v]) => ({ cells: cellsOf.get(id) ?? [], value: v }));
  const bound = (c: string) => Math.min(...equations.filter((e) => e.cells.includes(c)).map((e) => e.value));
  const found = new Set<number>();
  const assigned = new Map(known);
  const fits = (): boolean =>
    equations.every((e) => {
      let sum = 0;
      let complete = true;
      for (const c of e.cells) {
        const v = assigned.get(c);
        if (v === undefined) complete = false;
        else sum += v;
      }
      return complete ? sum === e.value : sum <= e.value;
    });
  const walk = (i: number): void => {
    if (i === unknown.length) {
      found.add(assigned.get(target) as number);
      return;
    }
    const c = unknown[i] as string;
    for (let v = 0; v <= bound(c); v++) {
      assigned.set(c, v);
      if (fits()) walk(i + 1);
    }
    assigned.delete(c);
  };
  walk(0);
  return found;
}

function countsOf(grid: Record<string, Record<string, number>>): Map<string, number> {
  const counts = new Map<string, number>();
  for (const [month, row] of Object.entries(grid))
    for (const [v, n] of Object.entries(row)) counts.set(`${month}|${v}`, n);
  return counts;
}

describe('suppressSmallCells', () => {
  it('hides a small cell of a one-line table together with the next smallest, so the total does not give it away', () => {
    const figures: Figure[] = [
      { id: 'a', cells: ['a'] },
      { id: 'b', cells: ['b'] },
      { id: 'c', cells: ['c'] },
      { id: 'd', cells: ['d'] },
      { id: 'total', cells: ['a', 'b', 'c', 'd'] },
    ];
    const result = suppressSmallCells({
      counts: new Map([
        ['a', 3],
        ['b', 20],
        ['c', 15],
        ['d', 40],
      ]),
      figures,
      relations: [{ total: 'total', parts: ['a', 'b', 'c', 'd'] }],
      k: K,
    });
    expect([...result.primary]).toEqual(['a']);
    expect([...result.hidden].sort()).toEqual(['a', 'c']);
    expect(result.shown.get('total')).toBe(78);
    expect(possibleValues(figures, result, 'a').size).toBeGreaterThan(1);
  });

  it('does not hide zeros as protection (a hidden zero protects nothing) and hides the total when all parts are small', () => {
    const figures: Figure[] = [
      { id: 'a', cells: ['a'] },
      { id: 'b', cells: ['b'] },
      { id: 'c', cells: ['c'] },
      { id: 'total', cells: ['a', 'b', 'c'] },
    ];
    const result = suppressSmallCells({
      counts: new Map([
        ['a', 3],
        ['b', 0],
        ['c', 4],
      ]),
      figures,
      relations: [{ total: 'total', parts: ['a', 'b', 'c'] }],
      k: K,
    });
    expect(result.hidden.has('total')).toBe(true);
    expect([...result.hidden].sort()).toEqual(['a', 'c', 'total']);
    expect([...result.shown]).toEqual([['b', 0]]);
  });

  // Done-when: a cell of 3 reports is hidden and cannot be derived from any combination of published rows
  // and totals — here months, the quarter, per-category quarter figures and every total.
  it('a cell of 3 in a quarter of months × categories cannot be recovered from any published rows and totals', () => {
    const months = ['2026-01', '2026-02', '2026-03'];
    const values = ['harassment', 'sextortion', 'threats'];
    const { figures, relations } = periodBreakdown('category', months, values);
    const counts = countsOf({
      '2026-01': { harassment: 40, sextortion: 3, threats: 12 },
      '2026-02': { harassment: 35, sextortion: 14, threats: 11 },
      '2026-03': { harassment: 38, sextortion: 16, threats: 13 },
    });
    const result = suppressSmallCells({ counts, figures, relations, k: K });
    expect(result.primary.has('category:2026-01:sextortion')).toBe(true);
    expect(recoverableFigures(figures, result.hidden)).toEqual([]);
    const values3 = possibleValues(figures, result, '2026-01|sextortion');
    expect(values3.has(3)).toBe(true);
    expect(values3.size).toBeGreaterThan(1);
    // Still useful: the year's, quarter's and most months' totals are shown.
    expect(result.shown.get('category:2026:total')).toBe(182);
    expect(result.shown.get('category:2026-Q1:sextortion')).toBe(33);
  });

  it('the subtraction attack: per-row suppression alone leaves the cell exposed through the quarter; the audit closes it', () => {
    const months = ['2026-04', '2026-05', '2026-06'];
    const values = ['hate', 'exclusion'];
    const { figures, relations } = periodBreakdown('category', months, values);
    // Hiding only the small cell and its row sibling: the quarter's "hate" minus the other months' shown
    // "hate" figures gives the April cell straight back.
    const naive = new Set(['category:2026-04:hate', 'category:2026-04:exclusion', 'category:2026-04:total']);
    expect(recoverableFigures(figures, naive)).toContain('category:2026-04:hate');
    const counts = countsOf({
      '2026-04': { hate: 3, exclusion: 25 },
      '2026-05': { hate: 30, exclusion: 22 },
      '2026-06': { hate: 28, exclusion: 31 },
    });
    const result = suppressSmallCells({ counts, figures, relations, k: K });
    expect(recoverableFigures(figures, result.hidden)).toEqual([]);
    expect(possibleValues(figures, result, '2026-04|hate').size).toBeGreaterThan(1);
  });

  it('holds for any counts: every figure below k is hidden, none hidden can be solved for, every shown one is 0 or ≥ k', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 2, max: 4 }),
        fc.array(fc.oneof(fc.integer({ min: 0, max: 12 }), fc.integer({ min: 0, max: 80 })), {
          minLength: 16,
          maxLength: 16,
        }),
        (monthCount, valueCount, pool) => {
          const months = ['2026-01', '2026-02', '2026-03', '2026-04'].slice(0, monthCount);
          const values = ['v1', 'v2', 'v3', 'v4'].slice(0, valueCount);
          const { figures, relations } = periodBreakdown('d', months, values);
          const counts = new Map<string, number>();
          let i = 0;
          for (const m of months) for (const v of values) counts.set(`${m}|${v}`, pool[i++] as number);
          const result = suppressSmallCells({ counts, figures, relations, k: K });
          for (const id of result.primary) expect(result.hidden.has(id)).toBe(true);
          for (const v of result.shown.values()) expect(v === 0 || v >= K).toBe(true);
          expect(recoverableFigures(figures, result.hidden)).toEqual([]);
        },
      ),
      { numRuns: 150, seed: 20261130 },
    );
  });
});

describe('mergeRareValues', () => {
  it.each([
    {
      name: 'a rare platform goes to "other"',
      totals: { tiktok: 120, mastodon: 4, other: 9 },
      expected: { tiktok: 'tiktok', mastodon: 'other', other: 'other' },
    },
    {
      name: 'a value with no reports stays (a zero identifies nobody)',
      totals: { tiktok: 120, bereal: 0 },
      expected: { tiktok: 'tiktok', bereal: 'bereal' },
    },
    { name: 'exactly k is not rare', totals: { twitch: 10 }, expected: { twitch: 'twitch' } },
  ])('$name', ({ totals, expected }) => {
    expect(Object.fromEntries(mergeRareValues(new Map(Object.entries(totals)), K, 'other'))).toEqual(
      expected,
    );
  });
});
