import type { CompiledNode } from '@vangnet/core/icu/catalog';
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import { materialize } from './materialize.ts';
import type { Messages } from './messages.gen.ts';

export type { Messages } from './messages.gen.ts';

/**
 * Languages with a catalog in the app (catalogs/<lang>.json, ICU MessageFormat). Each one is compiled
 * at build time to plain data (scripts/icu-catalog-plugin.ts) in its own chunk, fetched only when chosen.
 */
export const LANGUAGES = ['nl', 'en', 'fr', 'de'] as const;
export type Lang = (typeof LANGUAGES)[number];

/** Native names, so a child who cannot read the current language still finds their own. */
export const LANGUAGE_NAMES: Record<Lang, string> = {
  nl: 'Nederlands',
  en: 'English',
  fr: 'Français',
  de: 'Deutsch',
};

// The import names the translators' JSON; the build hands over its compiled form (see the plugin).
type Compiled = { default: unknown };
const loaders: Record<Lang, () => Promise<Compiled>> = {
  nl: () => import('./catalogs/nl.json'),
  en: () => import('./catalogs/en.json'),
  fr: () => import('./catalogs/fr.json'),
  de: () => import('./catalogs/de.json'),
};

export function loadMessages(lang: Lang): Promise<Messages> {
  return loaders[lang]().then((m) => materialize(m.default as CompiledNode, lang));
}

export function isLang(value: unknown): value is Lang {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/** The first device language we have a catalog for (`nl-BE` → `nl`), else the fallback. */
export function pickLanguage(preferred: readonly string[], fallback: Lang = 'nl'): Lang {
  for (const tag of preferred) {
    const base = tag.toLowerCase().split('-')[0];
    if (isLang(base)) return base;
  }
  return fallback;
}

export interface I18nValue {
  lang: Lang;
  t: Messages;
  setLang: (lang: Lang) => void;
}

export const I18nContext = createContext<I18nValue | null>(null);

export function useI18n(): I18nValue {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n outside I18nContext');
  return value;
}
