// Writes messages.gen.ts, the type of the reporter app's catalog, from the source catalog (English):
// `npx tsx apps/report/src/i18n/generate-types.ts`. A text added to catalogs/en.json becomes a key every
// screen can use; one missing in another language fails `catalogs.test.ts` and the build (the Vite
// plugin compiles each catalog against the source). `messages-gen.test.ts` fails when this file is stale.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { icuArgs } from '@vangnet/core/icu/args';
import { paramsOf, type RawCatalogNode, ROLE_ARG } from '@vangnet/core/icu/catalog';
import { parseIcu } from '@vangnet/core/icu/parse';
import { isMetadataKey } from '@vangnet/core/icu/unreviewed';

/** Groups keyed by data (a category code, a status, a language code), typed as records. */
const MAPS = new Set([
  'languageNames',
  'guideActions',
  'agreementsTopics',
  'status',
  'categories',
  'roles',
  'ages',
  'problems',
  'timeline.status',
  'timeline.outcome',
  'timeline.platformAnswered',
]);

const here = (name: string) => fileURLToPath(new URL(name, import.meta.url));
export const SOURCE_FILE = here('./catalogs/en.json');
export const ORDER_FILE = here('./param-order.json');
export const TYPES_FILE = here('./messages.gen.ts');

export function readSource(): { source: RawCatalogNode; order: Record<string, string[]> } {
  return {
    source: JSON.parse(readFileSync(SOURCE_FILE, 'utf8')) as RawCatalogNode,
    order: JSON.parse(readFileSync(ORDER_FILE, 'utf8')) as Record<string, string[]>,
  };
}

function typeOf(
  node: RawCatalogNode,
  path: string,
  order: Record<string, string[]>,
  indent: string,
  inMap: boolean,
): string {
  if (typeof node === 'string') {
    const message = parseIcu(node);
    const params = paramsOf(path, message, order);
    if (params.length === 0) return 'string';
    const kinds = icuArgs(message);
    return `(${params.map((p) => `${p}: ${kinds.get(p) ?? 'string'}`).join(', ')}) => string`;
  }
  if (Array.isArray(node)) {
    if (inMap)
      return `readonly [${node.map((item, i) => typeOf(item, `${path}.${i}`, order, indent, false)).join(', ')}]`;
    return 'readonly string[]';
  }
  // `@…` keys are metadata (`@@unreviewed`), not texts the app shows.
  const entries = Object.entries(node as Record<string, RawCatalogNode>).filter(
    ([key]) => !isMetadataKey(key),
  );
  if (MAPS.has(path)) {
    const [key, first] = entries[0] as [string, RawCatalogNode];
    return `Readonly<Record<string, ${typeOf(first, `${path}.${key}`, order, indent, true)}>>`;
  }
  const inner = `${indent}  `;
  const lines = entries.map(([key, value]) => {
    const name = /^[A-Za-z_$][\w$]*$/.test(key) ? key : `'${key}'`;
    return `${inner}${name}: ${typeOf(value, path ? `${path}.${key}` : key, order, inner, false)};`;
  });
  return `{\n${lines.join('\n')}\n${indent}}`;
}

export function generateTypes(source: RawCatalogNode, order: Record<string, string[]>): string {
  const body = typeOf(source, '', order, '', false);
  return `// Generated from catalogs/en.json by generate-types.ts (npx tsx apps/report/src/i18n/generate-types.ts).
// Do not edit: change the source catalog and run the script again.
import type { RoleWords } from './role-words.ts';

/** Every text of the reporter app: a string, or a function of the values the text names. */
export type Messages = ${body.slice(0, -1)}  /** Each role's wording of the texts that name \`{${ROLE_ARG}, select, …}\` (role-words.ts). */
  roleWords: RoleWords;
};
`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { source, order } = readSource();
  writeFileSync(TYPES_FILE, generateTypes(source, order));
  console.log(`wrote ${TYPES_FILE}`);
}
