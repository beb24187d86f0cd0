import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadConfig } from '../apps/server/src/config.ts';
import { launchBrowser } from './support/browser.ts';
import { axe, heading, phoneContext, type ReportServer, startReportServer } from './support/report-app.ts';

// A Flemish child whose first visit cannot fetch the country pack (a failing network, a blocked request)
// must still get Flanders' crisis numbers: the server writes the active pack's lines into the page itself.
// The Dutch pack's numbers must not appear: they do not work in Belgium.
let app: ReportServer;
let browser: Browser;

/** Every number a pack's crisis lines and services list, as dialled and as shown. */
function numbersOf(pack: string): Set<string> {
  type Phones = { phones?: { number: string; display?: string }[] }[];
  const dir = join(import.meta.dirname, '../country-packs', pack);
  const read = (file: string) => parse(readFileSync(join(dir, file), 'utf8')) as Record<string, Phones>;
  const phones = [...(read('crisis.yaml').lines ?? []), ...(read('services.yaml').services ?? [])].flatMap(
    (l) => l.phones ?? [],
  );
  return new Set(phones.flatMap((p) => [p.number, ...(p.display ? [p.display] : [])]));
}
const flemish = numbersOf('BE-VL');
/** The Dutch pack's numbers that do not work in Belgium (112 is the same in both). */
const dutchOnly = [...numbersOf('NL')].filter((n) => !flemish.has(n));

beforeAll(async () => {
  // The folder the server itself takes for COUNTRY_PACK=BE-VL.
  app = await startReportServer({ countryPackDir: loadConfig({ COUNTRY_PACK: 'BE-VL' }).countryPackDir });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

describe('crisis help on a first load without the pack', () => {
  it('BE-VL: shows 101, 112 and 1813 from the page, and no Dutch number', async () => {
    const context = await phoneContext(browser, 'nl-BE');
    // The pack request fails; nothing was ever cached in this fresh context.
    let failed = 0;
    await context.route('**/api/v1/pack', (route) => {
      failed += 1;
      return route.abort('failed');
    });
    const page = await context.newPage();
    await page.goto(app.url);
    // The app did ask for the pack, and got nothing.
    await expect.poll(() => failed).toBeGreaterThan(0);
    await expect.poll(() => page.getAttribute('html', 'lang')).toBe('nl');
    await page.getByRole('button', { name: /Ik heb nu hulp nodig/ }).click();
    await expect.poll(() => heading(page)).toBe('Nu meteen hulp');
    for (const number of ['101', '112', '1813']) {
      await expect.poll(() => page.locator(`a[href="tel:${number}"]`).count()).toBeGreaterThan(0);
    }
    await expect.poll(() => page.getByText('Denk je aan zelfmoord? Bel 1813.').isVisible()).toBe(true);
    const body = await page.locator('body').innerText();
    expect(dutchOnly).toEqual(expect.arrayContaining(['113', '0800-0113', '0800-0432']));
    for (const dutch of [...dutchOnly, 'Kindertelefoon']) {
      const escaped = dutch.replace(/[+]/g, '\\+');
      expect(body).not.toMatch(new RegExp(`(^|[^0-9])${escaped}([^0-9]|$)`));
    }
    const links = await page
      .locator('a[href^="tel:"]')
      .evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    expect(links.filter((href) => dutchOnly.includes(href?.slice(4) ?? ''))).toEqual([]);
    expect(links.filter((href) => href?.startsWith('tel:+31'))).toEqual([]);
    expect(await axe(page)).toEqual([]);
    await context.close();
  });
});
