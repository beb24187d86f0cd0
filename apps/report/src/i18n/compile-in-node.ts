import { compileCatalog, describeCatalogProblem, type RawCatalogNode } from '@vangnet/core/icu/catalog';
import source from './catalogs/en.json' with { type: 'json' };
import { materialize } from './materialize.ts';
import type { Messages } from './messages.gen.ts';
import order from './param-order.json' with { type: 'json' };

/**
 * A catalog compiled and materialized in Node, for tests and scripts (en.ts, nl.ts, …). The app never
 * imports this: it loads catalogs compiled at build time (index.ts, scripts/icu-catalog-plugin.ts).
 */
export function catalogFromJson(raw: unknown, lang: string): Messages {
  const { compiled, problems } = compileCatalog(raw, source as RawCatalogNode, order);
  if (problems.length)
    throw new Error(`catalog ${lang}:\n${problems.map(describeCatalogProblem).join('\n')}`);
  return materialize(compiled, lang);
}
