import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from './support/browser.ts';
import {
  axe,
  heading,
  phoneContext,
  type ReportServer,
  shot,
  startReportServer,
} from './support/report-app.ts';
import { catalogs, sendFromReview, walkToReview } from './support/report-walk.ts';

// axe (WCAG 2.0–2.2 A/AA) on every screen in each complete language, the whole report flow with the
// keyboard alone, and the language switcher. Screenshots of every screen go to screenshots/report/.
let app: ReportServer;
let browser: Browser;
let image = '';

beforeAll(async () => {
  app = await startReportServer();
  browser = await launchBrowser();
  image = join(mkdtempSync(join(tmpdir(), 'vangnet-e2e-img-')), 'shot.png');
  await sharp({ create: { width: 320, height: 560, channels: 3, background: { r: 250, g: 200, b: 40 } } })
    .png()
    .toFile(image);
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

const LOCALES = { nl: 'nl-NL', en: 'en-GB', fr: 'fr-BE' } as const;

async function checked(page: Page, name: string): Promise<void> {
  expect(await axe(page), `axe on ${name}`).toEqual([]);
  await shot(page, name);
}

describe('reporter app: accessibility', () => {
  for (const lang of ['nl', 'en', 'fr'] as const) {
    it(`has no axe violations on the start, crisis, help, route map and follow-up screens (${lang})`, async () => {
      const t = catalogs[lang];
      const context = await phoneContext(browser, LOCALES[lang]);
      const page = await context.newPage();
      await page.goto(app.url);
      await page.locator('h1', { hasText: t.startTitle }).waitFor();
      await expect.poll(() => page.getAttribute('html', 'lang')).toBe(lang);
      await checked(page, `start-${lang}`);
      await page.getByRole('button', { name: t.helpNow, exact: true }).click();
      await page.locator('h1', { hasText: t.crisisTitle }).waitFor();
      await checked(page, `crisis-${lang}`);
      await page.getByRole('button', { name: t.back }).click();
      await page.getByRole('button', { name: new RegExp(t.startWhatCanIDo) }).click();
      await page.locator('h1', { hasText: t.helpTitle }).waitFor();
      await checked(page, `help-${lang}`);
      await page.getByRole('button', { name: t.helpRouteMap }).click();
      await page.locator('h1', { hasText: t.routesTitle }).waitFor();
      await checked(page, `routes-young-${lang}`);
      await page.getByRole('button', { name: t.routesParents }).click();
      await checked(page, `routes-parents-${lang}`);
      await page.getByRole('button', { name: t.routesSchools }).click();
      await checked(page, `routes-schools-${lang}`);
      await page.getByRole('button', { name: t.back }).click();
      await page.getByRole('button', { name: t.back }).click();
      await page.getByRole('button', { name: new RegExp(t.startFollow) }).click();
      await page.locator('h1', { hasText: t.followTitle }).waitFor();
      await checked(page, `follow-${lang}`);
      await context.close();
    });
  }

  for (const lang of ['en', 'fr'] as const) {
    it(`has no axe violations on any screen of the report flow (${lang})`, async () => {
      const t = catalogs[lang];
      const context = await phoneContext(browser, LOCALES[lang]);
      const page = await context.newPage();
      await page.goto(app.url);
      await walkToReview(page, {
        t,
        images: [image],
        pasted: 'a pasted message',
        story: 'story',
        pin: '9753',
        check: (screen) => checked(page, `flow-${screen}-${lang}`),
      });
      await sendFromReview(page, { t });
      await checked(page, `flow-receipt-${lang}`);
      await context.close();
    });
  }

  it('completes the whole report flow with the keyboard alone', async () => {
    const t = catalogs.en;
    const context = await phoneContext(browser, 'en-GB');
    const page = await context.newPage();
    await page.goto(app.url);
    await walkToReview(page, {
      t,
      keyboard: true,
      story: 'Typed with the keyboard only.',
      pasted: 'A message typed with the keyboard.',
      pin: '8642',
    });
    await expect.poll(() => page.getByText(t.vaultCount(1)).isVisible()).toBe(true);
    const code = await sendFromReview(page, { t, keyboard: true });
    expect(code).toMatch(/^(\d{3} ){6}\d{3}$/);
    await context.close();
  });

  it('switches language on any screen, and the page says which language it is in', async () => {
    const context = await phoneContext(browser, 'en-GB');
    const page = await context.newPage();
    await page.goto(app.url);
    await page.getByRole('button', { name: new RegExp(catalogs.en.startReport) }).click();
    await page.locator('h1', { hasText: catalogs.en.whoTitle }).waitFor();
    await page.getByLabel(catalogs.en.language).selectOption('de');
    await page.locator('h1', { hasText: catalogs.de.whoTitle }).waitFor();
    await expect.poll(() => page.getAttribute('html', 'lang')).toBe('de');
    expect(await axe(page)).toEqual([]);
    await shot(page, 'flow-who-de');
    await page.getByLabel(catalogs.de.language).selectOption('fr');
    await page.locator('h1', { hasText: catalogs.fr.whoTitle }).waitFor();
    await expect.poll(() => page.getAttribute('html', 'lang')).toBe('fr');
    await page.reload();
    await expect.poll(() => heading(page)).toBe(catalogs.fr.whoTitle);
    await context.close();
  });
});
