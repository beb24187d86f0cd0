import { AGE_BANDS, CATEGORY_CODES, ROLES } from '@vangnet/core/taxonomy';
import { describe, expect, it } from 'vitest';
import { de } from './de.ts';
import { en, type Messages } from './en.ts';
import { fr } from './fr.ts';
import { pickLanguage } from './index.ts';
import { nl } from './nl.ts';
import { pl } from './pl.ts';
import { ROLE_KEYS, type RoleKey, wordsFor } from './role-words.ts';
import { uk } from './uk.ts';

const catalogs: Record<string, Messages> = { en, nl, fr, de, uk, pl };

describe('message catalogs', () => {
  it.each(Object.entries(catalogs))('%s has every string the app shows, none empty', (_lang, t) => {
    expect(Object.keys(t).sort()).toEqual(Object.keys(en).sort());
    for (const [key, value] of Object.entries(t)) {
      if (typeof value === 'string') expect(value.trim(), key).not.toBe('');
    }
    for (const code of CATEGORY_CODES) expect(t.categories[code]?.[0], code).toBeTruthy();
    for (const role of ROLES) expect(t.roles[role], role).toBeTruthy();
    for (const band of AGE_BANDS) expect(t.ages[band], band).toBeTruthy();
    expect(t.helpTips.length).toBe(en.helpTips.length);
  });

  it.each(Object.entries(catalogs))('%s keeps sentences short (reading age about ten)', (_lang, t) => {
    const texts = [
      t.startIntro,
      t.crisisIntro,
      t.receiptWhy,
      t.evidenceHint,
      t.receiptHas('Helpwanted'),
      t.receiptAnswer('24 hours'),
      t.receiptAlsoNote,
      t.checkNote,
      t.crisisHoursUnknown,
      ...t.helpTips,
    ];
    for (const text of texts) {
      for (const sentence of text.split(/(?<=[.!?])\s+/)) {
        expect(sentence.split(/\s+/).length, sentence).toBeLessThanOrEqual(20);
      }
    }
  });
});

describe('pickLanguage', () => {
  it.each([
    [['nl-BE', 'fr-BE'], 'nl'],
    [['fr-BE', 'nl-BE'], 'fr'],
    [['cs-CZ', 'de-DE'], 'de'],
    [['cs-CZ'], 'nl'],
    [['uk-UA'], 'uk'],
    [['pl-PL', 'de-DE'], 'pl'],
    [[], 'nl'],
    [['EN-gb'], 'en'],
  ])('%j → %s', (preferred, expected) => {
    expect(pickLanguage(preferred)).toBe(expected);
  });

  // The pack's languages and default language decide (a language is data).
  it.each([
    [['ar-MA'], ['nl', 'ar', 'tr'], 'nl', 'ar'],
    [['nl-BE', 'en'], ['nl', 'en'], 'nl', 'nl'],
    [['ga-IE', 'en-IE'], ['en', 'ga'], 'en', 'ga'],
    [['en-IE'], ['ga', 'en'], 'ga', 'en'],
    [['pl-PL'], ['ga', 'en'], 'ga', 'ga'],
    [['nl-BE'], ['nl', 'nl-BE'], 'nl', 'nl-BE'],
    [['FR-be'], ['nl-BE', 'fr-BE'], 'nl-BE', 'fr-BE'],
  ])('%j on a pack with %j (default %s) → %s', (preferred, available, fallback, expected) => {
    expect(pickLanguage(preferred, available, fallback)).toBe(expected);
  });
});

