import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from './support/browser.ts';
import { type ReportServer, startReportServer } from './support/report-app.ts';
import { catalogs, sendFromReview, walkToReview } from './support/report-walk.ts';

// WCAG 1.4.4 (resize text) and 1.4.10 (reflow): a phone whose user set a large default text size
// (32 px, twice the usual 16 px) and a 320 px wide screen. Every screen must follow that setting
// (body text at least 28 px) and none may scroll sideways. Chromium's own default-font-size setting
// is set through CDP (Page.setFontSizes), the same preference a user changes in the browser settings.
let app: ReportServer;
let browser: Browser;
let image = '';

beforeAll(async () => {
  app = await startReportServer();
  browser = await launchBrowser();
  image = join(mkdtempSync(join(tmpdir(), 'vangnet-e2e-img-')), 'shot.png');
  await sharp({ create: { width: 320, height: 560, channels: 3, background: { r: 40, g: 160, b: 90 } } })
    .png()
    .toFile(image);
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

interface Measured {
  small: { text: string; size: number }[];
  scrollWidth: number;
  clientWidth: number;
}

/** Text elements a reader reads (not codes or hidden labels), their rendered size, and the page's width. */
function measure(page: Page): Promise<Measured> {
  return page.evaluate(() => {
    const selector = [
      'p',
      'label',
      'li',
      'legend',
      'button',
      'a',
      'select',
      'dt',
      'dd',
      '.option-text',
      '.choice-hint',
      '.option-hint',
      '.hint',
    ].join(',');
    const small: { text: string; size: number }[] = [];
    for (const el of document.querySelectorAll<HTMLElement>(selector)) {
      if (!el.getClientRects().length || el.closest('.visually-hidden, .hash-code, code')) continue;
      const text = (el.innerText ?? '').trim();
      if (!text) continue;
      const size = Number.parseFloat(getComputedStyle(el).fontSize);
      if (size < 28) small.push({ text: text.slice(0, 40), size });
    }
    return {
      small,
      scrollWidth: document.documentElement.scrollWidth,
      clientWidth: document.documentElement.clientWidth,
    };
  });
}

async function checkScreen(page: Page, screen: string): Promise<void> {
  const m = await measure(page);
  expect(m.small, `text under 28 px on ${screen}`).toEqual([]);
  expect(m.scrollWidth, `sideways scrolling on ${screen}`).toBeLessThanOrEqual(m.clientWidth);
}

async function largeTextPhone(lang: keyof typeof catalogs, locale: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 320, height: 640 }, locale, hasTouch: true });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Page.setFontSizes', { fontSizes: { standard: 32, fixed: 32 } });
  await page.goto(app.url);
  await page.locator('h1', { hasText: catalogs[lang].startTitle }).waitFor();
  return page;
}

