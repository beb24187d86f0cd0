import { describe, expect, it } from 'vitest';
import { de } from '../i18n/de.ts';
import { en } from '../i18n/en.ts';
import { fr } from '../i18n/fr.ts';
import { nl } from '../i18n/nl.ts';
import { pl } from '../i18n/pl.ts';
import { uk } from '../i18n/uk.ts';
import { describeTimeline, type TimelineEvent } from './timeline-words.ts';

const services = [
  { id: 'politie', name: 'Politie', leadTimes: { firstContact: 'P3D', handover: 'P1D' } },
  {
    id: 'offlimits',
    name: 'Offlimits',
    leadTimes: { firstContact: 'P5D', handover: 'PT4H' },
    unverified: ['leadTimes' as const],
  },
  { id: 'kindertelefoon', name: 'De Kindertelefoon', leadTimes: { firstContact: 'PT0S', handover: 'PT0S' } },
];
const platforms = [
  { id: 'instagram', name: 'Instagram' },
  { id: 'other', name: 'Other' },
];
const catalogs = { nl, en, fr, de, uk, pl };
const ev = (event: string, at: string, detail?: Record<string, string>): TimelineEvent => ({
  event,
  at,
  ...(detail ? { detail } : {}),
});
const texts = (lang: keyof typeof catalogs, events: TimelineEvent[]) =>
  describeTimeline(events, {
    words: catalogs[lang].timeline,
    lang,
    timeZone: 'Europe/Amsterdam',
    helplineName: 'Helpwanted',
    services,
    platforms,
  }).map((l) => (l.unchecked ? `${l.text} [${l.unchecked}]` : l.text));

const handedOverAndConfirmed = [
  ev('handed-over', '2026-12-02T09:00:00.000Z', { serviceId: 'politie' }),
  ev('partner-confirmed', '2026-12-03T08:00:00.000Z', { serviceId: 'politie' }),
];

describe('the follow-up timeline in plain words', () => {
  it.each<[string, keyof typeof catalogs, TimelineEvent[], string[]]>([
    [
      'arrival, evidence once with a count, read, contacted',
      'nl',
      [
        ev('received', '2026-12-01T10:00:00.000Z'),
        ev('evidence-received', '2026-12-01T10:00:01.000Z'),
        ev('evidence-received', '2026-12-01T10:00:02.000Z'),
        ev('visible', '2026-12-01T10:00:02.000Z'),
        ev('helpline-read', '2026-12-01T11:00:00.000Z'),
        ev('helpline-replied', '2026-12-01T11:05:00.000Z'),
        ev('status-changed', '2026-12-01T11:05:00.000Z', { status: 'contacted' }),
      ],
      [
        'Je melding is aangekomen.',
        'Je bewijs is aangekomen (2 stukken).',
        'Helpwanted kan je melding nu zien.',
        'Helpwanted heeft je melding gelezen.',
        'Helpwanted heeft je geschreven.',
        'Helpwanted heeft contact met je opgenomen.',
      ],
    ],
    [
      'hand-over and confirmation in one line, with the expected time (nl)',
      'nl',
      handedOverAndConfirmed,
      [
        'We hebben je melding op 2 december doorgegeven aan Politie. Zij hebben het op 3 december bevestigd. Ze verwachten binnen 3 dagen contact met je op te nemen.',
      ],
    ],
    [
      'the same in English',
      'en',
      handedOverAndConfirmed,
      [
        'We passed your report to Politie on December 2. They confirmed on December 3. They expect to contact you within 3 days.',
      ],
    ],
    [
      'the same in French',
      'fr',
      handedOverAndConfirmed,
      [
        'Nous avons transmis ton signalement à Politie le 2 décembre. Ils l’ont confirmé le 3 décembre. Ils prévoient de te contacter dans un délai de 3\u00a0jours.',
      ],
    ],
    [
      'the same in German',
      'de',
      handedOverAndConfirmed,
      [
        'Wir haben deine Meldung am 2. Dezember an Politie weitergegeben. Sie haben es am 3. Dezember bestätigt. Sie wollen sich bei dir melden. Das dauert bis zu 3 Tage.',
      ],
    ],
    [
      'an unverified lead time is no promise: marked to check',
      'en',
      [ev('handed-over', '2026-12-02T09:00:00.000Z', { serviceId: 'offlimits' })],
      [
        'We passed your report to Offlimits on December 2. [They may contact you within 5 days. This time is not confirmed. Check with your code.]',
      ],
    ],
    [
      'a day in the pack’s time zone, not UTC',
      'nl',
      [ev('handed-over', '2026-12-01T23:30:00.000Z', { serviceId: 'kindertelefoon' })],
      ['We hebben je melding op 2 december doorgegeven aan De Kindertelefoon.'],
    ],
    [
      'after an outcome no waiting time, and the outcome said plainly',
      'en',
      [
        ...handedOverAndConfirmed,
        ev('partner-outcome', '2026-12-04T08:00:00.000Z', { serviceId: 'politie', outcome: 'accepted' }),
      ],
      [
        'We passed your report to Politie on December 2. They confirmed on December 3.',
        'Politie is helping with your report.',
      ],
    ],
    [
      '"referred" is left to the named hand-over; unknown events and services show no raw ids',
      'en',
      [
        ev('status-changed', '2026-12-02T08:00:00.000Z', { status: 'referred' }),
        ev('handed-over', '2026-12-02T09:00:00.000Z', { serviceId: 'kindertelefoon' }),
        ev('some-new-event', '2026-12-02T10:00:00.000Z'),
        ev('partner-confirmed', '2026-12-02T11:00:00.000Z', { serviceId: 'gone-service' }),
      ],
      [
        'We passed your report to De Kindertelefoon on December 2.',
        'Something changed in your report.',
        'Something changed in your report.',
      ],
    ],
  ])('%s', (_why, lang, events, expected) => {
    expect(texts(lang, events)).toEqual(expected);
  });
});

