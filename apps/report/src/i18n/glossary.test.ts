import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ar } from './ar.ts';
import { de } from './de.ts';
import { en, type Messages } from './en.ts';
import { fr } from './fr.ts';
import { glossaryAr } from './glossary.ar.ts';
import { glossaryDe } from './glossary.de.ts';
import { glossaryEn } from './glossary.en.ts';
import { glossaryFr } from './glossary.fr.ts';
import { glossaryNl } from './glossary.nl.ts';
import { glossaryNlBe } from './glossary.nl-BE.ts';
import { glossaryPl } from './glossary.pl.ts';
import { glossaryTr } from './glossary.tr.ts';
import type { Glossary } from './glossary.ts';
import { glossaryUk } from './glossary.uk.ts';
import { nl } from './nl.ts';
import { unknownWordingKeys, withPackWording } from './pack-wording.ts';
import { pl } from './pl.ts';
import { tr } from './tr.ts';
import { uk } from './uk.ts';

const packsDir = fileURLToPath(new URL('../../../../country-packs/', import.meta.url));
const languages: Record<string, { catalog: Messages; glossary: Glossary }> = {
  en: { catalog: en, glossary: glossaryEn },
  nl: { catalog: nl, glossary: glossaryNl },
  fr: { catalog: fr, glossary: glossaryFr },
  de: { catalog: de, glossary: glossaryDe },
  tr: { catalog: tr, glossary: glossaryTr },
  ar: { catalog: ar, glossary: glossaryAr },
  uk: { catalog: uk, glossary: glossaryUk },
  pl: { catalog: pl, glossary: glossaryPl },
};

/** Every text a catalog can show, with where it is; functions are called for one and for several. */
function catalogTexts(value: unknown, where: string): [string, string][] {
  if (typeof value === 'string') return [[where, value]];
  if (typeof value === 'function') {
    const fn = value as (...args: unknown[]) => string;
    return [1, 2].map((n) => [where, fn(...Array.from({ length: fn.length }, () => n))]);
  }
  if (Array.isArray(value)) return value.flatMap((v, i) => catalogTexts(v, `${where}[${i}]`));
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([k, v]) => catalogTexts(v, where ? `${where}.${k}` : k));
  }
  return [];
}

const packNames = readdirSync(packsDir, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name);

/** A pack's texts/<lang>.yaml, flattened to dotted keys as the server hands them to the app. */
function flatPackTexts(pack: string, lang: string): Record<string, string> {
  const file = `${packsDir}${pack}/texts/${lang}.yaml`;
  if (!readdirSync(`${packsDir}${pack}/texts`).includes(`${lang}.yaml`)) return {};
  const flat = (tree: unknown, prefix: string): [string, string][] =>
    typeof tree === 'string'
      ? [[prefix, tree]]
      : Object.entries(tree as object).flatMap(([k, v]) => flat(v, prefix ? `${prefix}.${k}` : k));
  return Object.fromEntries(flat(parse(readFileSync(file, 'utf8')), ''));
}

/** Every pack text and page in this language: texts/<lang>.yaml and pages/<lang>/*.md of each pack. */
function packTexts(lang: string, only: readonly string[] = packNames): [string, string][] {
  const out: [string, string][] = [];
  for (const pack of only.map((name) => ({ name }))) {
    const dir = `${packsDir}${pack.name}`;
    const texts = readdirSync(`${dir}/texts`).find((f) => f === `${lang}.yaml`);
    if (texts)
      out.push(...catalogTexts(parse(readFileSync(`${dir}/texts/${texts}`, 'utf8')), `${pack.name}:`));
    // The home-agreement ideas in this language (agreements.yaml is optional).
    if (readdirSync(dir).includes('agreements.yaml')) {
      const file = parse(readFileSync(`${dir}/agreements.yaml`, 'utf8')) as {
        suggestions: { text: Record<string, string> }[];
      };
      file.suggestions.forEach((s, i) => {
        const text = s.text[lang];
        if (text) out.push([`${pack.name}/agreements.yaml: suggestions[${i}]`, text]);
      });
    }
    const pages = readdirSync(`${dir}/pages`).includes(lang) ? readdirSync(`${dir}/pages/${lang}`) : [];
    for (const page of pages) {
      out.push([`${pack.name}/pages/${lang}/${page}`, readFileSync(`${dir}/pages/${lang}/${page}`, 'utf8')]);
    }
  }
  return out;
}

/** A forbidden word, whole, in any case; a form that is not a word (·) anywhere. */
function matcher(word: string): RegExp {
  const escaped = word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/['’]/g, "['’]");
  return /^[\p{L}\p{N}]/u.test(word)
    ? new RegExp(`(?<![\\p{L}\\p{N}])${escaped}(?![\\p{L}\\p{N}])`, 'iu')
    : new RegExp(escaped, 'u');
}

/** The places where a glossary's forbidden words appear in these texts. */
export function glossaryViolations(glossary: Glossary, texts: [string, string][]): string[] {
  const found: string[] = [];
  for (const term of glossary) {
    for (const word of term.avoid) {
      const re = matcher(word);
      for (const [where, text] of texts) {
        if (re.test(text)) found.push(`${where}: "${word}" (use "${term.use}" for ${term.thing})`);
      }
    }
  }
  return found;
}

