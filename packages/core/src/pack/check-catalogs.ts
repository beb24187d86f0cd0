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
 * A language is data: a pack may bring an app's texts for a language the project does not carry, as
 * `catalogs/<app>/<lang>.json` in the app's own format (ICU MessageFormat in JSON, the same keys as
 * apps/<app>/src/i18n/catalogs/en.json), for the reporter app (`report`) and the helpline console
 * (`console`). One code path for both: a pack's catalog is checked against the app's source (every
 * missing key named) and compiled for the server to serve. Every language the pack declares complete
 * needs the reporter app's texts (carried by the app or brought by the pack); without console texts
 * staff see the console in another language, which is a warning.
 */
export const CATALOG_APPS = ['report', 'console'] as const;
export type CatalogApp = (typeof CATALOG_APPS)[number];

export type AppCatalogSource = {
  source: RawCatalogNode;
  order: ParamOrder;
  carried: readonly string[];
  /** How much of each carried catalog nobody has reviewed (translation-review.ts). */
  shares?: Readonly<Record<string, UnreviewedShare>>;
};
export type AppTexts = Record<CatalogApp, AppCatalogSource>;
/** Per app, the pack's catalogs by language: raw as read, or compiled once checked. */
export type PackCatalogs<T> = Partial<Record<CatalogApp, Readonly<Record<string, T>>>>;

export const packCatalogDir = (app: CatalogApp) => `catalogs/${app}`;

const APP_NAMES: Record<CatalogApp, string> = { report: 'the reporter app', console: 'the helpline console' };

export function checkAppCatalogs(
  meta: Pick<CountryPack['meta'], 'languages' | 'defaultLanguage'>,
  packCatalogs: PackCatalogs<unknown>,
  apps: AppTexts,
): { problems: PackProblem[]; compiled: Record<CatalogApp, Record<string, CompiledNode>> } {
  const problems: PackProblem[] = [];
  const compiled: Record<CatalogApp, Record<string, CompiledNode>> = { report: {}, console: {} };
  const declared = new Map(meta.languages.map((l) => [l.code, l.complete]));
  const carried = (list: readonly string[], code: string) =>
    list.includes(code.toLowerCase().split('-')[0] ?? '');

  for (const app of CATALOG_APPS) {
    const dir = packCatalogDir(app);
    const brought = packCatalogs[app] ?? {};
    for (const [lang, raw] of Object.entries(brought)) {
      const file = `${dir}/${lang}.json`;
      if (!declared.has(lang)) {
        problems.push({
          severity: 'warning',
          file,
          path: '',
          message: `language "${lang}" is not declared in pack.yaml and is ignored`,
        });
        continue;
      }
      if (apps[app].carried.includes(lang)) {
        problems.push({
          severity: 'warning',
          file,
          path: '',
          message:
            app === 'report'
              ? `the app carries its own "${lang}" texts, so this file is not used; word single texts the pack's way with app.* keys in texts/${lang}.yaml`
              : `the console carries its own "${lang}" texts, so this file is not used`,
        });
        continue;
      }
      const result = compileCatalog(raw, apps[app].source, apps[app].order);
      const severity = declared.get(lang) ? 'error' : 'warning';
      problems.push(...listed(file, result.problems, severity));
      if (result.problems.length === 0) compiled[app][lang] = result.compiled;
    }

    for (const { code, complete } of meta.languages) {
      if (!complete || carried(apps[app].carried, code) || Object.hasOwn(brought, code)) continue;
      const copy = `copy apps/${app}/src/i18n/catalogs/en.json to ${dir}/${code}.json and translate every text`;
      if (app === 'report') {
        problems.push({
          severity: 'error',
          file: `${dir}/${code}.json`,
          path: '',
          message: `missing: ${APP_NAMES[app]} has no "${code}" texts; ${copy}`,
        });
      } else {
        const fallback = carried(apps.console.carried, meta.defaultLanguage)
          ? `"${meta.defaultLanguage}"`
          : 'English';
        problems.push({
          severity: 'warning',
          file: 'pack.yaml',
          path: 'languages',
          message: `${APP_NAMES[app]} has no "${code}" texts yet; staff see it in ${fallback} (to add them: ${copy})`,
        });
      }
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
