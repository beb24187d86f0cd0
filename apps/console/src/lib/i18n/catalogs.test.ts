import { CATEGORY_CODES, REPORT_STATES, ROLES } from '@vangnet/core';
import { describe, expect, it } from 'vitest';
import { offeredLanguages, pickConsoleLanguage } from '../language.ts';
import { type ConsoleCatalog, english } from '../text.ts';
import { de } from './de.ts';
import { fr } from './fr.ts';
import { nl } from './nl.ts';

const translations: Record<string, ConsoleCatalog> = { nl, fr, de };

/** Every leaf of a catalog as [dotted key, value]. */
function leaves(node: unknown, prefix = ''): [string, unknown][] {
  if (typeof node === 'object' && node !== null) {
    return Object.entries(node).flatMap(([k, v]) => leaves(v, prefix ? `${prefix}.${k}` : k));
  }
  return [[prefix, node]];
}
const englishLeaves = new Map(leaves(english));

// Arguments nobody would write by hand, so each must come back in the sentence it fills.
const ARGS = [7301, 7302, 7303];
const call = (f: unknown) => (f as (...a: unknown[]) => string)(...ARGS);

/** Words that are the same in English and this language (technical terms, short labels). */
const SAME_AS_ENGLISH: Record<string, string[]> = {
  nl: [
    'queue.filters',
    'queue.status',
    'queue.platform',
    'case.links',
    'case.status',
    'queue.minutes',
    'pdf.platform',
    'categories.deepfake',
    'categories.grooming',
    'pdf.bytes',
    'supervisor.platformColumn',
  ],
  fr: [
    'refer.units.minutes',
    'queue.urgent',
    'queue.minutes',
    'queue.hours',
    'case.note',
    'categories.exclusion',
    'flags.danger',
    'supervisor.hours',
  ],
  de: ['queue.filters', 'categories.deepfake'],
};

// A sentence in Dutch, French or German has none of these English words.
const ENGLISH_WORDS =
  /\b(the|and|your|you|not|this|with|from|case|cases|evidence|report|sign|signed|items?)\b(?!\/)/i;

describe('console catalogs', () => {
  it.each(Object.entries(translations))(
    '%s has every key of the English catalog, none empty, no extra',
    (lang, t) => {
      const keys = leaves(t).map(([k]) => k);
      expect(keys.sort(), lang).toEqual([...englishLeaves.keys()].sort());
      for (const [key, value] of leaves(t)) {
        expect(typeof value, key).toBe(typeof englishLeaves.get(key));
        if (typeof value === 'string') expect(value.trim(), key).not.toBe('');
      }
      for (const c of CATEGORY_CODES) expect(t.categories[c], c).toBeTruthy();
      for (const s of REPORT_STATES) expect(t.statuses[s], s).toBeTruthy();
      for (const r of ROLES) expect(t.roles[r], r).toBeTruthy();
    },
  );

  it.each(Object.entries(translations))('%s leaves no English behind', (lang, t) => {
    const allowed = SAME_AS_ENGLISH[lang] ?? [];
    for (const [key, value] of leaves(t)) {
      const en = englishLeaves.get(key);
      const mine = typeof value === 'function' ? call(value) : value;
      const theirs = typeof en === 'function' ? call(en) : en;
      if (allowed.includes(key)) continue;
      expect(mine, `${lang} ${key} is still English`).not.toBe(theirs);
      // "items/" is a folder name in the bundle, not a word.
      expect(String(mine).replace(/items\//g, ''), `${lang} ${key}`).not.toMatch(ENGLISH_WORDS);
    }
  });

  it.each(Object.entries(translations))('%s fills the same placeholders as English', (lang, t) => {
    for (const [key, value] of leaves(t)) {
      const en = englishLeaves.get(key);
      if (typeof en !== 'function') continue;
      expect(typeof value, `${lang} ${key}`).toBe('function');
      expect((value as () => string).length, `${lang} ${key} takes the same arguments`).toBe(en.length);
      const out = call(value);
      for (const arg of ARGS.slice(0, en.length)) expect(out, `${lang} ${key}`).toContain(String(arg));
    }
  });

  it('keeps the English catalog free of unfilled placeholders', () => {
    for (const [key, value] of englishLeaves) {
      if (typeof value === 'function') {
        for (const arg of ARGS.slice(0, value.length)) expect(call(value), key).toContain(String(arg));
      }
    }
  });
});

describe('console language choice', () => {
  it.each([
    // pack languages, remembered, browser → chosen
    [['nl', 'fr', 'en', 'de'], null, ['fr-BE', 'nl-BE'], 'fr'],
    [['nl', 'fr', 'en', 'de'], null, ['pl-PL', 'en-GB'], 'en'],
    [['nl', 'fr', 'en', 'de'], 'de', ['fr-BE'], 'de'],
    [['nl', 'en'], 'fr', ['fr-BE'], 'nl'],
    [['nl', 'en'], null, [], 'nl'],
    [['pl'], null, ['pl'], 'en'],
  ] as const)('%j, remembered %s, browser %j → %s', (pack, remembered, browser, expected) => {
    expect(pickConsoleLanguage(offeredLanguages(pack), remembered, browser)).toBe(expected);
  });
});
