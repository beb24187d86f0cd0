import { describe, expect, it } from 'vitest';
import { formatHours } from './hours.ts';
import { formatLeadTime } from './send/lead-time.ts';
import { groupCode } from './send/receipt-code.tsx';

describe('opening hours in the reader language', () => {
  it('says "always" in words', () => {
    expect(formatHours('always', 'en', 'day and night')).toBe('day and night');
  });
  it('collapses consecutive days to a range', () => {
    const every = [
      { days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const, open: '11:00', close: '21:00' },
    ];
    expect(
      formatHours(
        every.map((h) => ({ ...h, days: [...h.days] })),
        'en',
        '',
      ),
    ).toBe('Mon–Sun 11:00–21:00');
  });
  it('lists gaps apart', () => {
    expect(formatHours([{ days: ['mon', 'wed', 'thu'], open: '09:00', close: '17:00' }], 'nl', '')).toBe(
      'ma, wo–do 09:00–17:00',
    );
  });
  it('returns null when a line has no hours', () => {
    expect(formatHours(undefined, 'en', '')).toBeNull();
  });
});

describe('lead times in words', () => {
  it.each([
    ['PT24H', 'en', '24 hours'],
    ['P2D', 'nl', '2 dagen'],
    ['PT1H', 'fr', '1 heure'],
    ['PT30M', 'en', '1 hour'],
    ['P3D', 'de', '3 Tage'],
  ])('%s in %s → %s', (iso, lang, expected) => {
    // French puts a no-break space between number and unit.
    expect(formatLeadTime(iso, lang).replace(/\s/g, ' ')).toBe(expected);
  });
});

describe('receipt code grouping', () => {
  it('groups 21 digits in sevens of three', () => {
    expect(groupCode('123456789012345678901')).toBe('123 456 789 012 345 678 901');
  });
});
