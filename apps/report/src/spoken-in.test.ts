import { describe, expect, it } from 'vitest';
import { de } from './i18n/de.ts';
import { en } from './i18n/en.ts';
import { fr } from './i18n/fr.ts';
import { nl } from './i18n/nl.ts';
import { otherLanguages } from './spoken-in.tsx';

describe('otherLanguages: say a line speaks another language', () => {
  it.each([
    { languages: ['nl'], lang: 'fr', said: ['nl'] },
    { languages: ['nl'], lang: 'nl', said: [] },
    { languages: ['nl', 'fr'], lang: 'fr', said: [] },
    { languages: ['fr'], lang: 'en', said: ['fr'] },
    { languages: undefined, lang: 'fr', said: [] },
    { languages: [], lang: 'fr', said: [] },
  ])('$languages for a $lang reader → $said', ({ languages, lang, said }) => {
    expect(otherLanguages(languages, lang)).toEqual(said);
  });

  it('names the language in the reader’s own words', () => {
    expect(fr.answersIn(fr.languageNames.nl ?? '')).toBe('(en néerlandais)');
    expect(en.answersIn(en.languageNames.nl ?? '')).toBe('(in Dutch)');
    expect(nl.answersIn(nl.languageNames.fr ?? '')).toBe('(in het Frans)');
    expect(de.answersIn(de.languageNames.nl ?? '')).toBe('(auf Niederländisch)');
  });
});