describe('reporter app: large default text size, 320 px wide', () => {
  it('follows the browser default text size (16 px → 17 px body text, as before)', async () => {
    const context = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: 'nl-NL' });
    const page = await context.newPage();
    await page.goto(app.url);
    await page.locator('h1', { hasText: catalogs.nl.startTitle }).waitFor();
    await expect.poll(() => page.evaluate(() => getComputedStyle(document.body).fontSize)).toBe('17px');
    await context.close();
  });

  it('"Snel weg" is one Shift+Tab away from the heading each screen focuses, and its ring is drawn', async () => {
    const t = catalogs.nl;
    const page = await largeTextPhone('nl', 'nl-NL');
    for (const open of [null, t.startReport]) {
      if (open) {
        await page.getByRole('button', { name: new RegExp(open) }).click();
        await page.locator('h1', { hasText: t.whoTitle }).waitFor();
      }
      await page.waitForFunction(() => document.activeElement?.tagName === 'H1');
      await page.keyboard.press('Shift+Tab');
      await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe(t.quickExit);
      const ring = await page.evaluate(() => {
        const style = getComputedStyle(document.activeElement as Element);
        return { style: style.outlineStyle, width: Number.parseFloat(style.outlineWidth) };
      });
      expect(ring.style).toBe('solid');
      expect(ring.width).toBeGreaterThanOrEqual(3);
    }
    await page.context().close();
  });

  for (const [lang, locale] of [
    ['nl', 'nl-NL'],
    ['de', 'de-DE'],
    ['fr', 'fr-BE'],
  ] as const) {
    it(`start, help, knowledge centre, own behaviour, route map, crisis and follow-up screens at 32 px (${lang})`, async () => {
      const t = catalogs[lang];
      const page = await largeTextPhone(lang, locale);
      await expect
        .poll(() => page.evaluate(() => Number.parseFloat(getComputedStyle(document.body).fontSize)))
        .toBeGreaterThanOrEqual(32);
      await checkScreen(page, 'start');
      await page.getByRole('button', { name: t.helpNow, exact: true }).click();
      await page.locator('h1', { hasText: t.crisisTitle }).waitFor();
      await checkScreen(page, 'crisis');
      await page.getByRole('button', { name: t.back }).click();
      await page.getByRole('button', { name: new RegExp(t.startWhatCanIDo) }).click();
      await page.locator('h1', { hasText: t.helpTitle }).waitFor();
      await checkScreen(page, 'help');
      await page.getByRole('button', { name: t.helpRouteMap }).click();
      await page.locator('h1', { hasText: t.routesTitle }).waitFor();
      await checkScreen(page, 'routes-young');
      await page.getByRole('button', { name: t.routesParents }).click();
      await checkScreen(page, 'routes-parents');
      await page.getByRole('button', { name: t.routesSchools }).click();
      await checkScreen(page, 'routes-schools');
      await page.getByRole('button', { name: t.back }).click();
      await page.locator('h1', { hasText: t.helpTitle }).waitFor();
      // The knowledge centre: the first page of the list, then "what can I do" for a situation.
      await page.getByTestId('kc-list').getByRole('button').first().click();
      await page.locator('.kc-body').waitFor();
      await checkScreen(page, 'knowledge-centre page');
      await page.getByRole('button', { name: t.back }).click();
      await page.getByRole('button', { name: t.kcSituation }).click();
      await page.locator('h1', { hasText: t.kcSituationTitle }).waitFor();
      await checkScreen(page, 'situation');
      await page.getByRole('button', { name: t.back }).click();
      await page.locator('h1', { hasText: t.helpTitle }).waitFor();
      await page.getByRole('button', { name: t.back }).click();
      // Worried about my own behaviour: the choice and one path.
      await page.getByRole('button', { name: new RegExp(t.startOwn) }).click();
      await page.locator('h1', { hasText: t.ownTitle }).waitFor();
      await checkScreen(page, 'own behaviour');
      await page.getByRole('button', { name: new RegExp(t.ownMightDo) }).click();
      await page.getByTestId('own-page').waitFor();
      await checkScreen(page, 'own behaviour: might do');
      await page.getByRole('button', { name: t.back }).click();
      await page.getByRole('button', { name: t.back }).click();
      await page.getByRole('button', { name: new RegExp(t.startFollow) }).click();
      await page.locator('h1', { hasText: t.followTitle }).waitFor();
      await checkScreen(page, 'follow');
      await page.context().close();
    });
  }

  for (const [lang, locale] of [
    ['nl', 'nl-NL'],
    ['de', 'de-DE'],
  ] as const) {
    it(`every screen of the report flow, the receipt and the follow-up at 32 px (${lang})`, async () => {
      const t = catalogs[lang];
      const page = await largeTextPhone(lang, locale);
      await walkToReview(page, {
        t,
        images: [image],
        pasted: 'Een bericht',
        story: 'Wat er gebeurde.',
        pin: '2468',
        check: (screen) => checkScreen(page, screen),
      });
      await sendFromReview(page, { t });
      await checkScreen(page, 'receipt');
      await page.getByRole('button', { name: t.receiptFollow }).click();
      await page.locator('h1', { hasText: t.followTitle }).waitFor();
      await checkScreen(page, 'follow');
      await page.getByRole('button', { name: t.followOpen }).click();
      await page.getByTestId('status').waitFor({ timeout: 60_000 });
      await checkScreen(page, 'follow-open');
      await page.context().close();
    });
  }
});
