import { describe, expect, it } from 'vitest';
import type { LegalBasis } from '../pack/schema.ts';
import {
  draftNotice,
  extractUrls,
  isChildSexualAbuse,
  type NoticeInput,
  type NoticeWording,
} from './notice.ts';

// Plain English wording, written for this test; the reporter catalogs supply the real ones.
const wording: NoticeWording = {
  subject: (p) => `Notice to ${p}`,
  intro: 'I report illegal content.',
  explanationTitle: 'Why this is illegal',
  categorySentence: (c, minor) => `Category: ${c}${minor ? ' (about a child)' : ''}.`,
  legalBasis: (law, articles, unverified) => `${unverified ? 'Possibly ' : ''}${law} ${articles}.`,
  locationTitle: 'Where it is',
  notifierTitle: 'Who I am',
  notifierLine: (name, email) => `${name} <${email}>`,
  notifierExempt: 'No name: child sexual abuse.',
  notifierAnonymous: 'I prefer not to give my name.',
  goodFaith: 'I believe in good faith that this is accurate and complete.',
  tdbLine: (l) => `DSA: ${l.category} / ${l.keyword}`,
};

const legalBasis: LegalBasis[] = [
  { categories: ['threats'], law: 'Wetboek van Strafrecht', articles: ['art. 285'], unverified: true },
  { categories: ['image-abuse'], law: 'Wetboek van Strafrecht', articles: ['art. 252'], minorsOnly: true },
];

const base: NoticeInput = {
  category: 'threats',
  ageBand: '13-15',
  platformName: 'TikTok',
  links: 'https://www.tiktok.com/@bully/video/1\nand https://www.tiktok.com/@bully/video/2.',
  explanation: 'They say they will hurt me at school.',
  legalBasis,
};
const person = { name: 'Sam', email: 'sam@example.org' };

/** Each Art. 16(2) element, by what the notice shows for it. */
const elements = {
  a: (text: string) => text.includes('(a) Why this is illegal') && text.includes('Category:'),
  b: (text: string, input: NoticeInput) => extractUrls(input.links).every((u) => text.includes(`- ${u}`)),
  c: (text: string) => text.includes('Sam <sam@example.org>'),
  d: (text: string) => text.includes('(d) I believe in good faith'),
};

describe('draftNotice: Art. 16(2) elements', () => {
  it.each([
    { name: 'threats, child gives name', input: { ...base, notifier: person }, c: true },
    { name: 'threats, child stays anonymous', input: base, c: false },
    {
      name: 'harassment of an adult, with name',
      input: { ...base, category: 'harassment', ageBand: '18-plus', notifier: person },
      c: true,
    },
    {
      name: 'intimate images of a minor (2011/93/EU): never a name',
      input: { ...base, category: 'image-abuse', notifier: person },
      c: false,
    },
    {
      name: 'grooming of a minor: never a name',
      input: { ...base, category: 'grooming', notifier: person },
      c: false,
    },
    {
      name: 'sextortion of a minor: never a name',
      input: { ...base, category: 'sextortion', notifier: person },
      c: false,
    },
    {
      name: 'sextortion of an adult: name allowed',
      input: { ...base, category: 'sextortion', ageBand: '18-plus', notifier: person },
      c: true,
    },
    {
      name: 'name without e-mail is left out',
      input: { ...base, notifier: { name: 'Sam', email: ' ' } },
      c: false,
    },
  ] satisfies { name: string; input: NoticeInput; c: boolean }[])('$name', ({ input, c }) => {
    const notice = draftNotice(input, wording);
    expect(elements.a(notice.text)).toBe(true);
    expect(elements.b(notice.text, input)).toBe(true);
    expect(elements.c(notice.text)).toBe(c);
    expect(notice.notifierIncluded).toBe(c);
    expect(elements.d(notice.text)).toBe(true);
  });

  it('lists every URL the child gave, once, without trailing punctuation', () => {
    const notice = draftNotice(
      { ...base, links: `${base.links} https://www.tiktok.com/@bully/video/1, x` },
      wording,
    );
    expect(notice.urls).toEqual([
      'https://www.tiktok.com/@bully/video/1',
      'https://www.tiktok.com/@bully/video/2',
    ]);
  });

  it('names the legal basis the pack maps to the category, saying "possibly" while unverified', () => {
    expect(draftNotice(base, wording).text).toContain('Possibly Wetboek van Strafrecht art. 285.');
    expect(draftNotice({ ...base, category: 'hate' }, wording).text).not.toContain('Wetboek');
  });

  it('uses a minors-only article only for a minor', () => {
    expect(draftNotice({ ...base, category: 'image-abuse' }, wording).text).toContain('art. 252');
    expect(draftNotice({ ...base, category: 'image-abuse', ageBand: '18-plus' }, wording).text).not.toContain(
      'art. 252',
    );
  });

  it('carries the Transparency Database label', () => {
    const notice = draftNotice({ ...base, category: 'sextortion', ageBand: '18-plus' }, wording);
    expect(notice.text).toContain(
      'DSA: STATEMENT_CATEGORY_CYBER_VIOLENCE / KEYWORD_NON_CONSENSUAL_IMAGE_SHARING',
    );
  });

  it.each([
    ['image-abuse', '13-15', true],
    ['image-abuse', '18-plus', false],
    ['deepfake', 'unknown', true],
    ['threats', '10-12', false],
  ] as const)('%s at %s is a 2011/93/EU offence: %s', (category, band, expected) => {
    expect(isChildSexualAbuse(category, band)).toBe(expected);
  });
});

describe('draftNotice: the trusted-flagger variant (console)', () => {
  const flaggerWording: NoticeWording = {
    ...wording,
    flaggerLine: (org, email) => `Trusted flagger: ${org} <${email}>`,
    onBehalfOf: 'Sent on behalf of the reporter, with their consent.',
  };
  const helpline = { name: 'Helpwanted', email: 'notices@helpwanted.example.org' };
  it.each([
    { name: 'threats, the child gave a name', input: { ...base, notifier: person } },
    { name: 'intimate images of a minor', input: { ...base, category: 'image-abuse' as const } },
  ])('$name: the helpline stands in (c), never the child', ({ input }) => {
    const n = draftNotice({ ...input, trustedFlagger: helpline }, flaggerWording);
    expect(n.text).toContain('(c) Who I am\nTrusted flagger: Helpwanted <notices@helpwanted.example.org>');
    expect(n.text).toContain('Sent on behalf of the reporter, with their consent.');
    expect(n.text).not.toContain('Sam');
    expect(n.notifierIncluded).toBe(false);
    expect(elements.b(n.text, input) && elements.d(n.text)).toBe(true);
    expect(n.text).toContain(`DSA: ${n.tdb.category} / ${n.tdb.keyword}`);
  });
});
