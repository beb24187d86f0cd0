import { describe, expect, it } from 'vitest';
import { testPack } from '../routing/test-pack.ts';
import { checkAgreements, suggestionsFor } from './agreements.ts';
import { publicPack } from './public.ts';
import {
  AGREEMENT_AGE_BANDS,
  AGREEMENT_TOPICS,
  type AgreementSuggestion,
  agreementsFileSchema,
} from './schema.ts';

const ALL = [...AGREEMENT_AGE_BANDS];
const idea = (o: Partial<AgreementSuggestion> = {}): AgreementSuggestion => ({
  topic: 'apps',
  ageBands: ALL,
  text: { nl: 'We kiezen samen.', en: 'We choose together.' },
  ...o,
});
/** A pack in Dutch (complete), English (complete) and French (declared, incomplete). */
const pack = (agreements: AgreementSuggestion[] | undefined) => {
  const base = testPack();
  return testPack({
    meta: {
      ...base.meta,
      languages: [
        { code: 'nl', complete: true },
        { code: 'en', complete: true },
        { code: 'fr', complete: false },
      ],
      defaultLanguage: 'nl',
    },
    ...(agreements ? { agreements } : {}),
  });
};
const full = AGREEMENT_TOPICS.map((topic) => idea({ topic }));
const messages = (p: ReturnType<typeof pack>, severity: 'error' | 'warning') =>
  checkAgreements(p)
    .filter((x) => x.severity === severity)
    .map((x) => `${x.path}: ${x.message}`);

describe('agreements.yaml schema', () => {
  it.each([
    ['a good file', { suggestions: [idea()] }, true],
    ['an unknown topic', { suggestions: [idea({ topic: 'bedtime' as never })] }, false],
    ['an adult age band', { suggestions: [idea({ ageBands: ['18-plus' as never] })] }, false],
    ['no age band', { suggestions: [idea({ ageBands: [] })] }, false],
    ['an empty text', { suggestions: [idea({ text: { nl: '' } })] }, false],
    ['a text over 200 characters', { suggestions: [idea({ text: { nl: 'x'.repeat(201) } })] }, false],
    ['no suggestions', { suggestions: [] }, false],
    ['an unknown field', { suggestions: [{ ...idea(), colour: 'red' }] }, false],
  ])('%s → valid: %s', (_name, value, valid) => {
    expect(agreementsFileSchema.safeParse(value).success).toBe(valid);
  });
});

describe('checkAgreements', () => {
  it('says nothing about a pack without agreements', () => {
    expect(checkAgreements(pack(undefined))).toEqual([]);
  });

  it('accepts ideas in every complete language; an incomplete language may be missing', () => {
    expect(messages(pack(full), 'error')).toEqual([]);
    expect(messages(pack(full), 'warning')).toEqual([]);
  });

  it('refuses an idea missing in a complete language, or in an undeclared one', () => {
    const p = pack([...full, idea({ text: { nl: 'Alleen Nederlands.', pl: 'Tylko po polsku.' } })]);
    expect(messages(p, 'error')).toEqual([
      'suggestions[5].text: no "en" text (every complete language needs one)',
      'suggestions[5].text.pl: language "pl" is not declared in pack.yaml',
    ]);
  });

  it('warns about a topic with no idea for an age band, and counts the ideas awaiting review', () => {
    const p = pack([
      ...full.filter((s) => s.topic !== 'screen-free'),
      idea({ topic: 'screen-free', ageBands: ['under-10', '10-12'], unverified: true }),
    ]);
    expect(messages(p, 'warning')).toEqual([
      'suggestions: no idea for topic "screen-free" at age 13-15; families can still write their own',
      'suggestions: no idea for topic "screen-free" at age 16-17; families can still write their own',
      'suggestions: 1 of 5 ideas await review by the helpline (unverified)',
    ]);
  });
});

describe('suggestionsFor', () => {
  const p = pack([
    idea({ topic: 'apps', ageBands: ['under-10'], text: { nl: 'Klein', en: 'Small' } }),
    idea({ topic: 'apps', ageBands: ['13-15'], text: { nl: 'Groot', en: 'Big' }, unverified: true }),
    idea({ topic: 'who-to-tell', ageBands: ALL, text: { nl: 'Vertel het', en: 'Tell us' } }),
  ]);
  it('gives the ideas for one age band, grouped by topic, in the language asked', () => {
    const got = suggestionsFor(p, '13-15', 'en');
    expect(got.apps).toEqual([{ topic: 'apps', text: 'Big', lang: 'en', unverified: true }]);
    expect(got['who-to-tell'].map((s) => s.text)).toEqual(['Tell us']);
    expect(got.settings).toEqual([]);
  });
  it("falls back to the pack's default language, and says so", () => {
    expect(suggestionsFor(p, 'under-10', 'fr').apps).toEqual([
      { topic: 'apps', text: 'Klein', lang: 'nl', unverified: false },
    ]);
  });
  it('travels to the reporter app in the public pack', () => {
    expect(publicPack(p).agreements).toHaveLength(3);
  });
});
