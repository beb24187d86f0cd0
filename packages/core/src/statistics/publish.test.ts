import { describe, expect, it } from 'vitest';
import { recoverableFigures } from './disclosure.ts';
import { publishStatistics, quarterOf } from './publish.ts';

const months = ['2026-01', '2026-02', '2026-03', '2026-04'];
const counts = (entries: Record<string, number>) => new Map(Object.entries(entries));

describe('publishStatistics', () => {
  it.each([
    ['2026-01', '2026-Q1'],
    ['2026-03', '2026-Q1'],
    ['2026-04', '2026-Q2'],
    ['2026-12', '2026-Q4'],
  ])('%s is in %s', (month, quarter) => expect(quarterOf(month)).toBe(quarter));

  it('merges a rare platform into its catch-all and shows no count between 1 and k-1', () => {
    const published = publishStatistics({
      k: 10,
      months,
      breakdowns: {
        platform: {
          family: 'reports',
          values: ['instagram', 'tiktok', 'tinyapp', 'other'],
          catchAll: 'other',
          counts: counts({
            '2026-01|instagram': 30,
            '2026-01|tiktok': 12,
            '2026-01|tinyapp': 2,
            '2026-01|other': 9,
            '2026-02|instagram': 25,
            '2026-02|tiktok': 4,
            '2026-02|other': 11,
            '2026-03|instagram': 40,
            '2026-03|tiktok': 20,
            '2026-03|other': 10,
            '2026-04|instagram': 33,
            '2026-04|tiktok': 15,
            '2026-04|other': 12,
          }),
        },
      },
      leadTimes: {},
    });
    const platform = published.breakdowns.platform!;
    expect(platform.values).toEqual(['instagram', 'tiktok', 'other']);
    expect(platform.merged).toEqual({ tinyapp: 'other' });
    expect(platform.rows['2026-04']!.other).toBe(12);
    for (const row of Object.values(platform.rows))
      for (const v of Object.values(row)) expect(v === null || v === 0 || v >= 10).toBe(true);
    // tiktok in February (4) is hidden, and so is enough else that it cannot be worked out.
    expect(platform.rows['2026-02']!.tiktok).toBeNull();
    expect(platform.rows['2026-Q2']!.total).toBe(60);
  });

  it('hides a total in every breakdown of a family when one breakdown hides it', () => {
    const published = publishStatistics({
      k: 10,
      months: ['2026-01'],
      breakdowns: {
        category: { family: 'reports', values: ['harassment'], counts: counts({ '2026-01|harassment': 5 }) },
        role: { family: 'reports', values: ['self', 'friend'], counts: counts({ '2026-01|self': 5 }) },
      },
      leadTimes: {},
    });
    expect(published.breakdowns.category!.rows['2026-01']!.total).toBeNull();
    expect(published.breakdowns.role!.rows['2026-01']!.total).toBeNull();
  });

  it('leaves no hidden count recoverable from the shown ones', () => {
    const published = publishStatistics({
      k: 10,
      months,
      breakdowns: {
        category: {
          family: 'reports',
          values: ['harassment', 'threats', 'hate'],
          counts: counts({
            '2026-01|harassment': 20,
            '2026-01|threats': 3,
            '2026-01|hate': 14,
            '2026-02|harassment': 18,
            '2026-02|threats': 11,
            '2026-02|hate': 12,
            '2026-03|harassment': 22,
            '2026-03|threats': 13,
            '2026-03|hate': 2,
            '2026-04|harassment': 30,
            '2026-04|threats': 10,
            '2026-04|hate': 10,
          }),
        },
      },
      leadTimes: {},
    });
    const rows = published.breakdowns.category!.rows;
    // Rebuild the figures as cell lists and check them with the same audit the core rules use.
    const values = ['harassment', 'threats', 'hate'];
    const periods: Record<string, string[]> = {
      '2026-01': ['2026-01'],
      '2026-02': ['2026-02'],
      '2026-03': ['2026-03'],
      '2026-04': ['2026-04'],
      '2026-Q1': ['2026-01', '2026-02', '2026-03'],
      '2026-Q2': ['2026-04'],
      '2026': months,
    };
    const figures = Object.entries(periods).flatMap(([p, ms]) => [
      ...values.map((v) => ({ id: `${p}:${v}`, cells: ms.map((m) => `${m}|${v}`) })),
      { id: `${p}:total`, cells: ms.flatMap((m) => values.map((v) => `${m}|${v}`)) },
    ]);
    const hidden = new Set(
      figures.filter((f) => rows[f.id.split(':')[0]!]![f.id.split(':')[1]!] === null).map((f) => f.id),
    );
    expect(hidden.has('2026-01:threats')).toBe(true);
    expect(hidden.has('2026-03:hate')).toBe(true);
    expect(recoverableFigures(figures, hidden)).toEqual([]);
  });

  it('shows a lead time only for a group of at least k cases', () => {
    const published = publishStatistics({
      k: 10,
      months: ['2026-01', '2026-02'],
      breakdowns: {},
      leadTimes: {
        'firstContact.all': {
          '2026-01': { n: 9, medianMs: 1000, p90Ms: 2000, withinTarget: 1 },
          '2026-02': { n: 10, medianMs: 1500, p90Ms: 2500, withinTarget: 0.9 },
          '2026-Q1': { n: 19, medianMs: 1200, p90Ms: 2400, withinTarget: 0.95 },
        },
      },
    });
    expect(published.leadTimes['firstContact.all']).toEqual({
      '2026-01': null,
      '2026-02': { medianMs: 1500, p90Ms: 2500, withinTarget: 0.9 },
      '2026-Q1': { medianMs: 1200, p90Ms: 2400, withinTarget: 0.95 },
      '2026': null,
    });
  });
});
