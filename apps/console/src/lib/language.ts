import { type ConsoleCatalog, english, setCatalog, textLanguage } from './text.ts';

/**
 * The console's own language: one of the active pack's languages that has a console catalog, taken
 * from what this browser remembered, else negotiated from the browser's languages, else the pack's
 * default. Remembered in localStorage only (nothing is sent to the server). Each catalog is its own
 * chunk, fetched only when chosen.
 */
export const CONSOLE_LANGUAGES = ['en', 'nl', 'fr', 'de'] as const;
export type ConsoleLanguage = (typeof CONSOLE_LANGUAGES)[number];

/** Native names, so a worker who cannot read the current language still finds their own. */
export const LANGUAGE_NAMES: Record<string, string> = {
  nl: 'Nederlands',
  en: 'English',
  fr: 'Français',
  de: 'Deutsch',
};

const loaders: Record<ConsoleLanguage, () => Promise<ConsoleCatalog>> = {
  en: async () => english,
  nl: () => import('./i18n/nl.ts').then((m) => m.nl),
  fr: () => import('./i18n/fr.ts').then((m) => m.fr),
  de: () => import('./i18n/de.ts').then((m) => m.de),
};

const STORAGE_KEY = 'vangnet.console.language';

export function isConsoleLanguage(value: unknown): value is ConsoleLanguage {
  return typeof value === 'string' && (CONSOLE_LANGUAGES as readonly string[]).includes(value);
}

/** The pack's languages the console can speak, in the pack's order; English when none is left. */
export function offeredLanguages(packLanguages: readonly string[]): ConsoleLanguage[] {
  const offered = packLanguages.map((l) => l.toLowerCase().split('-')[0]).filter(isConsoleLanguage);
  return offered.length ? [...new Set(offered)] : ['en'];
}

/** Remembered choice first, then the browser's languages (`fr-BE` → `fr`), then the first offered. */
export function pickConsoleLanguage(
  offered: readonly ConsoleLanguage[],
  remembered: string | null,
  browser: readonly string[],
): ConsoleLanguage {
  if (isConsoleLanguage(remembered) && offered.includes(remembered)) return remembered;
  for (const tag of browser) {
    const base = tag.toLowerCase().split('-')[0];
    if (isConsoleLanguage(base) && offered.includes(base)) return base;
  }
  return offered[0] ?? 'en';
}

function remembered(): string | null {
  try {
    return localStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
}

let offeredNow: ConsoleLanguage[] = ['en'];

export function consoleLanguages(): readonly ConsoleLanguage[] {
  return offeredNow;
}

/** Loads the catalog and points `text` at it; sets `<html lang>`. */
export async function setConsoleLanguage(lang: ConsoleLanguage, remember = false): Promise<void> {
  setCatalog(lang, await loaders[lang]());
  document.documentElement.lang = lang;
  if (remember) {
    try {
      localStorage.setItem(STORAGE_KEY, lang);
    } catch {
      // Private mode without storage: the choice lasts for this page only.
    }
  }
}

/** Called once before the first render, with the active pack's languages (from the public /config). */
export async function startConsoleLanguage(packLanguages: readonly string[]): Promise<ConsoleLanguage> {
  offeredNow = offeredLanguages(packLanguages);
  const lang = pickConsoleLanguage(offeredNow, remembered(), navigator.languages ?? [navigator.language]);
  await setConsoleLanguage(lang);
  return lang;
}

export function currentConsoleLanguage(): string {
  return textLanguage;
}
