import { CATEGORY_CODES, REPORT_STATES, ROLES } from '@vangnet/core';
import { icuArgs } from '@vangnet/core/icu/args';
import { compileCatalog, describeCatalogProblem, type RawCatalogNode } from '@vangnet/core/icu/catalog';
import { parseIcu } from '@vangnet/core/icu/parse';
import {
  CATALOG_UNREVIEWED_KEY,
  catalogUnreviewedShare,
  readUnreviewedMark,
} from '@vangnet/core/icu/unreviewed';
import { describe, expect, it } from 'vitest';
import { offeredLanguages, pickConsoleLanguage } from '../lib/language.ts';
import { consoleCatalogs, rawCannedReplies, rawConsoleCatalogs } from './compile-in-node.ts';
import type { Messages } from './messages.gen.ts';
import order from './param-order.json' with { type: 'json' };

const source = rawConsoleCatalogs.en as RawCatalogNode;
const english = consoleCatalogs.en;
const translations = Object.entries(consoleCatalogs).filter(([lang]) => lang !== 'en') as [
  string,
  Messages,
][];

/** Every leaf of a catalog as [dotted key, value]. */
function leaves(node: unknown, prefix = ''): [string, unknown][] {
  if (typeof node === 'object' && node !== null) {
    return Object.entries(node).flatMap(([k, v]) => leaves(v, prefix ? `${prefix}.${k}` : k));
  }
  return [[prefix, node]];
}
const sourceTexts = new Map(leaves(source) as [string, string][]);

/** Values nobody would write by hand, so each must come back in the sentence it fills. */
function sampleArgs(key: string): unknown[] {
  const kinds = icuArgs(parseIcu(sourceTexts.get(key) ?? ''));
  return [...kinds.values()].map((kind, i) => (kind === 'number' ? 731 + i : `«v${i}»`));
}
const call = (key: string, f: unknown) => (f as (...a: unknown[]) => string)(...sampleArgs(key));

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
  // "Platform" is Turkish too; "Not" is Turkish for a note, not the English word.
  tr: ['queue.platform', 'pdf.platform', 'supervisor.platformColumn', 'case.note', 'case.addNote'],
  pl: ['queue.status', 'case.status', 'queue.minutes'],
};

// A sentence in Dutch, French, German, Turkish or Arabic has none of these English words. Word edges are
// any letter, not only ASCII ones (`\b` would find "and" in the Turkish "Olağandışı").
const ENGLISH_WORDS =
  /(?<![\p{L}\p{N}_])(the|and|your|you|not|this|with|from|case|cases|evidence|report|sign|signed|items?)(?![\p{L}\p{N}_/])/iu;