describe('role wording', () => {
  const sample = (t: Messages, key: RoleKey): string => {
    const value = t[key];
    return typeof value === 'function' ? value('X') : value;
  };

  it.each(Object.entries(catalogs))('%s words every screen for every role, none empty', (_lang, t) => {
    expect(Object.keys(t.roleWords).sort()).toEqual([...ROLES].sort());
    for (const role of ROLES) {
      const words = wordsFor(t, role);
      for (const key of ROLE_KEYS) expect(sample(words, key).trim(), `${role} ${key}`).not.toBe('');
      // A variant the source catalog has (e.g. "your child") is in every language too.
      for (const key of Object.keys(en.roleWords[role])) {
        expect(t.roleWords[role], `${role} ${key}`).toHaveProperty(key);
      }
      for (const key of Object.keys(t.roleWords[role])) expect(ROLE_KEYS, key).toContain(key);
    }
  });

  // French: "vous" for parents, professionals and adults; "tu" for children about themselves and friends.
  const tuForm = /(?<!\p{L})(tu|te|toi|ton|ta|tes|t’)(?!\p{L})/iu;
  const vousForm = /(?<!\p{L})(vous|votre|vos)(?!\p{L})/iu;
  it.each([
    ['parent', 'vous'],
    ['professional', 'vous'],
    ['adult', 'vous'],
    ['self', 'tu'],
    ['friend', 'tu'],
  ] as const)('in French a %s is addressed with "%s"', (role, register) => {
    const words = wordsFor(fr, role);
    for (const key of ROLE_KEYS) {
      const text = sample(words, key);
      expect(text, `${role} ${key}`).not.toMatch(register === 'vous' ? tuForm : vousForm);
    }
    // The role question comes before the role is known: neither form.
    expect(fr.whoTitle).not.toMatch(tuForm);
    expect(fr.whoTitle).not.toMatch(vousForm);
  });

  // Dutch: "u" for parents, professionals and adults (as the packs' own pages for parents); "je" for young people.
  const jeForm = /(?<!\p{L})(je|jij|jouw)(?!\p{L})/iu;
  const uForm = /(?<!\p{L})(u|uw)(?!\p{L})/iu;
  it.each([
    ['parent', 'u'],
    ['professional', 'u'],
    ['adult', 'u'],
    ['self', 'je'],
    ['friend', 'je'],
  ] as const)('in Dutch a %s is addressed with "%s"', (role, register) => {
    const words = wordsFor(nl, role);
    for (const key of ROLE_KEYS) {
      expect(sample(words, key), `${role} ${key}`).not.toMatch(register === 'u' ? jeForm : uForm);
    }
  });

  // Ukrainian: "ви" for parents, professionals and adults; "ти" for young people.
  const tyForm =
    /(?<!\p{L})(ти|тебе|тобі|тобою|твій|твоя|твоє|твої|твого|твоєї|твоїм|твоїй|твоїх)(?!\p{L})/iu;
  const vyForm = /(?<!\p{L})(ви|вас|вам|вами|ваш|ваша|ваше|ваші|вашого|вашої|вашим|вашій|ваших)(?!\p{L})/iu;
  it.each([
    ['parent', 'ви'],
    ['professional', 'ви'],
    ['adult', 'ви'],
    ['self', 'ти'],
    ['friend', 'ти'],
  ] as const)('in Ukrainian a %s is addressed with "%s"', (role, register) => {
    const words = wordsFor(uk, role);
    for (const key of ROLE_KEYS) {
      expect(sample(words, key), `${role} ${key}`).not.toMatch(register === 'ви' ? tyForm : vyForm);
    }
  });

  // Polish: adults read a neutral polite form ("Proszę wybrać", "można"), never "ty" and never "Pan/Pani".
  const tyPl =
    /(?<!\p{L})(ty|ci|cię|ciebie|tobą|tobie|twój|twoja|twoje|twojego|twojej|twoim|twoich|masz|możesz|wybierz|zaznacz|napisz)(?!\p{L})/iu;
  const panPl = /(?<!\p{L})(pan|pani|pana|panu|państwo|państwa)(?!\p{L})/iu;
  it.each(['parent', 'professional', 'adult'] as const)(
    'in Polish a %s is addressed without "ty" or "Pan/Pani"',
    (role) => {
      const words = wordsFor(pl, role);
      for (const key of ROLE_KEYS) {
        expect(sample(words, key), `${role} ${key}`).not.toMatch(tyPl);
        expect(sample(words, key), `${role} ${key}`).not.toMatch(panPl);
      }
    },
  );

  it.each([
    ['en', 'parent', 'whatTitle', 'What happened to your child?'],
    ['en', 'parent', 'ageTitle', 'How old is your child?'],
    ['en', 'self', 'ageTitle', 'How old are you?'],
    ['en', 'self', 'whatTitle', en.whatTitle],
    ['en', 'adult', 'whatTitle', 'What happened to you?'],
    ['fr', 'parent', 'ageTitle', 'Quel âge a votre enfant ?'],
    ['fr', 'self', 'storyTitle', fr.storyTitle],
    ['fr', 'adult', 'storyTitle', 'Racontez avec vos mots'],
    ['nl', 'parent', 'whatTitle', 'Wat is er met uw kind gebeurd?'],
    ['de', 'professional', 'ageTitle', 'Wie alt ist die junge Person?'],
    ['uk', 'parent', 'ageTitle', 'Скільки років вашій дитині?'],
    ['uk', 'self', 'ageTitle', 'Скільки тобі років?'],
    ['pl', 'parent', 'whatTitle', 'Co się stało dziecku?'],
    ['pl', 'self', 'ageTitle', 'Ile masz lat?'],
  ] as const)('%s, %s: %s is "%s"', (lang, role, key, text) => {
    expect(sample(wordsFor(catalogs[lang] as Messages, role), key)).toBe(text);
  });

  it('no role (a follow-up on another phone) keeps the base words', () => {
    expect(wordsFor(en, undefined)).toBe(en);
    expect(wordsFor(fr, undefined).storyTitle).toBe(fr.storyTitle);
  });

  it('a role variant with a placeholder keeps it', () => {
    expect(wordsFor(fr, 'parent').receiptHas('Child Focus')).toBe('Child Focus a votre signalement.');
    expect(wordsFor(fr, 'self').receiptHas('Child Focus')).toBe(fr.receiptHas('Child Focus'));
  });
});
