import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  type AppTexts,
  catalogUnreviewedShare,
  type ParamOrder,
  type RawCatalogNode,
  type UnreviewedShare,
} from '@vangnet/core';
import { repoRoot } from '../config.ts';

/**
 * What the apps carry of their own texts, read from the apps' folders: the reporter app's source
 * catalog (the keys a pack's `catalogs/report/<lang>.json` must have) and the languages each app has.
 */
// From the repository root, not from this module: the compiled server (apps/server/dist/main.mjs) sits
// at another depth than this file, and a path relative to it pointed outside the apps.
const REPORT_I18N = join(repoRoot, 'apps/report/src/i18n/');
const CONSOLE_I18N = join(repoRoot, 'apps/console/src/lib/i18n/');

let cached: Promise<AppTexts> | undefined;

export function appTexts(): Promise<AppTexts> {
  cached ??= read();
  return cached;
}

async function read(): Promise<AppTexts> {
  const reportFiles = await readdir(`${REPORT_I18N}catalogs`);
  const source = JSON.parse(await readFile(`${REPORT_I18N}catalogs/en.json`, 'utf8')) as RawCatalogNode;
  const order = JSON.parse(await readFile(`${REPORT_I18N}param-order.json`, 'utf8')) as ParamOrder;
  // The console's English is its text module; other languages are i18n/<lang>.ts.
  const consoleFiles = await readdir(CONSOLE_I18N);
  const carried = reportFiles.filter((f) => f.endsWith('.json')).map((f) => f.slice(0, -'.json'.length));
  // How much of each carried catalog is marked "@@unreviewed", for `pack check`'s notice.
  const shares: Record<string, UnreviewedShare> = {};
  for (const lang of carried) {
    shares[lang] = catalogUnreviewedShare(
      JSON.parse(await readFile(`${REPORT_I18N}catalogs/${lang}.json`, 'utf8')),
    );
  }
  return {
    report: { source, order, carried, shares },
    console: {
      carried: [
        'en',
        ...consoleFiles.filter((f) => /^[a-z]{2,3}\.ts$/.test(f)).map((f) => f.slice(0, -'.ts'.length)),
      ],
    },
  };
}
