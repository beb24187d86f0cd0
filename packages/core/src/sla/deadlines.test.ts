import { describe, expect, it } from 'vitest';
import { testPack } from '../routing/test-pack.ts';
import { firstContactDeadline, isUrgent, reminderAt, timeLeft } from './deadlines.ts';
import { addLeadTime, leadTimeMs } from './lead-time.ts';

const noFlags = { ongoing: false, danger: false, selfHarm: false, imageAbuse: false };
const at = new Date('2026-11-24T10:00:00.000Z');

describe('lead times', () => {
  it.each([
    ['PT24H', 86_400_000],
    ['P3D', 3 * 86_400_000],
    ['P1DT2H30M', 26.5 * 3_600_000],
    ['PT0S', 0],
    ['PT90S', 90_000],
  ])('%s is %i ms', (iso, ms) => {
    expect(leadTimeMs(iso)).toBe(ms);
  });

  it.each(['P', 'PT', '24H', 'P1M', 'P1Y', 'P1W', ''])('rejects %j', (iso) => {
    expect(() => leadTimeMs(iso)).toThrow(RangeError);
  });

  it('adds to a date without touching it', () => {
    expect(addLeadTime(at, 'PT1H').toISOString()).toBe('2026-11-24T11:00:00.000Z');
    expect(at.toISOString()).toBe('2026-11-24T10:00:00.000Z');
  });
});

describe('first contact', () => {
  const pack = testPack();
  it.each([
    [
      'nothing urgent',
      { category: 'harassment' as const, flags: noFlags },
      false,
      '2026-11-25T10:00:00.000Z',
    ],
    [
      'danger',
      { category: 'harassment' as const, flags: { ...noFlags, danger: true } },
      true,
      '2026-11-24T11:00:00.000Z',
    ],
    [
      'self-harm answer',
      { category: 'other' as const, flags: { ...noFlags, selfHarm: true } },
      true,
      '2026-11-24T11:00:00.000Z',
    ],
    [
      'self-harm category',
      { category: 'self-harm' as const, flags: noFlags },
      true,
      '2026-11-24T11:00:00.000Z',
    ],
    [
      'only ongoing',
      { category: 'threats' as const, flags: { ...noFlags, ongoing: true } },
      false,
      '2026-11-25T10:00:00.000Z',
    ],
  ])('%s', (_why, metadata, urgent, deadline) => {
    expect(isUrgent(pack, metadata)).toBe(urgent);
    expect(firstContactDeadline(pack, metadata, at).toISOString()).toBe(deadline);
  });

  it('reminds two hours before, but never before the report arrived', () => {
    expect(reminderAt(pack, at, new Date('2026-11-25T10:00:00.000Z')).toISOString()).toBe(
      '2026-11-25T08:00:00.000Z',
    );
    expect(reminderAt(pack, at, new Date('2026-11-24T11:00:00.000Z')).toISOString()).toBe(at.toISOString());
  });

  it('counts time left and turns overdue after the deadline', () => {
    const deadline = new Date('2026-11-24T11:00:00.000Z');
    expect(timeLeft(deadline, at)).toEqual({ ms: 3_600_000, overdue: false });
    expect(timeLeft(deadline, new Date('2026-11-24T11:00:01.000Z'))).toEqual({ ms: -1000, overdue: true });
  });
});
