import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { de } from './de.ts';
import { en, type Messages } from './en.ts';
import { fr } from './fr.ts';
import { glossaryDe } from './glossary.de.ts';
import { glossaryEn } from './glossary.en.ts';
import { glossaryFr } from './glossary.fr.ts';
import { glossaryNl } from './glossary.nl.ts';
import type { Glossary } from './glossary.ts';
import { nl } from './nl.ts';

const packsDir = fileURLToPath(new URL('../../../../country-packs/', import.meta.url));
const languages: Record<string, { catalog: Messages; glossary: Glossary }> = {
  en: { catalog: en, glossary: glossaryEn },
  nl: { catalog: nl, glossary: glossaryNl },
  fr: { catalog: fr, glossary: glossaryFr },
  de: { catalog: de, glossary: glossaryDe },
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

/** Every pack text and page in this language: texts/<lang>.yaml and pages/<lang>/*.md of each pack. */
function packTexts(lang: string): [string, string][] {
  const out: [string, string][] = [];
  for (const pack of readdirSync(packsDir, { withFileTypes: true }).filter((d) => d.isDirectory())) {
    const dir = `${packsDir}${pack.name}`;
    const texts = readdirSync(`${dir}/texts`).find((f) => f === `${lang}.yaml`);
    if (texts)
      out.push(...catalogTexts(parse(readFileSync(`${dir}/texts/${texts}`, 'utf8')), `${pack.name}:`));
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
    expect(glossaryViolations(glossaryFr, [['x', 'Tu n’es pas seul·e']])).toHaveLength(1);
    expect(glossaryViolations(glossaryFr, [['x', 'C’est arrivé à moi']])).toHaveLength(1);
  });

  it('each language has a glossary with the words it uses', () => {
    for (const { glossary } of Object.values(languages)) {
      expect(glossary.length).toBeGreaterThan(3);
      for (const term of glossary) expect(term.avoid.length).toBeGreaterThan(0);
    }
  });
});
