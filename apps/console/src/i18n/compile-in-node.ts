import { readdirSync, readFileSync } from 'node:fs';
import {
  type CompiledNode,
  compileCatalog,
  describeCatalogProblem,
  type RawCatalogNode,
} from '@vangnet/core/icu/catalog';
import { materializeCatalog } from '@vangnet/core/icu/materialize';
import cannedEn from './canned/en.json' with { type: 'json' };
import ar from './catalogs/ar.json' with { type: 'json' };
import de from './catalogs/de.json' with { type: 'json' };
import source from './catalogs/en.json' with { type: 'json' };
import fr from './catalogs/fr.json' with { type: 'json' };
import nl from './catalogs/nl.json' with { type: 'json' };
import pl from './catalogs/pl.json' with { type: 'json' };
import tr from './catalogs/tr.json' with { type: 'json' };
import uk from './catalogs/uk.json' with { type: 'json' };
import type { Messages } from './messages.gen.ts';
import order from './param-order.json' with { type: 'json' };

/**
 * A console catalog compiled and materialized in Node, for tests and e2e checks (`consoleCatalogs.fr`).
 * The console never imports this: it loads catalogs compiled at build time (index.ts).
 */
export function consoleCatalogFromJson(raw: unknown, lang: string): Messages {
  const { compiled, problems } = compileCatalog(raw, source as RawCatalogNode, order);
  if (problems.length)
    throw new Error(`console catalog ${lang}:\n${problems.map(describeCatalogProblem).join('\n')}`);
  return materializeCatalog(compiled, lang) as Messages;
}

export const rawConsoleCatalogs: Readonly<Record<string, unknown>> = {
  en: source,
  nl,
  fr,
  de,
  tr,
  ar,
  uk,
  pl,
};

export const consoleCatalogs = {
  en: consoleCatalogFromJson(source, 'en'),
  nl: consoleCatalogFromJson(nl, 'nl'),
  fr: consoleCatalogFromJson(fr, 'fr'),
  de: consoleCatalogFromJson(de, 'de'),
  tr: consoleCatalogFromJson(tr, 'tr'),
  ar: consoleCatalogFromJson(ar, 'ar'),
  uk: consoleCatalogFromJson(uk, 'uk'),
  pl: consoleCatalogFromJson(pl, 'pl'),
};

/** The standard replies (canned/<lang>.json) as raw JSON and compiled against the English set. */
// Every file in the folder, so a language added there is tested without another list to keep.
const cannedDir = new URL('./canned/', import.meta.url);
export const rawCannedReplies: Readonly<Record<string, unknown>> = Object.fromEntries(
  readdirSync(cannedDir)
    .filter((f) => f.endsWith('.json'))
    .map((f) => [
      f.slice(0, -'.json'.length),
      JSON.parse(readFileSync(new URL(f, cannedDir), 'utf8')) as unknown,
    ]),
);

export function cannedRepliesInNode(language: string): { lang: string; replies: CompiledNode } {
  const base = language.toLowerCase().split('-')[0] ?? 'en';
  const lang = Object.hasOwn(rawCannedReplies, base) ? base : 'en';
  const { compiled, problems } = compileCatalog(rawCannedReplies[lang], cannedEn as RawCatalogNode);
  if (problems.length)
    throw new Error(`canned replies ${lang}:\n${problems.map(describeCatalogProblem).join('\n')}`);
  return { lang, replies: compiled };
}
