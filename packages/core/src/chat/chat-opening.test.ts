import { describe, expect, it } from 'vitest';
import type { OpeningHours } from '../pack/schema.ts';
import { chatOpening } from './chat-opening.ts';

const weekdays: OpeningHours = [{ days: ['mon', 'tue', 'wed', 'thu', 'fri'], open: '14:00', close: '20:00' }];
const lateNight: OpeningHours = [{ days: ['fri', 'sat'], open: '22:00', close: '02:00' }];
const AMS = 'Europe/Amsterdam';

describe('chatOpening', () => {
  it.each([
    // [what, hours, now (UTC), open, next opening (UTC) or null]
    ['no hours in the pack: open', undefined, '2026-12-01T03:00:00Z', true, null],
    ['always', 'always' as const, '2026-12-01T03:00:00Z', true, null],
    ['inside weekday hours (15:00 local, winter)', weekdays, '2026-12-01T14:00:00Z', true, null],
    ['at the opening minute', weekdays, '2026-12-01T13:00:00Z', true, null],
    [
      'at the closing minute: closed, opens tomorrow',
      weekdays,
      '2026-12-01T19:00:00Z',
      false,
      '2026-12-02T13:00:00.000Z',
    ],
    ['early morning: opens today', weekdays, '2026-12-01T06:30:00Z', false, '2026-12-01T13:00:00.000Z'],
    ['Saturday: opens Monday', weekdays, '2026-12-05T12:00:00Z', false, '2026-12-07T13:00:00.000Z'],
    [
      'summer time shifts the UTC opening',
      weekdays,
      '2026-07-04T12:00:00Z',
      false,
      '2026-07-06T12:00:00.000Z',
    ],
    ['past midnight after Friday: still open Saturday 01:00', lateNight, '2026-12-05T00:00:00Z', true, null],
    ['Sunday 01:00 after Saturday night: open', lateNight, '2026-12-06T00:30:00Z', true, null],
    ['Sunday 03:00: next Friday 22:00', lateNight, '2026-12-06T02:00:00Z', false, '2026-12-11T21:00:00.000Z'],
    ['no slots at all: closed, no next opening', [] as OpeningHours, '2026-12-01T14:00:00Z', false, null],
  ])('%s', (_what, hours, now, open, next) => {
    const result = chatOpening(hours as OpeningHours | undefined, AMS, new Date(now));
    expect(result.open).toBe(open);
    expect(result.nextOpening?.toISOString() ?? null).toBe(next);
  });
});
