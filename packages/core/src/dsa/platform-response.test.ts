import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { tdbLabel } from '../taxonomy.ts';
import {
  checkDecisionTimes,
  isStatementOfReasonsId,
  type NoticeFact,
  nearestRank,
  platformResponseFigures,
  publishPlatformResponses,
} from './platform-response.ts';

const T0 = new Date('2026-11-02T10:00:00Z');
const h = (hours: number) => new Date(T0.getTime() + hours * 3_600_000);
const threats = tdbLabel('threats', true);
const notice = (over: Partial<NoticeFact>): NoticeFact => ({
  platform: 'instagram',
  category: 'threats',
  tdb: threats,
  sentAt: T0,
  ...over,
});

describe('nearestRank', () => {
  it.each([
    { values: [], p: 50, want: null },
    { values: [7], p: 50, want: 7 },
    { values: [7], p: 90, want: 7 },
    { values: [1, 2], p: 50, want: 1 },
    { values: [1, 2, 3], p: 50, want: 2 },
    { values: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], p: 90, want: 9 },
    { values: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], p: 90, want: 10 },
    { values: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], p: 100, want: 10 },
    { values: [1, 2, 3], p: 0, want: 1 },
  ])('$values at p$p → $want', ({ values, p, want }) => {
    expect(nearestRank(values, p)).toBe(want);
  });
});

describe('platformResponseFigures', () => {
  it.each([
    { name: 'no notices: no rows', notices: [], want: [] },
    {
      name: 'one notice, unanswered',
      notices: [notice({})],
      want: [{ sent: 1, answered: 0, answeredShare: 0, medianHours: null, p90Hours: null, actedShare: null }],
    },
    {
      name: 'one answered after two days, removed',
      notices: [notice({ decidedAt: h(48), outcome: 'removed' })],
      want: [{ sent: 1, answered: 1, answeredShare: 1, medianHours: 48, p90Hours: 48, actedShare: 1 }],
    },
    {
      name: 'four sent, three answered: median, p90 and acted over the answered ones',
      notices: [
        notice({ decidedAt: h(2), outcome: 'removed' }),
        notice({ decidedAt: h(30), outcome: 'no-action' }),
        notice({ decidedAt: h(10), outcome: 'restricted' }),
        notice({}),
      ],
      want: [{ sent: 4, answered: 3, answeredShare: 0.75, medianHours: 10, p90Hours: 30, actedShare: 2 / 3 }],
    },
    {
      name: 'a decision time without an outcome does not count as answered',
      notices: [notice({ decidedAt: h(5) }), notice({ decidedAt: h(1), outcome: 'other' })],
      want: [{ sent: 2, answered: 1, answeredShare: 0.5, medianHours: 1, p90Hours: 1, actedShare: 0 }],
    },
  ])('$name', ({ notices, want }) => {
    expect(platformResponseFigures(notices)).toEqual(
      want.map((w) => ({ platform: 'instagram', category: 'threats', tdb: threats, ...w })),
    );
  });

  it('one row per platform, category and Transparency Database label, in a stable order', () => {
    const rows = platformResponseFigures([
      notice({ platform: 'tiktok' }),
      notice({ platform: 'instagram', category: 'harassment', tdb: tdbLabel('harassment', true) }),
      notice({ platform: 'instagram' }),
      notice({ platform: 'instagram', category: 'image-abuse', tdb: tdbLabel('image-abuse', true) }),
      notice({ platform: 'instagram', category: 'image-abuse', tdb: tdbLabel('image-abuse', false) }),
    ]);
    expect(rows.map((r) => [r.platform, r.category, r.tdb.keyword])).toEqual([
      ['instagram', 'harassment', tdbLabel('harassment', true).keyword],
      ['instagram', 'image-abuse', tdbLabel('image-abuse', true).keyword],
      ['instagram', 'image-abuse', tdbLabel('image-abuse', false).keyword],
      ['instagram', 'threats', threats.keyword],
      ['tiktok', 'threats', threats.keyword],
    ]);
    expect(rows.every((r) => r.sent === 1)).toBe(true);
  });
});

describe('checkDecisionTimes', () => {
  const now = h(72);
  it.each([
    { name: 'decided two days later', t: { sentAt: T0, decidedAt: h(48) }, want: null },
    { name: 'received, then decided', t: { sentAt: T0, receivedAt: h(1), decidedAt: h(48) }, want: null },
    { name: 'same minute as sending', t: { sentAt: h(0.01), decidedAt: T0 }, want: null },
    { name: 'decided before it was sent', t: { sentAt: T0, decidedAt: h(-2) }, want: 'decision.before-sent' },
    {
      name: 'received before it was sent',
      t: { sentAt: T0, receivedAt: h(-1), decidedAt: h(3) },
      want: 'decision.before-sent',
    },
    { name: 'decided in the future', t: { sentAt: T0, decidedAt: h(73) }, want: 'decision.in-future' },
    { name: 'a few minutes of clock skew', t: { sentAt: T0, decidedAt: h(72.05) }, want: null },
    {
      name: 'received after the decision',
      t: { sentAt: T0, receivedAt: h(50), decidedAt: h(48) },
      want: 'decision.received-after',
    },
  ])('$name', ({ t, want }) => {
    expect(checkDecisionTimes(t, now)).toBe(want);
  });
});

describe('isStatementOfReasonsId', () => {
  it.each([
    ['8e3f1c2a-55b6-4c8e-9d0f-1a2b3c4d5e6f', true],
    ['4421337', true],
    ['SOR-2026/11:77', true],
    ['', false],
    [' 123', false],
    ['12 34', false],
    ['<script>', false],
    ['a'.repeat(101), false],
  ])('%s → %s', (value, want) => {
    expect(isStatementOfReasonsId(value)).toBe(want);
  });
});

describe('isStatementOfReasonsId, fuzzed', () => {
  it('never accepts whitespace, markup or more than 100 characters, and never throws', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300, unit: 'binary' }), (value) => {
        const ok = isStatementOfReasonsId(value);
        if (ok) {
          expect(value.length).toBeLessThanOrEqual(100);
          expect(value).not.toMatch(/[\s<>"'&]/);
        }
      }),
      { numRuns: 2000 },
    );
  });
});

describe('publishPlatformResponses', () => {
  const many = (count: number, answered: number) =>
    Array.from({ length: count }, (_, i) =>
      notice(i < answered ? { decidedAt: h(10 + i), outcome: i % 2 ? 'removed' : 'no-action' } : {}),
    );

  it.each([
    { name: 'fewer than k sent: the row is left out', sent: 9, answered: 9, shown: false, times: false },
    {
      name: 'k sent but fewer than k answered: counts and share only',
      sent: 12,
      answered: 4,
      shown: true,
      times: false,
    },
    { name: 'k sent and k answered: everything', sent: 12, answered: 10, shown: true, times: true },
  ])('$name', ({ sent, answered, shown, times }) => {
    const published = publishPlatformResponses(platformResponseFigures(many(sent, answered)), 10);
    expect(published.length).toBe(shown ? 1 : 0);
    if (!shown) return;
    const row = published[0]!;
    expect(row.sent).toBe(sent);
    expect(row.answeredShare).toBeCloseTo(answered / sent);
    expect(row.tdb).toEqual(threats);
    expect(row.medianHours !== null).toBe(times);
    expect(row.p90Hours !== null).toBe(times);
    expect(row.actedShare !== null).toBe(times);
  });
});