describe('a platform answered the helpline’s notice', () => {
  const answered = (outcome: string, platform = 'instagram') => [
    ev('platform-answered', '2026-12-04T09:00:00.000Z', { platform, outcome }),
  ];
  it.each<[keyof typeof catalogs, string, string]>([
    ['en', 'removed', 'Instagram answered us: they removed it.'],
    ['en', 'restricted', 'Instagram answered us: fewer people can see it now.'],
    [
      'en',
      'no-action',
      'Instagram answered us: they did not remove it. We will look with you at what else can help.',
    ],
    ['en', 'other', 'Instagram answered us. You can ask us what they said.'],
    ['nl', 'removed', 'Instagram heeft ons geantwoord: ze hebben het weggehaald.'],
    ['fr', 'removed', 'Instagram nous a répondu : ils l’ont supprimé.'],
    ['de', 'removed', 'Instagram hat uns geantwortet: Sie haben es gelöscht.'],
    ['uk', 'removed', 'Відповідь від Instagram: це видалили.'],
    ['pl', 'removed', 'Odpowiedź od Instagram: to zostało usunięte.'],
  ])('%s, %s', (lang, outcome, want) => {
    expect(texts(lang, answered(outcome))).toEqual([want]);
  });

  it.each(['nl', 'en', 'fr', 'de', 'uk', 'pl'] as const)(
    '%s: every outcome has its own words; an unknown outcome or platform says no raw code',
    (lang) => {
      const said = ['removed', 'restricted', 'no-action', 'other'].map((o) => texts(lang, answered(o))[0]);
      expect(new Set(said).size).toBe(4);
      for (const line of said) expect(line).toContain('Instagram');
      const other = catalogs[lang].timeline.other;
      expect(texts(lang, answered('shadow-banned'))).toEqual([other]);
      expect(texts(lang, answered('removed', 'other'))).toEqual([other]);
      expect(texts(lang, answered('removed', 'myspace'))).toEqual([other]);
    },
  );
});
