import type { Messages } from '../i18n/messages.gen.ts';

/**
 * Interface wording in one place, so a country can translate the console without touching screens.
 * The texts are ICU MessageFormat catalogs in apps/console/src/i18n/catalogs/<lang>.json (English is
 * the source; messages.gen.ts, generated from it, is their type, so a screen using a key the source
 * lacks fails the type check). Screens import `text`, a live binding that `setCatalog` points at the
 * chosen language before the first render. Error codes from the server (problem+json `code`) map to
 * sentences here; an unknown code falls back to a general sentence and never shows the server's own text.
 */
export type ConsoleCatalog = Messages;

/** The catalog every screen reads; a live binding, pointed at the chosen language by `setCatalog`. */
// Until `setCatalog` (main.tsx awaits the language before the first render), nothing reads it.
export let text: ConsoleCatalog = {} as ConsoleCatalog;
/** The BCP 47 code of `text`, for `<html lang>`, dates and the PDF. */
export let textLanguage = 'en';

export function setCatalog(lang: string, catalog: ConsoleCatalog): void {
  text = catalog;
  textLanguage = lang;
}

export function errorText(code: string): string {
  return text.errors[code] ?? text.errors.general!;
}
