import {
  type CatalogProblem,
  type CompiledNode,
  compileCatalog,
  type ParamOrder,
  type RawCatalogNode,
} from '../icu/catalog.ts';
import type { UnreviewedShare } from '../icu/unreviewed.ts';
import type { PackProblem } from './check.ts';
import type { CountryPack } from './schema.ts';

/**
 * A language is data: a pack may bring the reporter app's texts for a language the project does not
 * carry, as `catalogs/report/<lang>.json` in the app's own format (ICU MessageFormat in JSON, the
 * same keys as apps/report/src/i18n/catalogs/en.json). This checks that every language the pack
 * declares complete has the app's texts (carried by the app or brought by the pack, with no key
 * missing) and compiles the pack's catalogs for the server to serve. The console's texts are still
 * code: a complete language the console lacks is a warning (staff see the console in another language).
 */
export type AppTexts = {
  report: {
    source: RawCatalogNode;
    order: ParamOrder;
    carried: readonly string[];
    /** How much of each carried catalog nobody has reviewed (translation-review.ts). */
    shares?: Readonly<Record<string, UnreviewedShare>>;
  };
  console: { carried: readonly string[] };
};

export const PACK_CATALOG_DIR = 'catalogs/report';

export function checkAppCatalogs(
  meta: Pick<CountryPack['meta'], 'languages' | 'defaultLanguage'>,
  packCatalogs: Readonly<Record<string, unknown>>,
  apps: AppTexts,
): { problems: PackProblem[]; compiled: Record<string, CompiledNode> } {
  const problems: PackProblem[] = [];
  const compiled: Record<string, CompiledNode> = {};
  const declared = new Map(meta.languages.map((l) => [l.code, l.complete]));
  const carried = (list: readonly string[], code: string) =>
    list.includes(code.toLowerCase().split('-')[0] ?? '');

  for (const [lang, raw] of Object.entries(packCatalogs)) {
    const file = `${PACK_CATALOG_DIR}/${lang}.json`;
    if (!declared.has(lang)) {
      problems.push({
        severity: 'warning',
        file,
        path: '',
        message: `language "${lang}" is not declared in pack.yaml and is ignored`,
      });
      continue;
    }
    if (apps.report.carried.includes(lang)) {
      problems.push({
        severity: 'warning',
        file,
        path: '',
        message: `the app carries its own "${lang}" texts, so this file is not used; word single texts the pack's way with app.* keys in texts/${lang}.yaml`,
      });
      continue;
    }
    const result = compileCatalog(raw, apps.report.source, apps.report.order);
    const severity = declared.get(lang) ? 'error' : 'warning';
    problems.push(...listed(file, result.problems, severity));
    if (result.problems.length === 0) compiled[lang] = result.compiled;
  }

  for (const { code, complete } of meta.languages) {
    if (!complete) continue;
    if (!carried(apps.report.carried, code) && !Object.hasOwn(packCatalogs, code)) {
      problems.push({
        severity: 'error',
        file: `${PACK_CATALOG_DIR}/${code}.json`,
        path: '',
        message: `missing: the reporter app has no "${code}" texts; copy apps/report/src/i18n/catalogs/en.json here and translate every text`,
      });
    }
    if (!carried(apps.console.carried, code)) {
      problems.push({
        severity: 'warning',
        file: 'pack.yaml',
        path: 'languages',
        message: `the helpline console has no "${code}" texts yet; staff see it in ${apps.console.carried.includes(meta.defaultLanguage) ? `"${meta.defaultLanguage}"` : 'English'}`,
      });
    }
  }
  return { problems, compiled };
}

/** Each problem with its key, every missing key named (a translator works down the list). */
function listed(
  file: string,
  found: readonly CatalogProblem[],
  severity: PackProblem['severity'],
): PackProblem[] {
  return found.map((p) => ({
    severity,
    file,
    path: p.path,
    message: p.kind === 'missing' ? 'missing text' : p.detail,
  }));
}
