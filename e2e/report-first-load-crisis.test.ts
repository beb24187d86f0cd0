import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from './support/browser.ts';
import { axe, heading, phoneContext, type ReportServer, startReportServer } from './support/report-app.ts';

// A Flemish child whose first visit cannot fetch the country pack (a failing network, a blocked request)
// must still get Flanders' crisis numbers: the server writes the active pack's lines into the page itself.
// The Dutch pack's numbers must not appear: they do not work in Belgium.
let app: ReportServer;
let browser: Browser;

beforeAll(async () => {
  app = await startReportServer({ countryPackDir: join(import.meta.dirname, '../country-packs/BE-VL') });
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
    await context.route('**/api/v1/pack', (route) => route.abort('failed'));
    const page = await context.newPage();
    await page.goto(app.url);
    await expect.poll(() => page.getAttribute('html', 'lang')).toBe('nl');
    await page.getByRole('button', { name: /Ik heb nu hulp nodig/ }).click();
    await expect.poll(() => heading(page)).toBe('Nu meteen hulp');
    for (const number of ['101', '112', '1813']) {
      await expect.poll(() => page.locator(`a[href="tel:${number}"]`).count()).toBeGreaterThan(0);
    }
    await expect.poll(() => page.getByText('Denk je aan zelfmoord? Bel 1813.').isVisible()).toBe(true);
    const body = await page.locator('body').innerText();
    for (const dutch of ['113', '0800-0113', '0800-0432', 'Kindertelefoon']) {
      expect(body).not.toMatch(new RegExp(`(^|[^0-9])${dutch}([^0-9]|$)`));
    }
    expect(await page.locator('a[href="tel:113"], a[href="tel:+318000113"]').count()).toBe(0);
    expect(await axe(page)).toEqual([]);
    await context.close();
  });
});
