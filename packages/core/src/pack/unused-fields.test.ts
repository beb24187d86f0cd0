import { describe, expect, it } from 'vitest';
import { testPack } from '../routing/test-pack.ts';
import type { Service } from './schema.ts';
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
    const found = findUnusedFields(pack).filter((p) => p.file.startsWith('texts/'));
    expect(found.map((p) => `${p.file}: ${p.path}`)).toEqual(unused ? [`texts/en.yaml: ${key}`] : []);
  });
});

describe('findUnusedFields: the YAML files', () => {
  // The test pack without the fields nothing reads, so each case adds exactly one.
  const quiet = testPack().services.map(({ feedback: _kind, anonymous: _anonymous, ...s }) => ({
    ...s,
    phones: s.phones.map(({ free: _free, ...p }) => p),
  }));
  const [first, ...rest]: Service[] = quiet;
  if (!first) throw new Error('the test pack has a service');
  const withFirst = (service: typeof first) => testPack({ services: [service, ...rest] });

  it.each<[string, typeof first, string[]]>([
    [
      'web hours',
      { ...first, web: { url: 'https://x.example', hours: 'always' } },
      ['services[0].web.hours'],
    ],
    ['the feedback kind', { ...first, feedback: 'outcome' }, ['services[0].feedback']],
    [
      'a phone with hours, a label and a display',
      { ...first, phones: [{ number: '112', display: '1 1 2', hours: 'always', label: 'phones.x' }] },
      [],
    ],
    [
      'a phone marked free, a chat with hours and a label (the contact list shows them)',
      {
        ...first,
        phones: [{ number: '112', free: true }],
        chat: { url: 'https://chat.example', hours: 'always', label: 'phones.chat' },
      },
      [],
    ],
    [
      'a messenger with its url',
      { ...first, messengers: [{ app: 'signal', url: 'https://signal.me/x' }] },
      [],
    ],
  ])('%s', (_what, service, paths) => {
    const found = findUnusedFields(withFirst(service)).filter((p) => p.file === 'services.yaml');
    expect(found.map((p) => p.path)).toEqual(paths);
  });

  it('counts a field set on many services once, naming the first', () => {
    const web = { url: 'https://x.example', hours: 'always' as const };
    expect(quiet.length).toBeGreaterThan(1);
    const found = findUnusedFields(testPack({ services: quiet.map((s) => ({ ...s, web })) }));
    expect(found.map((p) => `${p.file}: ${p.path}`)).toContain(
      `services.yaml: services[0].web.hours (and ${quiet.length - 1} more)`,
    );
  });

  it('names pack.yaml fields by their path there', () => {
    const pack = testPack();
    pack.meta.ageOfDigitalConsent = 16;
    expect(findUnusedFields(pack).map((p) => `${p.file}: ${p.path}`)).toContain(
      'pack.yaml: ageOfDigitalConsent',
    );
  });
});
