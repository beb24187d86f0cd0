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
