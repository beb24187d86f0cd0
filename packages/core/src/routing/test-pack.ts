import type { CountryPack } from '../pack/schema.ts';
import { CATEGORY_CODES } from '../taxonomy.ts';

/** A small, valid pack built in code for unit tests of pure functions (packs on disk are tested by the loader). */
export function testPack(overrides: Partial<CountryPack> = {}): CountryPack {
  const service = (id: string, kind: CountryPack['services'][number]['kind']) => ({
    id,
    name: id,
    kind,
    phones: [{ number: '+31201234567', display: '020 123 4567' }],
    handles: [...CATEGORY_CODES],
    audience: ['young' as const],
    leadTimes: { firstContact: 'P1D', handover: 'PT12H' },
    connector: { type: 'none' as const },
  });
  return {
    meta: {
      code: 'XX',
      name: 'Test',
      version: '1.0.0',
      timeZone: 'Europe/Amsterdam',
      languages: [{ code: 'en', complete: true }],
      defaultLanguage: 'en',
      // Not the demo key, so checks of this pack report only what a test sets up.
      releaseKey: 'ab'.repeat(32),
      shortNumberPattern: '11[0-9]',
      // A helpline's own trust anchor (not the public demo one), so only the tests about anchors warn.
      helpline: { id: 'helpline', name: 'Helpline', trustAnchors: ['1'.repeat(64)] },
      branding: {
        appName: 'Vangnet',
        colours: {
          primary: '#0b5394',
          onPrimary: '#ffffff',
          background: '#ffffff',
          text: '#1a1a1a',
          accent: '#b45309',
        },
      },
      retention: { closedCaseDays: 30, legalHoldAllowed: false },
      sla: {
        firstContact: { default: 'PT24H', urgent: 'PT1H' },
        remindBefore: 'PT2H',
        urgentWhen: ['danger', 'selfHarm'],
        urgentCategories: ['self-harm'],
      },
      statusWorkflow: {
        transitions: [{ from: ['new'], to: 'referred', requires: ['serviceId', 'consent'] }],
      },
    },
    services: [service('helpline', 'helpline'), service('crisis', 'crisis'), service('police', 'police')],
    crisis: [
      {
        id: 'emergency',
        service: 'police',
        name: '112',
        phones: [{ number: '112' }],
        hours: 'always',
        when: { flags: ['danger'], categories: [] },
      },
      {
        id: 'suicide',
        service: 'crisis',
        name: '113',
        phones: [{ number: '113' }],
        hours: 'always',
        when: { flags: ['selfHarm'], categories: ['self-harm'] },
      },
    ],
    platforms: [],
    routes: [
      {
        id: 'threats-minor',
        match: { categories: ['threats'], ageBands: ['13-15'] },
        services: [{ service: 'helpline', firstContact: 'PT4H' }, { service: 'police' }],
        advice: ['report-to-police'],
      },
      { id: 'default', match: {}, services: [{ service: 'helpline' }], advice: [] },
    ],
    texts: { en: {} },
    pages: {
      en: {
        help: { title: 'Help', markdown: '# Help', audiences: ['young'], kind: 'guide', summary: 'Tips' },
      },
    },
    ...overrides,
  };
}
