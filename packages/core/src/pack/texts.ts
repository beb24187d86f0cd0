import type { TextTree } from './schema.ts';

/** `{services: {x: {description: '…'}}}` → `{'services.x.description': '…'}`. */
export function flattenTexts(tree: TextTree, prefix = ''): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out[path] = value;
    else Object.assign(out, flattenTexts(value, path));
  }
  return out;
}

/** A pack string in the wanted language, falling back to the default language (for incomplete ones). */
export function packText(
  pack: { meta: { defaultLanguage: string }; texts: Record<string, Record<string, string>> },
  language: string,
  key: string,
): string | undefined {
  return pack.texts[language]?.[key] ?? pack.texts[pack.meta.defaultLanguage]?.[key];
}
