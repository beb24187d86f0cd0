import { readdirSync, readFileSync } from 'node:fs';
import { catalogUnreviewedShare, describeShare } from '@vangnet/core/icu/unreviewed';
import { AGE_BANDS, CATEGORY_CODES, ROLES } from '@vangnet/core/taxonomy';
import { describe, expect, it } from 'vitest';
import { ar } from './ar.ts';
import { de } from './de.ts';
import { en, type Messages } from './en.ts';
import { fr } from './fr.ts';
import { LANGUAGES, pickLanguage } from './index.ts';
import { nl } from './nl.ts';
import { pl } from './pl.ts';
import { ROLE_KEYS, type RoleKey, wordsFor } from './role-words.ts';
import { tr } from './tr.ts';
import { uk } from './uk.ts';

const catalogs: Record<string, Messages> = { en, nl, fr, de, tr, ar, uk, pl };

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

describe('unreviewed translations (marked "@@unreviewed"; the app shows them anyway)', () => {
  const dir = new URL('./catalogs/', import.meta.url);
  const files = readdirSync(dir).filter((f) => f.endsWith('.json'));
  const shares = files.map((file) => {
    const raw: unknown = JSON.parse(readFileSync(new URL(file, dir), 'utf8'));
    return [file.slice(0, -'.json'.length), catalogUnreviewedShare(raw)] as const;
  });

  it('reports the unreviewed share of each catalog', () => {
    const lines = shares.map(([lang, share]) => `  ${lang}: ${describeShare(share)} unreviewed`);
    console.log(`Unreviewed share of the reporter app's catalogs:\n${lines.join('\n')}`);
    for (const [lang, share] of shares) {
      // Each mark names texts the catalog has, and counts the same texts as the source.
      expect(share.unknown, lang).toEqual([]);
      expect(share.total, lang).toBe(shares.find(([l]) => l === 'en')?.[1].total);
    }
    // The source is English as the project writes it: never marked.
    expect(shares.find(([lang]) => lang === 'en')?.[1].unreviewed).toBe(0);
  });

  it('no catalog falls back to the English text (a text of two or more words must be translated)', () => {
    const source = (lang: string): Record<string, unknown> =>
      JSON.parse(readFileSync(new URL(`${lang}.json`, dir), 'utf8')) as Record<string, unknown>;
    const english = source('en');
    for (const [lang] of shares) {
      if (lang === 'en') continue;
      const catalog = source(lang);
      // One word may rightly be the same ("Chat", "PIN", "Start"); a sentence never is.
      const copied = Object.keys(english).filter(
        (key) =>
          !key.startsWith('@@') &&
          typeof english[key] === 'string' &&
          /\s/.test((english[key] as string).trim()) &&
          catalog[key] === english[key],
      );
      expect(copied, lang).toEqual([]);
    }
  });

  it('every catalog in the folder is one the app carries', () => {
    expect(shares.map(([lang]) => lang).sort()).toEqual([...LANGUAGES].sort());
  });
});

describe('pickLanguage', () => {
  it.each([
    [['nl-BE', 'fr-BE'], 'nl'],
    [['fr-BE', 'nl-BE'], 'fr'],
    [['sv-SE', 'de-DE'], 'de'],
    [['sv-SE'], 'nl'],
    [['tr-TR'], 'tr'],
    [['ar-MA', 'fr-MA'], 'ar'],
    [['ar'], 'ar'],
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
    [['nl-BE'], ['nl', 'en', 'fr', 'de', 'tr', 'ar'], 'nl', 'nl'],
    [['tr-TR', 'en-US'], ['nl', 'en', 'tr'], 'nl', 'tr'],
    [['tr-TR', 'en-US'], ['nl', 'en'], 'nl', 'en'],
    [['zh-CN'], ['nl', 'en', 'tr', 'ar'], 'nl', 'nl'],
    [['zh-CN'], ['nl', 'fr', 'en'], 'fr', 'fr'],
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

  // Turkish: "siz" for parents, professionals and adults; "sen" for young people (as the French tu/vous).
  const senForm = /(?<!\p{L})(sen|seni|sana|senin|seninle|kendin)(?!\p{L})/iu;
  const sizForm = /(?<!\p{L})(siz|sizi|size|sizin|sizinle)(?!\p{L})|\p{L}(nız|niz|nuz|nüz)(?!\p{L})/iu;
  it.each([
    ['parent', 'siz'],
    ['professional', 'siz'],
    ['adult', 'siz'],
    ['self', 'sen'],
    ['friend', 'sen'],
  ] as const)('in Turkish a %s is addressed with "%s"', (role, register) => {
    const words = wordsFor(tr, role);
    for (const key of ROLE_KEYS) {
      expect(sample(words, key), `${role} ${key}`).not.toMatch(register === 'siz' ? senForm : sizForm);
    }
    // The patterns find the form they look for.
    expect(words.contactTitle).toMatch(register === 'siz' ? sizForm : senForm);
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
    ['tr', 'parent', 'storyTitle', 'Kendi sözlerinizle anlatın'],
    ['tr', 'self', 'storyTitle', 'Kendi sözlerinle anlat'],
    ['tr', 'parent', 'ageTitle', 'Çocuğunuz kaç yaşında?'],
    ['ar', 'parent', 'whatTitle', 'ماذا حدث لطفلك؟'],
    ['ar', 'self', 'ageTitle', 'كم عمرك؟'],
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
