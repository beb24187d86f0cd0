import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  axe,
  type ConsoleServer,
  DESKTOP,
  ensureConsoleBuilt,
  startConsoleServer,
} from './console-fixtures.ts';
import { launchBrowser } from './support/browser.ts';

/**
 * Issue 19: a pack brings the console's texts for a language the project does not carry, and the
 * console speaks it with no code change. The fictional Irish pack (XG) with `catalogs/console/ga.json`:
 * the English source with the sign-in screen's words in Irish, enough to see where the texts came from.
 */
const source = JSON.parse(
  readFileSync(new URL('../apps/console/src/i18n/catalogs/en.json', import.meta.url), 'utf8'),
) as Record<string, Record<string, string>>;
const irish = {
  ...source,
  appName: 'Consól Vangnet',
  language: { ...source.language, menu: 'Teanga an chonsóil' },
  signIn: { ...source.signIn, title: 'Sínigh isteach' },
};

const packDir = mkdtempSync(join(tmpdir(), 'vangnet-pack-ga-'));
let server: ConsoleServer;
let browser: Browser;

beforeAll(async () => {
  ensureConsoleBuilt();
  cpSync(new URL('./fixtures/packs/XG', import.meta.url), packDir, { recursive: true });
  mkdirSync(join(packDir, 'catalogs/console'), { recursive: true });
  writeFileSync(join(packDir, 'catalogs/console/ga.json'), JSON.stringify(irish));
  server = await startConsoleServer({ countryPackDir: packDir });
  browser = await launchBrowser();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  rmSync(packDir, { recursive: true, force: true });
});

describe('a console language the pack brings (XG, Irish)', () => {
  it('opens in Irish for a ga-IE browser, offers it by its own name, and switches to English', async () => {
    const page = await (await browser.newContext({ viewport: DESKTOP, locale: 'ga-IE' })).newPage();
    await page.goto(`${server.url}/console/`);
    await page.getByRole('heading', { name: 'Sínigh isteach' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('ga');
    const menu = page.getByLabel('Teanga an chonsóil');
    await expect.poll(() => menu.locator('option').allTextContents()).toEqual(['Gaeilge', 'English']);
    expect(await axe(page)).toEqual([]);
    await menu.selectOption('en');
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    await page.context().close();
  });
});
