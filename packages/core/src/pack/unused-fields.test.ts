import { describe, expect, it } from 'vitest';
import { testPack } from '../routing/test-pack.ts';
import { findUnusedFields } from './unused-fields.ts';

describe('findUnusedFields', () => {
  const serviceId = testPack().services[0]?.id ?? '';
  it.each([
    [`services.${serviceId}.description`, false],
    [`services.${serviceId}.descripton`, true],
    ['services.no-such-service.description', true],
    ['routeMap.young.title', false],
    ['routeMap.teacher.title', true],
    ['app.roles.professional', false],
    ['canned.anything.label', false],
    ['branding.greeting', false],
    ['farewell', true],
  ])('%s unused: %s', (key, unused) => {
    const pack = testPack({ texts: { en: { [key]: 'x' } } });
    const found = findUnusedFields(pack);
    expect(found.map((p) => `${p.file}: ${p.path}`)).toEqual(unused ? [`texts/en.yaml: ${key}`] : []);
  });
});
