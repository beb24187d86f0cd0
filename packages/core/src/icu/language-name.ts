/** Native names of the languages the apps carry, so someone who cannot read the current language still finds their own. */
export const LANGUAGE_NAMES: Readonly<Record<string, string>> = {
  nl: 'Nederlands',
  en: 'English',
  fr: 'Français',
  de: 'Deutsch',
  tr: 'Türkçe',
  ar: 'العربية',
  uk: 'Українська',
  pl: 'Polski',
};

/** A language's own name for itself (`ga` → "Gaeilge"), from the browser's data for any other language. */
export function languageName(code: string): string {
  const known = LANGUAGE_NAMES[code];
  if (known) return known;
  try {
    const name = new Intl.DisplayNames([code], { type: 'language' }).of(code);
    return name ? name.charAt(0).toLocaleUpperCase(code) + name.slice(1) : code;
  } catch {
    return code;
  }
}
