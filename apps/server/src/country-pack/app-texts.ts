import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  type AppTexts,
  CATALOG_APPS,
  catalogUnreviewedShare,
  type ParamOrder,
  type RawCatalogNode,
  type UnreviewedShare,
} from '@vangnet/core';
import { repoRoot } from '../config.ts';

/**
 * What the apps carry of their own texts, read from the apps' folders: each app's source catalog (the
 * keys a pack's `catalogs/<app>/<lang>.json` must have) and the languages it has.
 */
// From the repository root, not from this module: the compiled server (apps/server/dist/main.mjs) sits
// at another depth than this file, and a path relative to it pointed outside the apps.
const i18nDir = (app: string) => join(repoRoot, `apps/${app}/src/i18n/`);

let cached: Promise<AppTexts> | undefined;

export function appTexts(): Promise<AppTexts> {
  cached ??= read();
  return cached;
}

async function readApp(app: string): Promise<AppTexts[keyof AppTexts]> {
  const dir = i18nDir(app);
  const files = await readdir(`${dir}catalogs`);
  const source = JSON.parse(await readFile(`${dir}catalogs/en.json`, 'utf8')) as RawCatalogNode;
  const orderFile = `${dir}param-order.json`;
  const order = existsSync(orderFile) ? (JSON.parse(await readFile(orderFile, 'utf8')) as ParamOrder) : {};
  const carried = files.filter((f) => f.endsWith('.json')).map((f) => f.slice(0, -'.json'.length));
  // How much of each carried catalog is marked "@@unreviewed", for `pack check`'s notice.
  const shares: Record<string, UnreviewedShare> = {};
  for (const lang of carried) {
    shares[lang] = catalogUnreviewedShare(JSON.parse(await readFile(`${dir}catalogs/${lang}.json`, 'utf8')));
  }
  return {
    source,
    order,
    carried,
    shares,
  };
}

async function read(): Promise<AppTexts> {
  const entries = await Promise.all(CATALOG_APPS.map(async (app) => [app, await readApp(app)] as const));
  return Object.fromEntries(entries) as AppTexts;
}
