import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Plugin } from 'vite';
import {
  compileCatalog,
  describeCatalogProblem,
  type RawCatalogNode,
} from '../packages/core/src/icu/catalog.ts';

/**
 * The apps' catalogs (the reporter app's and the console's, each in its `src/i18n/catalogs/`) are ICU
 * MessageFormat in JSON (for translators and their tools); browsers get them compiled: an
 * `import('./catalogs/nl.json')` in `i18n/index.ts` resolves to a module whose default export is the
 * catalog checked against the source (`en.json`: same keys, valid ICU, no unknown value) and parsed to
 * the compact data of packages/core/src/icu/ast.ts. No ICU parser ships to the app; a catalog with a
 * missing or broken text fails the build with its key. `param-order.json` next to `catalogs/` is optional.
 */
// `catalogs/`: the app's texts; `canned/`: the console's standard replies, one set per reporter language.
const CATALOG = /^\.\/(?:catalogs|canned)\/[a-z]{2,3}(?:-[A-Za-z0-9]+)*\.json$/;
const COMPILED = /[\\/]i18n[\\/](catalogs|canned)[\\/]([a-z]{2,3}(?:-[A-Za-z0-9]+)*)\.js$/;

export function icuCatalogs(): Plugin {
  return {
    name: 'vangnet-icu-catalogs',
    enforce: 'pre',
    resolveId(id, importer) {
      if (!importer || !CATALOG.test(id) || !/[\\/]i18n[\\/]index\.ts$/.test(importer)) return null;
      // A .js id of the same base name: the chunk is still named after the language (`nl`).
      return join(dirname(importer), id).replace(/\.json$/, '.js');
    },
    load(id) {
      const match = COMPILED.exec(id);
      if (!match) return null;
      const dir = dirname(id);
      const file = id.replace(/\.js$/, '.json');
      const read = (path: string) => {
        this.addWatchFile(path);
        return JSON.parse(readFileSync(path, 'utf8')) as unknown;
      };
      const source = read(join(dir, 'en.json')) as RawCatalogNode;
      const orderFile = join(dir, '..', 'param-order.json');
      const order = (match[1] === 'catalogs' && existsSync(orderFile) ? read(orderFile) : {}) as Record<
        string,
        string[]
      >;
      const { compiled, problems } = compileCatalog(read(file), source, order);
      if (problems.length) {
        this.error(
          `${file}: ${problems.length} problem(s)\n${problems.map(describeCatalogProblem).join('\n')}`,
        );
      }
      // JSON.parse of a string literal: smaller and faster to start than an object literal.
      return `export default JSON.parse(${JSON.stringify(JSON.stringify(compiled))});`;
    },
  };
}
