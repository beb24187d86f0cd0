import { join } from 'node:path';
import { routeReport } from '@vangnet/core';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../config.ts';
import { loadCountryPack } from '../country-pack/load.ts';
import { hotlineFirst } from './hotline-first.ts';

const flags = { ongoing: false, danger: false, selfHarm: false, imageAbuse: true };

describe.each(['NL', 'BE-VL'])('hotline first after a known-image match (%s pack)', (code) => {
  it.each([
    ['image abuse of a teen', { category: 'image-abuse', role: 'self', ageBand: '13-15' }],
    ['sextortion', { category: 'sextortion', role: 'self', ageBand: '16-17' }],
    ['a bullying report with images', { category: 'harassment', role: 'friend', ageBand: '10-12' }],
    ['an adult', { category: 'image-abuse', role: 'adult', ageBand: '18-plus' }],
  ] as const)('%s: the hotline leads, nothing else is lost', async (_why, answers) => {
    const pack = await loadCountryPack(join(repoRoot, 'country-packs', code));
    const hotlines = pack.services.filter((s) => s.kind === 'hotline').map((s) => s.id);
    expect(hotlines.length).toBeGreaterThan(0);
    const route = routeReport(pack, { ...answers, flags });
    const proposed = hotlineFirst(pack, route);
    expect(hotlines).toContain(proposed?.services[0]?.serviceId);
    expect(proposed?.services.map((s) => s.order)).toEqual(proposed?.services.map((_, i) => i + 1));
    for (const s of route?.services ?? []) {
      expect(proposed?.services.map((p) => p.serviceId)).toContain(s.serviceId);
    }
    expect(proposed?.ruleId).toBe(route?.ruleId);
  });

  it('keeps a triggered crisis line ahead of the hotline', async () => {
    const pack = await loadCountryPack(join(repoRoot, 'country-packs', code));
    const route = routeReport(pack, {
      category: 'image-abuse',
      role: 'self',
      ageBand: '13-15',
      flags: { ...flags, selfHarm: true, danger: true },
    });
    const proposed = hotlineFirst(pack, route);
    const firstNonCrisis = proposed?.services.find((s) => !s.crisis);
    expect(proposed?.services[0]?.crisis).toBe(true);
    expect(pack.services.find((s) => s.id === firstNonCrisis?.serviceId)?.kind).toBe('hotline');
  });
});
