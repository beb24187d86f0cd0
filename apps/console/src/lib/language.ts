import { textDirection } from '@vangnet/core/icu/direction';
import { LANGUAGE_NAMES, languageName } from '@vangnet/core/icu/language-name';
import { CARRIED_LANGUAGES, isCarried, loadConsoleCatalog } from '../i18n/index.ts';
import { setCatalog, textLanguage } from './text.ts';

/**
 * The console's own language: one of the active pack's languages that has console texts (carried by
 * the console, or brought by the pack as catalogs/console/<lang>.json), taken from what this browser
 * remembered, else negotiated from the browser's languages, else the pack's default. Remembered in
 * localStorage only (nothing is sent to the server). Each catalog is its own chunk or a fetch, loaded
 * only when chosen.
 */
export const CONSOLE_LANGUAGES = CARRIED_LANGUAGES;
/** A language tag: one the console carries (`nl`), or one the pack brings texts for (`ga`). */
export type ConsoleLanguage = string;

export { LANGUAGE_NAMES, languageName };

const STORAGE_KEY = 'vangnet.console.language';

let offeredNow: ConsoleLanguage[] = ['en'];

export function isConsoleLanguage(value: unknown): value is ConsoleLanguage {
  return typeof value === 'string' && (isCarried(value) || offeredNow.includes(value));
}

/**
 * The pack's languages the console can speak, in the pack's order: its own texts for the language
 * (`fr-BE` → `fr`), else texts the pack brings for it; English when none is left.
 */
export function offeredLanguages(
  packLanguages: readonly string[],
  packCatalogs: readonly string[] = [],
): ConsoleLanguage[] {
  const offered = packLanguages.flatMap((l) => {
    const base = l.toLowerCase().split('-')[0] ?? '';
    if (isCarried(base)) return [base];
    return packCatalogs.includes(l) ? [l] : [];
  });
  return offered.length ? [...new Set(offered)] : ['en'];
}

/** Remembered choice first, then the browser's languages (`fr-BE` → `fr`), then the first offered. */
export function pickConsoleLanguage(
  offered: readonly ConsoleLanguage[],
  remembered: string | null,
  browser: readonly string[],
): ConsoleLanguage {
  if (remembered && offered.includes(remembered)) return remembered;
  for (const tag of browser) {
    const exact = offered.find((l) => l.toLowerCase() === tag.toLowerCase());
    if (exact) return exact;
    const base = tag.toLowerCase().split('-')[0];
    const same = offered.find((l) => l.toLowerCase().split('-')[0] === base);
    if (same) return same;
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

export function consoleLanguages(): readonly ConsoleLanguage[] {
  return offeredNow;
}

/** The writing direction for an element in a known language (the reporter's replies); none when unknown. */
export function dirOf(lang: string | undefined): 'rtl' | 'ltr' | undefined {
  return lang ? textDirection(lang) : undefined;
}

/** Loads the catalog and points `text` at it; sets `<html lang>` and its writing direction (`dir="rtl"` for Arabic). */
export async function setConsoleLanguage(lang: ConsoleLanguage, remember = false): Promise<void> {
  setCatalog(lang, await loadConsoleCatalog(lang));
  document.documentElement.lang = lang;
  document.documentElement.dir = textDirection(lang);
  if (remember) {
    try {
      localStorage.setItem(STORAGE_KEY, lang);
    } catch {
      // Private mode without storage: the choice lasts for this page only.
    }
  }
}

/**
 * Called once before the first render, with the active pack's languages and the languages it brings
 * console texts for (from the public /config). A pack's language that cannot be fetched: English.
 */
export async function startConsoleLanguage(
  packLanguages: readonly string[],
  packCatalogs: readonly string[] = [],
): Promise<ConsoleLanguage> {
  offeredNow = offeredLanguages(packLanguages, packCatalogs);
  const lang = pickConsoleLanguage(offeredNow, remembered(), navigator.languages ?? [navigator.language]);
  try {
    await setConsoleLanguage(lang);
    return lang;
  } catch (e) {
    if (lang === 'en') throw e;
    await setConsoleLanguage('en');
    return 'en';
  }
}

export function currentConsoleLanguage(): string {
  return textLanguage;
}
