import { describe, expect, it } from 'vitest';
import { type ContactAction, contactActions, crisisLineContacts, sameHours } from './contact-actions.ts';
import type { OpeningHours } from './schema.ts';

describe('contactActions', () => {
  it('offers every channel a service lists, in order, each with the link a phone opens', () => {
    const actions = contactActions({
      phones: [
        { number: '+448001111', display: '0800 1111', label: 'phones.childline' },
        { number: '85258', display: '85258', ways: ['text'] },
        { number: '116123', ways: ['call', 'text'], unverified: true },
      ],
      chat: { url: 'https://chat.helpline.test/start' },
      messengers: [{ app: 'whatsapp', url: 'https://wa.me/447000000001', unverified: true }],
      email: { address: 'help@helpline.test' },
      web: { url: 'https://www.helpline.test/about' },
    });
    expect(actions.map((a) => [a.kind, a.href, a.unchecked])).toEqual([
      ['call', 'tel:+448001111', false],
      ['text', 'sms:85258', false],
      ['call', 'tel:116123', true],
      ['text', 'sms:116123', true],
      ['chat', 'https://chat.helpline.test/start', false],
      ['messenger', 'https://wa.me/447000000001', true],
      ['email', 'mailto:help@helpline.test', false],
      ['web', 'https://www.helpline.test/about', false],
    ]);
    expect(actions[0]).toMatchObject({ shown: '0800 1111', label: 'phones.childline' });
  });

  it('marks a channel unchecked when the service lists its field as unverified', () => {
    const actions = contactActions({
      phones: [{ number: '102' }],
      email: { address: 'a@b.test' },
      unverified: ['phones', 'email'],
    });
    expect(actions.map((a) => a.unchecked)).toEqual([true, true]);
  });

  it('keeps only digits and + in tel: and sms: links', () => {
    expect(contactActions({ phones: [{ number: '0800-0432' }] })[0]?.href).toBe('tel:08000432');
  });

  const daily: OpeningHours = [
    { days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'], open: '11:00', close: '21:00' },
  ];
  const weekdays: OpeningHours = [
    { days: ['mon', 'tue', 'wed', 'thu', 'fri'], open: '09:00', close: '17:00' },
  ];
  /** What the app shows of each action: its kind, its hours, whether they need the note, and "free". */
  const shown = (a: ContactAction) => [
    a.kind,
    'hours' in a ? (a.hours?.open ?? null) : null,
    'hours' in a ? (a.hours?.unchecked ?? null) : null,
    'free' in a ? a.free : null,
  ];

  it.each<[string, Parameters<typeof contactActions>[0], ReturnType<typeof shown>[]]>([
    [
      'a free phone open day and night, its text number without hours',
      {
        phones: [
          { number: '113', hours: 'always', free: true },
          { number: '85258', ways: ['text'] },
        ],
      },
      [
        ['call', 'always', false, true],
        ['text', null, null, false],
      ],
    ],
    [
      'a number for calls and texts: both ways carry its hours and "free"',
      { phones: [{ number: '116111', ways: ['call', 'text'], hours: daily, free: true }] },
      [
        ['call', daily, false, true],
        ['text', daily, false, true],
      ],
    ],
    [
      'chat and messenger hours of their own; e-mail and web have none',
      {
        phones: [],
        chat: { url: 'https://chat.test', hours: weekdays },
        messengers: [{ app: 'whatsapp', url: 'https://wa.me/1', hours: 'always' }],
        email: { address: 'a@b.test' },
        web: { url: 'https://web.test', hours: 'always' },
      },
      [
        ['chat', weekdays, false, null],
        ['messenger', 'always', false, null],
        ['email', null, null, null],
        ['web', null, null, null],
      ],
    ],
    [
      'an unverified phone: its hours are not confirmed either',
      { phones: [{ number: '102', hours: daily, unverified: true }] },
      [['call', daily, true, false]],
    ],
    [
      'the service lists `hours` as unverified: every channel hours carry the note, the numbers not',
      {
        phones: [{ number: '102', hours: daily }],
        chat: { url: 'https://chat.test', hours: 'always' },
        unverified: ['hours'],
      },
      [
        ['call', daily, true, false],
        ['chat', 'always', true, null],
      ],
    ],
    [
      'the service lists `chat`: the chat hours are unchecked, the phone hours not',
      {
        phones: [{ number: '102', hours: daily }],
        chat: { url: 'https://chat.test', hours: daily },
        unverified: ['chat'],
      },
      [
        ['call', daily, false, false],
        ['chat', daily, true, null],
      ],
    ],
    [
      'hours said for the whole line are not repeated on a channel, other hours are',
      {
        hours: daily,
        phones: [
          {
            number: '113',
            hours: [
              { days: ['sun', 'sat', 'fri', 'thu', 'wed', 'tue', 'mon'], open: '11:00', close: '21:00' },
            ],
          },
          { number: '114', hours: 'always' },
        ],
        chat: { url: 'https://chat.test', hours: daily },
      },
      [
        ['call', null, null, false],
        ['call', 'always', false, false],
        ['chat', null, null, null],
      ],
    ],
  ])('%s', (_, service, expected) => {
    const actions = contactActions(service);
    expect(actions.map(shown)).toEqual(expected);
    // A channel without hours of its own has no `hours` at all, so the app shows no empty line.
    for (const a of actions) if ('hours' in a) expect(a.hours).toBeDefined();
  });

  it('offers a chat or web label the pack names', () => {
    const actions = contactActions({
      phones: [],
      chat: { url: 'https://chat.test', label: 'phones.youth-chat' },
      web: { url: 'https://web.test', label: 'phones.web' },
    });
    expect(actions.map((a) => ('label' in a ? a.label : undefined))).toEqual([
      'phones.youth-chat',
      'phones.web',
    ]);
  });
});

describe('sameHours', () => {
  it.each<[OpeningHours | undefined, OpeningHours | undefined, boolean]>([
    ['always', 'always', true],
    [undefined, undefined, true],
    ['always', undefined, false],
    ['always', [{ days: ['mon'], open: '00:00', close: '24:00' }], false],
    [
      [{ days: ['mon', 'tue'], open: '09:00', close: '17:00' }],
      [{ days: ['tue', 'mon'], open: '09:00', close: '17:00' }],
      true,
    ],
    [
      [{ days: ['mon', 'tue'], open: '09:00', close: '17:00' }],
      [{ days: ['mon', 'tue'], open: '09:00', close: '18:00' }],
      false,
    ],
    [
      [
        { days: ['sat'], open: '10:00', close: '12:00' },
        { days: ['mon'], open: '09:00', close: '17:00' },
      ],
      [
        { days: ['mon'], open: '09:00', close: '17:00' },
        { days: ['sat'], open: '10:00', close: '12:00' },
      ],
      true,
    ],
  ])('%j and %j: %s', (a, b, same) => {
    expect(sameHours(a, b)).toBe(same);
  });
});

describe('crisisLineContacts', () => {
  const phones = [{ number: '113', hours: 'always' as const, free: true }];
  it.each<[string, Parameters<typeof crisisLineContacts>, ReturnType<typeof crisisLineContacts>]>([
    [
      'a confirmed line: its phones, chat and hours',
      [{ phones, chat: { url: 'https://113.test' }, hours: 'always' }],
      { phones, chat: { url: 'https://113.test' }, hours: 'always' },
    ],
    [
      "a line marked unverified: its channels' hours are unchecked",
      [{ phones, unverified: true }],
      { phones, unverified: ['hours'] },
    ],
    [
      "the service's chat mark reaches the line's chat; its phones mark does not reach the line's phones",
      [{ phones, chat: { url: 'https://113.test' } }, { unverified: ['chat', 'phones', 'leadTimes'] }],
      { phones, chat: { url: 'https://113.test' }, unverified: ['chat'] },
    ],
  ])('%s', (_, args, expected) => {
    expect(crisisLineContacts(...args)).toEqual(expected);
  });

  it('a line with hours for all: the call says no hours of its own, but still "free"', () => {
    const actions = contactActions(crisisLineContacts({ phones, hours: 'always' }));
    expect(actions).toEqual([
      { kind: 'call', href: 'tel:113', shown: '113', unchecked: false, free: true, phone: phones[0] },
    ]);
  });
});
