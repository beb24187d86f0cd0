import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mergeBreakdowns } from './merge.ts';
import { publishStatistics } from './publish.ts';

const K = 10;
const months = ['2026-01', '2026-02', '2026-03'];
const values = ['harassment', 'threats', 'hate'];

const published = (counts: number[]) =>
  publishStatistics({
    k: K,
    months,
    breakdowns: {
      category: {
        family: 'reports',
        values,
        counts: new Map(counts.map((n, i) => [`${months[Math.floor(i / 3)]}|${values[i % 3]}`, n])),
      },
    },
    leadTimes: {},
  }).breakdowns.category!;

describe('mergeBreakdowns', () => {
  it('adds figures both files show and keeps hidden what either file hides', () => {
    const nl = published([20, 3, 15, 30, 12, 11, 25, 14, 16]);
    const be = published([10, 12, 14, 20, 22, 24, 30, 32, 34]);
    const sum = mergeBreakdowns([nl, be]);
    expect(nl.rows['2026-01']!.threats).toBeNull();
    expect(sum.rows['2026-01']!.threats).toBeNull();
    expect(sum.rows['2026-03']!.hate).toBe(50);
    expect(sum.rows['2026-Q1']!.total).toBe(
      (nl.rows['2026-Q1']!.total ?? 0) + (be.rows['2026-Q1']!.total ?? 0),
    );
  });

  it('treats a value one file does not list as unknown', () => {
    const a = {
      values: ['tiktok', 'other'],
      merged: {},
      rows: { '2026-01': { tiktok: 20, other: 10, total: 30 } },
    };
    const b = {
      values: ['other'],
      merged: { tiktok: 'other' },
      rows: { '2026-01': { other: 40, total: 40 } },
    };
    const sum = mergeBreakdowns([a, b]);
    expect(sum.rows['2026-01']).toEqual({ tiktok: null, other: 50, total: 70 });
  });

  it('never shows a figure between 1 and k-1 and never un-hides one (random files)', () => {
    const file = fc.array(fc.integer({ min: 0, max: 40 }), { minLength: 9, maxLength: 9 });
    fc.assert(
      fc.property(file, file, (x, y) => {
        const a = published(x);
        const b = published(y);
        const sum = mergeBreakdowns([a, b]);
        for (const [period, row] of Object.entries(sum.rows))
          for (const [v, n] of Object.entries(row)) {
            if (n !== null) expect(n === 0 || n >= K).toBe(true);
            if (a.rows[period]?.[v] === null || b.rows[period]?.[v] === null) expect(n).toBeNull();
          }
      }),
      { numRuns: 60 },
    );
  });
});
