import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from './support/browser.ts';
import { axe, phoneContext, type ReportServer, shot, startReportServer } from './support/report-app.ts';
import { catalogs, sendFromReview, walkToReview } from './support/report-walk.ts';

// The languages the app carries beyond the pack's own (issue 13): a browser in the language lands in it
// on its first visit, every screen passes axe in it, and a teenager completes a report. Arabic is right
// to left: the page says so and its layout is mirrored. Add a language by adding a row.
const LANGUAGES = [
  { lang: 'tr', locale: 'tr-TR', dir: 'ltr', story: 'Grupta hakkımda kötü şeyler yazdılar.' },
  { lang: 'ar', locale: 'ar-MA', dir: 'rtl', story: 'كتبوا عني أشياء سيئة في المجموعة.' },
  { lang: 'uk', locale: 'uk-UA', dir: 'ltr', story: 'У груповому чаті про мене пишуть гидкі речі.' },
  { lang: 'pl', locale: 'pl-PL', dir: 'ltr', story: 'Na czacie grupowym piszą o mnie przykre rzeczy.' },
] as const;

let app: ReportServer;
let browser: Browser;
let image = '';

beforeAll(async () => {
  app = await startReportServer();
  browser = await launchBrowser();
  image = join(mkdtempSync(join(tmpdir(), 'vangnet-e2e-img-')), 'shot.png');
  await sharp({ create: { width: 320, height: 560, channels: 3, background: { r: 40, g: 120, b: 200 } } })
    .png()
    .toFile(image);
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

async function checked(page: Page, name: string): Promise<void> {
  expect(await axe(page), `axe on ${name}`).toEqual([]);
  await shot(page, name);
}

/** Left edges of the back arrow and of "Leave fast" in the top bar, and whether the arrow is turned round. */
function barLayout(page: Page) {
  return page.evaluate(() => {
    const back = document.querySelector('.bar-back')?.getBoundingClientRect();
    const exit = document.querySelector('.bar-exit')?.getBoundingClientRect();
    const arrow = document.querySelector('.bar-back .flip-rtl');
    return {
      back: back?.left ?? -1,
      exit: exit?.left ?? -1,
      arrow: arrow ? getComputedStyle(arrow).transform : '',
    };
  });
}

describe.each(LANGUAGES)('reporter app in $lang ($locale, $dir)', ({ lang, locale, dir, story }) => {
  const t = catalogs[lang];

  it('lands in the language on a first visit, and every help screen passes axe', async () => {
    const context = await phoneContext(browser, locale);
    const page = await context.newPage();
    await page.goto(app.url);
    await page.locator('h1', { hasText: t.startTitle }).waitFor();
    await expect.poll(() => page.getAttribute('html', 'lang')).toBe(lang);
    await expect.poll(() => page.getAttribute('html', 'dir')).toBe(dir);
    await expect.poll(() => page.locator('#lang').inputValue()).toBe(lang);
    // The pack greets in this language (texts/<lang>.yaml): the greeting needs no lang of its own. A language
    // without one gets the default language's, marked as such (packages/ui/src/brand-greeting.test.ts).
    await expect.poll(() => page.getByTestId('brand-greeting').locator('p').getAttribute('lang')).toBeNull();
    await checked(page, `lang-start-${lang}`);

    await page.getByRole('button', { name: t.helpNow, exact: true }).click();
    await page.locator('h1', { hasText: t.crisisTitle }).waitFor();
    await checked(page, `lang-crisis-${lang}`);
    // Phone numbers stay one left-to-right run inside a right-to-left sentence.
    const call = page.locator('a[href^="tel:"]').first();
    await expect.poll(() => call.innerText()).toMatch(dir === 'rtl' ? /\u2066[+\d][\d ]*\u2069/ : /\d/);
    await page.getByRole('button', { name: t.back }).click();

    await page.getByRole('button', { name: new RegExp(t.startWhatCanIDo) }).click();
    await page.locator('h1', { hasText: t.helpTitle }).waitFor();
    await checked(page, `lang-help-${lang}`);
    await page.getByRole('button', { name: t.helpRouteMap }).click();
    await page.locator('h1', { hasText: t.routesTitle }).waitFor();
    await checked(page, `lang-routes-${lang}`);
    await page.getByRole('button', { name: t.back }).click();
    await page.getByRole('button', { name: t.kcSituation }).click();
    await page.locator('h1', { hasText: t.kcSituationTitle }).waitFor();
    await checked(page, `lang-situation-${lang}`);
    await page.getByRole('button', { name: t.back }).click();
    await page.getByRole('button', { name: t.back }).click();

    // Worried about what you did yourself: the choice and one of its paths.
    await page.getByRole('button', { name: t.startOwn }).click();
    await page.locator('h1', { hasText: t.ownTitle }).waitFor();
    await checked(page, `lang-own-${lang}`);
    await page.getByRole('button', { name: t.ownRegret }).click();
    await page.locator('h1', { hasText: t.ownRegret }).waitFor();
    await expect.poll(() => page.getByRole('heading', { name: t.ownWho }).count()).toBe(1);
    await checked(page, `lang-own-regret-${lang}`);
    await page.getByRole('button', { name: t.back }).click();
    await page.getByRole('button', { name: t.back }).click();

    await page.getByRole('button', { name: new RegExp(t.startFollow) }).click();
    await page.locator('h1', { hasText: t.followTitle }).waitFor();
    await checked(page, `lang-follow-${lang}`);
    await context.close();
  });

  it('a teenager completes a report; every screen passes axe; the layout follows the direction', async () => {
    const context = await phoneContext(browser, locale);
    const page = await context.newPage();
    await page.goto(app.url);
    let measured = false;
    await walkToReview(page, {
      t,
      role: 'self',
      ageBand: '13-15',
      images: [image],
      story,
      pin: '4826',
      check: async (screen) => {
        await checked(page, `lang-flow-${screen}-${lang}`);
        if (screen !== 'what' || measured) return;
        measured = true;
        // Mirrored: in Arabic the back arrow is on the right and "Leave fast" on the left, the arrow turned round.
        await expect
          .poll(async () => {
            const bar = await barLayout(page);
            return dir === 'rtl' ? bar.back > bar.exit : bar.back < bar.exit;
          })
          .toBe(true);
        const bar = await barLayout(page);
        expect(bar.arrow).toBe(dir === 'rtl' ? 'matrix(-1, 0, 0, 1, 0, 0)' : 'none');
      },
    });
    expect(measured).toBe(true);
    const code = await sendFromReview(page, { t });
    expect(code).toMatch(/^(\d{3} ){6}\d{3}$/);
    await expect.poll(() => page.getByTestId('receipt-code').getAttribute('dir')).toBe('ltr');
    await checked(page, `lang-flow-receipt-${lang}`);
    await context.close();
  });
});
