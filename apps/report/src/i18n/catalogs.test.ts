import { AGE_BANDS, CATEGORY_CODES, ROLES } from '@vangnet/core/taxonomy';
import { describe, expect, it } from 'vitest';
import { de } from './de.ts';
import { en, type Messages } from './en.ts';
import { fr } from './fr.ts';
import { pickLanguage } from './index.ts';
import { nl } from './nl.ts';

const catalogs: Record<string, Messages> = { en, nl, fr, de };

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
    [['pl-PL', 'de-DE'], 'de'],
    [['pl-PL'], 'nl'],
    [[], 'nl'],
    [['EN-gb'], 'en'],
  ])('%j → %s', (preferred, expected) => {
    expect(pickLanguage(preferred)).toBe(expected);
  });
});
