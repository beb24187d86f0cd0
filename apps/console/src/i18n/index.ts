import type { CompiledNode } from '@vangnet/core/icu/catalog';
import { materializeCatalog } from '@vangnet/core/icu/materialize';
import type { Messages } from './messages.gen.ts';

export type { Messages } from './messages.gen.ts';

/**
 * Languages the console carries (catalogs/<lang>.json, ICU MessageFormat; English is the source). Each
 * one is compiled at build time to plain data (scripts/icu-catalog-plugin.ts, shared with the reporter
 * app) in its own chunk, fetched only when chosen. A language the pack brings console texts for comes
 * from the server as data (`GET /api/v1/catalogs/console/<lang>`), with no code change here.
 */
export const CARRIED_LANGUAGES = ['en', 'nl', 'fr', 'de', 'tr', 'ar', 'uk', 'pl'] as const;

// The import names the translators' JSON; the build hands over its compiled form (see the plugin).
type Compiled = { default: unknown };
const loaders: Record<string, () => Promise<Compiled>> = {
  en: () => import('./catalogs/en.json'),
  nl: () => import('./catalogs/nl.json'),
  fr: () => import('./catalogs/fr.json'),
  de: () => import('./catalogs/de.json'),
  tr: () => import('./catalogs/tr.json'),
  ar: () => import('./catalogs/ar.json'),
  uk: () => import('./catalogs/uk.json'),
  pl: () => import('./catalogs/pl.json'),
};

export function isCarried(lang: string): boolean {
  return Object.hasOwn(loaders, lang);
}

async function packCatalog(lang: string): Promise<unknown> {
  const res = await fetch(`/api/v1/catalogs/console/${encodeURIComponent(lang)}`, {
    headers: { accept: 'application/json' },
  });
  if (!res.ok) throw new Error(`catalog ${res.status}`);
  return (await res.json()) as unknown;
}

/** The console's texts in `lang`; rejects when a pack's language cannot be had. */
export async function loadConsoleCatalog(lang: string): Promise<Messages> {
  const carried = loaders[lang];
  const compiled = carried ? (await carried()).default : await packCatalog(lang);
  return materializeCatalog(compiled as CompiledNode, lang) as Messages;
}

// The standard replies (case/canned.ts) are in the reporter's language, not the console's: one chunk
// per language, fetched when a case or chat in that language opens.
const cannedLoaders: Record<string, () => Promise<Compiled>> = {
  en: () => import('./canned/en.json'),
  nl: () => import('./canned/nl.json'),
  fr: () => import('./canned/fr.json'),
  de: () => import('./canned/de.json'),
  tr: () => import('./canned/tr.json'),
  ar: () => import('./canned/ar.json'),
  uk: () => import('./canned/uk.json'),
  pl: () => import('./canned/pl.json'),
};

/** The languages with built-in replies; a reporter language outside this list gets English. */
export const CANNED_LANGUAGES: readonly string[] = Object.keys(cannedLoaders);

/** The built-in replies for a reporter's language (`fr-BE` → `fr`), else English; with the language they are in. */
export async function loadCannedReplies(language: string): Promise<{ lang: string; replies: CompiledNode }> {
  const base = language.toLowerCase().split('-')[0] ?? 'en';
  const lang = Object.hasOwn(cannedLoaders, base) ? base : 'en';
  const load = cannedLoaders[lang] as () => Promise<Compiled>;
  return { lang, replies: (await load()).default as CompiledNode };
}
