import type { CrisisLine } from './pack.ts';

/**
 * The default pack's (NL) crisis lines, built into the app so "Help now" works on the very first load
 * even offline. A fresh pack from the server (cached in localStorage) replaces this list.
 * Source: context/policy-brief.md; keep in step with country-packs/NL/crisis.yaml.
 */
export const FALLBACK_CRISIS: CrisisLine[] = [
  {
    id: 'emergency',
    service: 'politie',
    name: '112',
    phones: [{ number: '112', hours: 'always', free: true }],
    hours: 'always',
    when: { flags: ['danger'], categories: [] },
  },
  {
    id: 'suicide-prevention',
    service: 'zelfmoordpreventie-113',
    name: '113 Zelfmoordpreventie',
    phones: [
      { number: '113', hours: 'always', free: true },
      { number: '+318000113', display: '0800-0113', hours: 'always', free: true },
    ],
    chat: { url: 'https://www.113.nl', hours: 'always' },
    hours: 'always',
    when: { flags: ['selfHarm'], categories: ['self-harm'] },
  },
  {
    id: 'someone-to-talk-to',
    service: 'kindertelefoon',
    name: 'De Kindertelefoon',
    phones: [
      {
        number: '+318000432',
        display: '0800-0432',
        free: true,
        hours: [{ days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'], open: '11:00', close: '21:00' }],
      },
    ],
    chat: {
      url: 'https://www.kindertelefoon.nl',
      hours: [{ days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'], open: '11:00', close: '21:00' }],
    },
    hours: [{ days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'], open: '11:00', close: '21:00' }],
    when: { flags: [], categories: [] },
  },
];

/**
 * What each built-in line is for, as in country-packs/NL/texts (`crisis.<id>.description`), so the offline
 * screen says who to call for what, like the pack does. Keep in step with those files (a test checks).
 */
export const FALLBACK_CRISIS_TEXTS: {
  defaultLanguage: string;
  texts: Record<string, Record<string, string>>;
} = {
  defaultLanguage: 'nl',
  texts: {
    nl: {
      'crisis.emergency.description': 'Ben je in gevaar? Bel 112. Zeg waar je bent.',
      'crisis.suicide-prevention.description':
        'Denk je aan zelfmoord? Bel 113 of 0800-0113. Dag en nacht, gratis.',
      'crisis.someone-to-talk-to.description': 'Wil je met iemand praten? Bel De Kindertelefoon, gratis.',
    },
    en: {
      'crisis.emergency.description': 'Are you in danger? Call 112. Say where you are.',
      'crisis.suicide-prevention.description':
        'Are you thinking about suicide? Call 113 or 0800-0113. Day and night, free.',
      'crisis.someone-to-talk-to.description':
        'Do you want to talk to someone? Call De Kindertelefoon, it is free.',
    },
  },
};
