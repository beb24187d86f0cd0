import { describe, expect, it } from 'vitest';
import { preventionSignal } from './prevention-signal.ts';

const periodEnd = new Date('2026-11-30T00:00:00Z');

describe('preventionSignal', () => {
  it.each([
    // dimension, series, current, expected, k → thisWeek, usual, change, summary
    [
      'platform×category',
      'snapchat|sextortion',
      24,
      10,
      10,
      24,
      10,
      'doubled',
      'Reports of sextortion on snapchat more than doubled in the week 2026-11-23 to 2026-11-29: 24 reports, against 10 in a usual week.',
    ],
    [
      'ageBand×category',
      '13-15|sextortion',
      18,
      12.5,
      10,
      18,
      12.5,
      'rose',
      'Reports of sextortion from children aged 13-15 rose unusually in the week 2026-11-23 to 2026-11-29: 18 reports, against 12.5 in a usual week.',
    ],
    // This week below k: no numbers at all (a ratio with the usual figure would give the count away).
    [
      'platform×category',
      'roblox|grooming',
      7,
      1,
      10,
      null,
      null,
      'doubled',
      'Reports of grooming on roblox more than doubled in the week 2026-11-23 to 2026-11-29.',
    ],
    // The baseline's total (8 weeks × 1) is below k even though this week is not: no numbers either.
    ['platform×category', 'tiktok|sextortion', 14, 1, 10, null, null, 'doubled', undefined],
  ] as const)(
    '%s %s: %i this week, %d usual, k %i',
    (dimension, series, current, expected, k, thisWeek, usual, change, summary) => {
      const s = preventionSignal({ dimension, series, current, expected, periodEnd }, k);
      expect(s).toMatchObject({
        thisWeek,
        usualPerWeek: usual,
        change,
        k,
        week: { from: '2026-11-23', to: '2026-11-29' },
      });
      if (summary) expect(s.summary).toBe(summary);
      if (thisWeek === null) expect(s.summary).not.toMatch(/\d+ reports/);
    },
  );

  it('names the platform or the age band it is about', () => {
    expect(
      preventionSignal(
        { dimension: 'platform×category', series: 'tiktok|hate', current: 20, expected: 5, periodEnd },
        10,
      ),
    ).toMatchObject({ platform: 'tiktok', category: 'hate' });
    expect(
      preventionSignal(
        { dimension: 'ageBand×category', series: '10-12|hate', current: 20, expected: 5, periodEnd },
        10,
      ),
    ).toMatchObject({ ageBand: '10-12', category: 'hate' });
  });
});
