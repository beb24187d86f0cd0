// Writes an app's messages.gen.ts, the type of its catalog, from its source catalog (English):
// `npx tsx scripts/icu-catalog-types.ts report` (or `console`; no argument: both). A text added to
// <app>/src/i18n/catalogs/en.json becomes a key every screen can use; one missing in another language
// fails the app's catalog tests and the build (scripts/icu-catalog-plugin.ts compiles each catalog
// against the source). Each app's `messages-gen.test.ts` fails when its file is stale.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { icuArgs } from '../packages/core/src/icu/args.ts';
import { paramsOf, type RawCatalogNode, ROLE_ARG } from '../packages/core/src/icu/catalog.ts';
import { parseIcu } from '../packages/core/src/icu/parse.ts';
import { isMetadataKey } from '../packages/core/src/icu/unreviewed.ts';

type AppTypes = {
  /** The app's i18n folder, from the repository root: catalogs/, param-order.json, messages.gen.ts. */
  dir: string;
  /** What the type calls the app (in its doc comment). */
  title: string;
  /** Groups keyed by data (a category code, a status, a language code), typed as records. */
  maps: readonly string[];
  /** The reporter app words some texts per role (`{role, select, …}`), read through role-words.ts. */
  roleWords?: boolean;
};

export const APPS = {
  report: {
    dir: 'apps/report/src/i18n',
    title: 'the reporter app',
    maps: [
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
    ],
    roleWords: true,
  },
  console: {
    dir: 'apps/console/src/i18n',
    title: 'the helpline console',
    maps: [
      'chats.outcomes',
      'figures.questions',
      'figures.answers',
      'supervisor.states',
      'caseControls.reasons',
      'hashSubmission.reasons',
      'errors',
      'refer.reach',
      'refer.parts',
      'refer.states',
      'refer.outcomes',
      'refer.errors',
      'notices.outcomes',
      'notices.errors',
      'fields',
      'contact.via',
      'contact.reminderStep',
    ],
  },
} satisfies Record<string, AppTypes>;
export type AppName = keyof typeof APPS;

const root = fileURLToPath(new URL('..', import.meta.url));
const file = (app: AppName, name: string) => join(root, APPS[app].dir, name);
export const typesFile = (app: AppName) => file(app, 'messages.gen.ts');

/** The source catalog and the parameter order where it is not the order the texts name them (optional file). */
export function readSource(app: AppName): { source: RawCatalogNode; order: Record<string, string[]> } {
  const orderFile = file(app, 'param-order.json');
  return {
    source: JSON.parse(readFileSync(file(app, 'catalogs/en.json'), 'utf8')) as RawCatalogNode,
    order: existsSync(orderFile)
      ? (JSON.parse(readFileSync(orderFile, 'utf8')) as Record<string, string[]>)
      : {},
  };
}

function typeOf(
  node: RawCatalogNode,
  path: string,
  order: Record<string, string[]>,
  maps: ReadonlySet<string>,
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
      return `readonly [${node.map((item, i) => typeOf(item, `${path}.${i}`, order, maps, indent, false)).join(', ')}]`;
    return 'readonly string[]';
  }
  // `@…` keys are metadata (`@@unreviewed`), not texts the app shows.
  const entries = Object.entries(node as Record<string, RawCatalogNode>).filter(
    ([key]) => !isMetadataKey(key),
  );
  if (maps.has(path)) {
    const [key, first] = entries[0] as [string, RawCatalogNode];
    return `Readonly<Record<string, ${typeOf(first, `${path}.${key}`, order, maps, indent, true)}>>`;
  }
  const inner = `${indent}  `;
  const lines = entries.map(([key, value]) => {
    const name = /^[A-Za-z_$][\w$]*$/.test(key) ? key : `'${key}'`;
    return `${inner}${name}: ${typeOf(value, path ? `${path}.${key}` : key, order, maps, inner, false)};`;
  });
  return `{\n${lines.join('\n')}\n${indent}}`;
}

export function generateTypes(app: AppName, source: RawCatalogNode, order: Record<string, string[]>): string {
  const spec: AppTypes = APPS[app];
  const body = typeOf(source, '', order, new Set(spec.maps), '', false);
  const head = `// Generated from catalogs/en.json by scripts/icu-catalog-types.ts (npx tsx scripts/icu-catalog-types.ts ${app}).
// Do not edit: change the source catalog and run the script again.
`;
  const doc = `/** Every text of ${spec.title}: a string, or a function of the values the text names. */`;
  if (!spec.roleWords) return `${head}\n${doc}\nexport type Messages = ${body};\n`;
  return `${head}import type { RoleWords } from './role-words.ts';

${doc}
export type Messages = ${body.slice(0, -1)}  /** Each role's wording of the texts that name \`{${ROLE_ARG}, select, …}\` (role-words.ts). */
  roleWords: RoleWords;
};
`;
}

export function writeTypes(app: AppName): void {
  const { source, order } = readSource(app);
  writeFileSync(typesFile(app), generateTypes(app, source, order));
  console.log(`wrote ${typesFile(app)}`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const asked = process.argv.slice(2);
  for (const app of asked.length ? asked : Object.keys(APPS)) {
    if (!Object.hasOwn(APPS, app)) throw new Error(`unknown app "${app}" (${Object.keys(APPS).join(', ')})`);
    writeTypes(app as AppName);
  }
}