describe('glossary: one term per thing', () => {
  it.each(Object.keys(languages))('%s: no forbidden synonym in the app catalog or the packs', (lang) => {
    const { catalog, glossary } = languages[lang] as (typeof languages)[string];
    const texts = [...catalogTexts(catalog, `app ${lang}`), ...packTexts(lang)];
    expect(texts.length).toBeGreaterThan(100);
    expect(glossaryViolations(glossary, texts)).toEqual([]);
  });

  it('finds a forbidden word whole, in any case, and the point médian anywhere', () => {
    expect(glossaryViolations(glossaryEn, [['x', 'Sexy photos of you']])).toHaveLength(1);
    expect(glossaryViolations(glossaryEn, [['x', 'Keep Proof.']])).toHaveLength(1);
    expect(glossaryViolations(glossaryEn, [['x', 'Proofread it. Keep evidence.']])).toEqual([]);
    expect(glossaryViolations(glossaryFr, [['x', 'Prêt·e ?']])).toHaveLength(1);
    expect(glossaryViolations(glossaryFr, [['x', 'C’est arrivé à moi']])).toHaveLength(1);
    expect(glossaryViolations(glossaryTr, [['x', 'Şifreni yaz.']])).toHaveLength(1);
    expect(glossaryViolations(glossaryTr, [['x', 'Kanıtlarını şifrele.']])).toHaveLength(1);
    expect(glossaryViolations(glossaryTr, [['x', 'PIN’ini yaz.']])).toEqual([]);
    expect(glossaryViolations(glossaryAr, [['x', 'اكتب كلمة المرور.']])).toHaveLength(1);
    expect(glossaryViolations(glossaryAr, [['x', 'اكتب كلمة السر.']])).toEqual([]);
  });

  it('each language has a glossary with the words it uses', () => {
    for (const { glossary } of Object.values(languages)) {
      expect(glossary.length).toBeGreaterThan(3);
      for (const term of glossary) expect(term.avoid.length).toBeGreaterThan(0);
    }
  });
});

describe('each pack speaks its own Dutch, French and German', () => {
  it('every app wording a pack gives (texts/<lang>.yaml app:) names a text of the catalog', () => {
    for (const pack of packNames) {
      for (const [lang, { catalog }] of Object.entries(languages)) {
        expect(unknownWordingKeys(catalog, flatPackTexts(pack, lang)), `${pack} ${lang}`).toEqual([]);
      }
    }
  });

  it('Flanders (BE-VL) reads Flemish words in the app and in its own Dutch texts', () => {
    const flemish = withPackWording(nl, flatPackTexts('BE-VL', 'nl'));
    expect(flemish.roles.professional).toContain('leerkracht');
    const texts = [...catalogTexts(flemish, 'app nl (BE-VL)'), ...packTexts('nl', ['BE-VL'])];
    expect(glossaryViolations([...glossaryNl, ...glossaryNlBe], texts)).toEqual([]);
    // The Netherlands keep their words: the Flemish glossary would fail on the plain catalog.
    expect(glossaryViolations(glossaryNlBe, catalogTexts(nl, 'app nl'))).not.toEqual([]);
  });

  it('the Dutch pack speaks to parents with "u", never "je"', () => {
    const texts = flatPackTexts('NL', 'nl');
    const forParents = [
      texts['routeMap.parent.intro'],
      texts['advice.listen-first'],
      readFileSync(`${packsDir}NL/pages/nl/for-parents.md`, 'utf8'),
    ];
    for (const text of forParents) expect(text).not.toMatch(/(?<![\p{L}])(je|jij|jouw)(?![\p{L}])/iu);
  });

  it.each(Object.keys(languages))('%s: the lock button and the locked state are different words', (lang) => {
    const { catalog } = languages[lang] as (typeof languages)[string];
    for (const pack of packNames) {
      const t = withPackWording(catalog, flatPackTexts(pack, lang));
      expect(t.vaultLock.toLowerCase()).not.toBe(t.vaultLocked.toLowerCase());
    }
  });

  it('BE-VL offers French-speaking lines, marked unverified, and says which lines speak Dutch', () => {
    const crisis = parse(readFileSync(`${packsDir}BE-VL/crisis.yaml`, 'utf8')).lines as {
      id: string;
      languages?: string[];
      unverified?: boolean;
      phones: { number: string; unverified?: boolean; source?: string }[];
    }[];
    const french = crisis.filter((line) => line.languages?.includes('fr'));
    expect(french.flatMap((line) => line.phones.map((p) => p.number)).sort()).toEqual(['+3280032123', '103']);
    for (const line of french) {
      expect(line.unverified).toBe(true);
      for (const phone of line.phones) expect(phone.source).toMatch(/not confirmed/);
    }
    for (const id of ['suicide-prevention', 'someone-to-talk-to']) {
      expect(crisis.find((line) => line.id === id)?.languages).toEqual(['nl']);
    }
    expect(fr.answersIn(fr.languageNames.nl ?? '')).toBe('(en néerlandais)');
  });
});

describe('withPackWording', () => {
  it('puts a pack text over a catalog text, in lists too, and skips what the catalog does not have', () => {
    const t = withPackWording(nl, {
      'app.roles.professional': 'Ik ben leerkracht',
      'app.helpTips.4': 'Vertel het aan een leerkracht.',
      'app.nothing.here': 'x',
      'app.stepOf': 'not a function',
      'services.x.description': 'not app wording',
    });
    expect(t.roles.professional).toBe('Ik ben leerkracht');
    expect(t.helpTips[4]).toBe('Vertel het aan een leerkracht.');
    expect(t.helpTips[0]).toBe(nl.helpTips[0]);
    expect(t.stepOf(1, 2)).toBe(nl.stepOf(1, 2));
    expect(nl.roles.professional).toContain('leraar');
    expect(unknownWordingKeys(nl, { 'app.nothing.here': 'x', 'app.stepOf': 'y', 'app.back': 'z' })).toEqual([
      'app.nothing.here',
      'app.stepOf',
    ]);
  });
});
