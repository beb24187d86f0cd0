import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { Messages } from './en.ts';

export type { Messages } from './en.ts';

/** Languages with a catalog. Each one is its own chunk, fetched only when chosen. */
export const LANGUAGES = ['nl', 'en', 'fr', 'de'] as const;
export type Lang = (typeof LANGUAGES)[number];

/** Native names, so a child who cannot read the current language still finds their own. */
export const LANGUAGE_NAMES: Record<Lang, string> = {
  nl: 'Nederlands',
  en: 'English',
  fr: 'Français',
  de: 'Deutsch',
};

const loaders: Record<Lang, () => Promise<Messages>> = {
  nl: () => import('./nl.ts').then((m) => m.nl),
  en: () => import('./en.ts').then((m) => m.en),
  fr: () => import('./fr.ts').then((m) => m.fr),
  de: () => import('./de.ts').then((m) => m.de),
};

export function loadMessages(lang: Lang): Promise<Messages> {
  return loaders[lang]();
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