describe('console catalogs (ICU MessageFormat JSON)', () => {
  it.each(Object.entries(rawConsoleCatalogs))(
    '%s has every key of the English source, valid ICU, no value the source does not pass, no extra',
    (_lang, raw) => {
      const { problems } = compileCatalog(raw, source, order);
      expect(problems.map(describeCatalogProblem)).toEqual([]);
    },
  );

  it.each(translations)('%s: every text is filled, for every category, status and role', (lang, t) => {
    for (const [key, value] of leaves(t)) {
      const shown = typeof value === 'function' ? call(key, value) : value;
      expect(typeof shown, `${lang} ${key}`).toBe('string');
      expect(String(shown).trim(), `${lang} ${key}`).not.toBe('');
    }
    for (const c of CATEGORY_CODES) expect(t.categories[c], c).toBeTruthy();
    for (const s of REPORT_STATES) expect(t.statuses[s], s).toBeTruthy();
    for (const r of ROLES) expect(t.roles[r], r).toBeTruthy();
  });

  it.each(translations)('%s leaves no English behind (no fallback text)', (lang, t) => {
    const allowed = SAME_AS_ENGLISH[lang] ?? [];
    const theirs = new Map(leaves(english));
    for (const [key, value] of leaves(t)) {
      if (allowed.includes(key)) continue;
      const en = theirs.get(key);
      const mine = typeof value === 'function' ? call(key, value) : value;
      expect(mine, `${lang} ${key} is still English`).not.toBe(typeof en === 'function' ? call(key, en) : en);
      // "items/" is a folder name in the bundle, not a word.
      expect(String(mine).replace(/items\//g, ''), `${lang} ${key}`).not.toMatch(ENGLISH_WORDS);
    }
  });

  it.each(Object.entries(consoleCatalogs))('%s fills every value the source text takes', (lang, t) => {
    for (const [key, value] of leaves(t)) {
      const args = sampleArgs(key);
      if (args.length === 0) continue;
      expect(typeof value, `${lang} ${key}`).toBe('function');
      const out = call(key, value);
      for (const arg of args) expect(out, `${lang} ${key}`).toContain(String(arg));
    }
  });

  it.each([
    ['en', 0, '0 minutes'],
    ['en', 1, '1 minute'],
    ['en', 2, '2 minutes'],
    ['nl', 1, '1 minuut'],
    ['nl', 5, '5 minuten'],
    ['de', 1, '1 Minute'],
    ['de', 2, '2 Minuten'],
    // French counts zero as singular (Intl.PluralRules), as French does.
    ['fr', 0, '0 minute'],
    ['fr', 1, '1 minute'],
    ['fr', 2, '2 minutes'],
    // Turkish keeps the noun singular after a number; Arabic has six forms (zero, one, two, few, many, other).
    ['tr', 1, '1 dakika'],
    ['tr', 5, '5 dakika'],
    ['ar', 0, '0 دقيقة'],
    ['ar', 1, 'دقيقة واحدة'],
    ['ar', 2, 'دقيقتين'],
    ['ar', 3, '3 دقائق'],
    ['ar', 11, '11 دقيقة'],
  ] as const)('plurals come from the language’s rules: %s %i → "%s"', (lang, n, expected) => {
    expect(consoleCatalogs[lang].refer.units.minutes(n)).toBe(expected);
  });

  it('named values keep the order the screens pass them in', () => {
    expect(consoleCatalogs.en.queue.count(3, 1)).toBe('3 open cases, 1 past the contact target');
    expect(consoleCatalogs.nl.chats.openMine('fr', 4)).toBe('Jouw chat (fr), 4 min');
    expect(consoleCatalogs.de.queue.days(2, 5)).toBe('2 T 5 Std.');
    expect(consoleCatalogs.tr.chats.openMine('nl', 4)).toBe('Sohbetiniz (nl), 4 dk');
    expect(consoleCatalogs.ar.queue.count(3, 1)).toBe('3 حالات مفتوحة، منها 1 تجاوزت موعد التواصل المستهدف');
  });

  // An own translation nobody has checked yet says so in its file ("@@unreviewed", unreviewed.ts).
  it.each(Object.entries(rawConsoleCatalogs))(
    '%s: its review mark is readable and names only its texts',
    (_lang, raw) => {
      const mark = readUnreviewedMark((raw as Record<string, unknown>)[CATALOG_UNREVIEWED_KEY]);
      expect(mark).not.toHaveProperty('problem');
      expect(catalogUnreviewedShare(raw).unknown).toEqual([]);
    },
  );
});

describe('standard replies (canned/<lang>.json, ICU, role variants by select)', () => {
  const cannedSource = rawCannedReplies.en as RawCatalogNode;
  /** The roles a reply's `{role, select, …}` names, besides `other`. */
  const rolesOf = (icu: string) => {
    const message = parseIcu(icu);
    const found = new Set<string>();
    if (Array.isArray(message))
      for (const part of message)
        if (Array.isArray(part) && part[0] === 'role' && part[1] === 2)
          for (const key of Object.keys(part[2])) if (key !== 'other') found.add(key);
    return [...found].sort();
  };

  it.each(Object.entries(rawCannedReplies))(
    '%s has every reply of the English set, valid ICU, no value it does not know',
    (_lang, raw) => {
      expect(compileCatalog(raw, cannedSource).problems.map(describeCatalogProblem)).toEqual([]);
    },
  );

  it.each(Object.entries(rawCannedReplies))(
    '%s words each reply for every role English does',
    (lang, raw) => {
      const english = leaves(cannedSource) as [string, string][];
      const mine = new Map(leaves(raw) as [string, string][]);
      for (const [key, text] of english) {
        if (key === 'or') continue;
        for (const role of rolesOf(text))
          expect(rolesOf(mine.get(key) ?? ''), `${lang} ${key}`).toContain(role);
      }
    },
  );
});

describe('console language choice', () => {
  it.each([
    // pack languages, remembered, browser → chosen
    [['nl', 'fr', 'en', 'de'], null, ['fr-BE', 'nl-BE'], 'fr'],
    [['nl', 'fr', 'en', 'de'], null, ['pl-PL', 'en-GB'], 'en'],
    [['nl', 'fr', 'en', 'de'], 'de', ['fr-BE'], 'de'],
    [['nl', 'en'], 'fr', ['fr-BE'], 'nl'],
    [['nl', 'en'], null, [], 'nl'],
    [['sv'], null, ['sv'], 'en'],
    [['nl', 'en', 'fr', 'de', 'tr', 'ar'], null, ['ar-MA', 'fr-BE'], 'ar'],
    [['nl', 'en', 'fr', 'de', 'tr', 'ar'], 'tr', ['nl-BE'], 'tr'],
  ] as const)('%j, remembered %s, browser %j → %s', (pack, remembered, browser, expected) => {
    expect(pickConsoleLanguage(offeredLanguages(pack), remembered, browser)).toBe(expected);
  });

  // A language is data: texts the pack brings make it a choice, with no code change.
  it.each([
    [['ga', 'en'], ['ga'], null, ['ga-IE'], ['ga', 'en'], 'ga'],
    [['ga', 'en'], ['ga'], 'ga', ['en-IE'], ['ga', 'en'], 'ga'],
    [['ga', 'en'], [], null, ['ga-IE'], ['en'], 'en'],
    [['en', 'sv'], ['sv'], null, ['sv-SE'], ['en', 'sv'], 'sv'],
  ] as const)(
    'pack %j bringing %j, remembered %s, browser %j → offers %j, picks %s',
    (pack, brought, remembered, browser, offered, expected) => {
      expect(offeredLanguages(pack, brought)).toEqual(offered);
      expect(pickConsoleLanguage(offeredLanguages(pack, brought), remembered, browser)).toBe(expected);
    },
  );
});
