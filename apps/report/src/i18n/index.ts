import type { CompiledNode } from '@vangnet/core/icu/catalog';
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import { readLocal, writeLocal } from '../lib/storage.ts';
import { materialize } from './materialize.ts';
import type { Messages } from './messages.gen.ts';

export type { Messages } from './messages.gen.ts';

/**
 * Languages the app carries (catalogs/<lang>.json, ICU MessageFormat). Each one is compiled at build
 * time to plain data (scripts/icu-catalog-plugin.ts) in its own chunk, fetched only when chosen. Any
 * other language the pack declares comes from the pack as data (`GET /api/v1/catalogs/report/<lang>`).
 */
export const LANGUAGES = ['nl', 'en', 'fr', 'de', 'tr', 'ar', 'uk', 'pl'] as const;
/** A language tag: one the app carries, or one the pack brings. */
export type Lang = string;

export { LANGUAGE_NAMES, languageName } from '@vangnet/core/icu/language-name';

// The import names the translators' JSON; the build hands over its compiled form (see the plugin).
type Compiled = { default: unknown };
const loaders: Record<string, () => Promise<Compiled>> = {
  nl: () => import('./catalogs/nl.json'),
  en: () => import('./catalogs/en.json'),
  fr: () => import('./catalogs/fr.json'),
  de: () => import('./catalogs/de.json'),
  tr: () => import('./catalogs/tr.json'),
  ar: () => import('./catalogs/ar.json'),
  uk: () => import('./catalogs/uk.json'),
  pl: () => import('./catalogs/pl.json'),
};

const CATALOG_KEY = 'vn.catalog.';

/** A pack's language: the server's compiled catalog, kept on the phone for the next offline start. */
async function packCatalog(lang: Lang): Promise<unknown> {
  try {
    const res = await fetch(`/api/v1/catalogs/report/${encodeURIComponent(lang)}`, {
      headers: { accept: 'application/json' },
    });
    if (!res.ok) throw new Error(`catalog ${res.status}`);
    const text = await res.text();
    const parsed: unknown = JSON.parse(text);
    writeLocal(CATALOG_KEY + lang, text);
    return parsed;
  } catch (e) {
    const kept = readLocal(CATALOG_KEY + lang);
    if (!kept) throw e;
    return JSON.parse(kept) as unknown;
  }
}

/** The catalog for `lang`; rejects when a pack's language cannot be had (the app then shows the default). */
export async function loadMessages(lang: Lang): Promise<Messages> {
  const carried = loaders[lang];
  const compiled = carried ? (await carried()).default : await packCatalog(lang);
  return materialize(compiled as CompiledNode, lang);
}

export function isLang(value: unknown): value is Lang {
  return typeof value === 'string' && /^[a-z]{2,3}(-[A-Za-z0-9]{1,8})*$/.test(value);
}

/**
 * The best of `available` for the device's languages, in the device's order: the same tag
 * (`nl-BE` on a pack that has `nl-BE`), else the same language (`ar-MA` → `ar`, `nl-BE` → `nl`),
 * else the pack's default language.
 */
export function pickLanguage(
  preferred: readonly string[],
  available: readonly string[] = LANGUAGES,
  fallback: Lang = 'nl',
): Lang {
  const base = (tag: string) => tag.toLowerCase().split('-')[0];
  for (const tag of preferred) {
    const exact = available.find((code) => code.toLowerCase() === tag.toLowerCase());
    if (exact) return exact;
    const same = available.find((code) => base(code) === base(tag));
    if (same) return same;
  }
  return fallback;
}

export interface I18nValue {
  lang: Lang;
  t: Messages;
  setLang: (lang: Lang) => void;
  /** The languages the menu offers: the pack's. */
  languages: readonly Lang[];
}

export const I18nContext = createContext<I18nValue | null>(null);

export function useI18n(): I18nValue {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n outside I18nContext');
  return value;
}
