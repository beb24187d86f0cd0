/**
 * Scripts written right to left (ISO 15924). A language's script comes from the runtime's likely-subtags
 * data (`ar` → `Arab`, `he` → `Hebr`, `az-Arab` → `Arab`, `az` → `Latn`), so a language is right to left
 * by data, with no list of languages to keep up to date.
 */
const RTL_SCRIPTS = new Set(['Adlm', 'Arab', 'Hebr', 'Mand', 'Nkoo', 'Rohg', 'Samr', 'Syrc', 'Thaa']);

/** The writing direction of a language tag; `ltr` for a tag the runtime cannot read. */
export function textDirection(tag: string): 'rtl' | 'ltr' {
  try {
    const script = new Intl.Locale(tag).maximize().script;
    return script && RTL_SCRIPTS.has(script) ? 'rtl' : 'ltr';
  } catch {
    return 'ltr';
  }
}
