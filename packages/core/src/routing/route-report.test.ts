import { describe, expect, it } from 'vitest';
import { findUnreachableRules, findUnroutedCombinations } from './combinations.ts';
import { type RouteInput, routeReport } from './route-report.ts';
import { testPack } from './test-pack.ts';

const noFlags = { ongoing: false, danger: false, selfHarm: false, imageAbuse: false };
const input = (i: Partial<RouteInput>): RouteInput => ({
  category: 'threats',
  role: 'self',
  ageBand: '13-15',
  ...i,
  flags: { ...noFlags, ...i.flags },
});

describe('routeReport', () => {
  it('takes the first matching rule, with its lead-time overrides and advice', () => {
    expect(routeReport(testPack(), input({}))).toEqual({
      ruleId: 'threats-minor',
      services: [
        { serviceId: 'helpline', order: 1, firstContact: 'PT4H', handover: 'PT12H', crisis: false },
        { serviceId: 'police', order: 2, firstContact: 'P1D', handover: 'PT12H', crisis: false },
      ],
      advice: ['report-to-police'],
      crisisFirst: false,
    });
  });

  it.each([
    ['another age band', input({ ageBand: '16-17' })],
    ['another category', input({ category: 'hate' })],
  ])('falls through to the next rule for %s', (_why, i) => {
    expect(routeReport(testPack(), i)?.ruleId).toBe('default');
  });

  it('puts the crisis line first on a selfHarm answer, and lists each service once', () => {
    const route = routeReport(testPack(), input({ flags: { ...noFlags, selfHarm: true, danger: true } }))!;
    expect(route.crisisFirst).toBe(true);
    expect(route.services.map((s) => [s.serviceId, s.crisis])).toEqual([
      ['police', true],
      ['crisis', true],
      ['helpline', false],
    ]);
    // The rule's own lead times still apply to a service the crisis trigger moved up.
    expect(route.services[2]?.firstContact).toBe('PT4H');
  });

  it('triggers a crisis line on a category too (self-harm without the flag)', () => {
    const route = routeReport(testPack(), input({ category: 'self-harm' }))!;
    expect(route.services[0]?.serviceId).toBe('crisis');
  });

  it('matches flags that must be set and flags that must not be', () => {
    const pack = testPack();
    pack.routes.unshift({
      id: 'ongoing-only',
      match: { flags: ['ongoing'], withoutFlags: ['imageAbuse'] },
      services: [{ service: 'police' }],
      advice: [],
    });
    expect(routeReport(pack, input({ flags: { ...noFlags, ongoing: true } }))?.ruleId).toBe('ongoing-only');
    expect(routeReport(pack, input({ flags: { ...noFlags, ongoing: true, imageAbuse: true } }))?.ruleId).toBe(
      'threats-minor',
    );
  });

  it('returns null when no rule matches', () => {
    const pack = testPack();
    pack.routes.pop();
    expect(routeReport(pack, input({ category: 'hate' }))).toBeNull();
  });
});

describe('coverage', () => {
  it('finds no gap when a catch-all rule exists', () => {
    expect(findUnroutedCombinations(testPack())).toEqual([]);
  });

  it('lists exactly the answers no rule matches', () => {
    const pack = testPack();
    pack.routes.pop();
    const gaps = findUnroutedCombinations(pack);
    // 13 categories × 5 roles × 6 age bands × 16 flag sets, minus threats at 13-15 (5 roles × 16 flag sets).
    expect(gaps).toHaveLength(13 * 5 * 6 * 16 - 5 * 16);
    expect(gaps).not.toContainEqual(expect.objectContaining({ category: 'threats', ageBand: '13-15' }));
  });

  it('names rules that can never apply', () => {
    const pack = testPack();
    pack.routes.push({
      id: 'too-late',
      match: { categories: ['hate'] },
      services: [{ service: 'police' }],
      advice: [],
    });
    expect(findUnreachableRules(pack)).toEqual(['too-late']);
  });
});
