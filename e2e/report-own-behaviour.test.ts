import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type PublicPack, publicPack } from '@vangnet/core/pack/public';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withPackWording } from '../apps/report/src/i18n/pack-wording.ts';
import { loadCountryPack } from '../apps/server/src/country-pack/load.ts';
import { launchBrowser } from './support/browser.ts';
import { axe, phoneContext, type ReportServer, shot, startReportServer } from './support/report-app.ts';
import { catalogs, tabTo } from './support/report-walk.ts';

// Someone worried about their own behaviour finds help without blame and without a report: from the start
// screen, keyboard only, at 360×740, in Dutch, to Stop it Now's number. Every request the browser makes on
// the way is recorded: only GETs of the app's own files, its pack and its config, never a report, never
// another host. axe in light and dark on each new screen. BE-VL's pack shows Stop it Now Vlaanderen.
const packsDir = fileURLToPath(new URL('../country-packs/', import.meta.url));
const t = catalogs.nl;
let app: ReportServer;
let browser: Browser;
let flemish: PublicPack;

beforeAll(async () => {
  app = await startReportServer();
  browser = await launchBrowser();
  flemish = publicPack(await loadCountryPack(join(packsDir, 'BE-VL')));
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

interface Sent {
  method: string;
  url: string;
}

/** A Dutch phone on the start screen, once the pack has come (the choice is offered from the pack). */
async function startScreen(
  pack?: PublicPack,
): Promise<{ page: Page; context: BrowserContext; sent: Sent[] }> {
  const context = await phoneContext(browser, 'nl-NL');
  if (pack) await context.route('**/api/v1/pack', (route) => route.fulfill({ json: pack }));
  const sent: Sent[] = [];
  // The context sees the service worker's requests too, not only the page's.
  context.on('request', (r) => sent.push({ method: r.method(), url: r.url() }));
  const page = await context.newPage();
  await page.goto(app.url);
  await page.locator('h1', { hasText: t.startTitle }).waitFor();
  await page.getByRole('button', { name: new RegExp(t.startOwn) }).waitFor();
  return { page, context, sent };
}

/** Zero axe violations in light and in dark mode. */
async function axeBoth(page: Page, where: string): Promise<void> {
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    expect(await axe(page), `axe on ${where} (${colorScheme})`).toEqual([]);
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

async function waitForScreen(page: Page, title: string): Promise<void> {
  await page.locator('h1', { hasText: title }).waitFor();
  await page.waitForFunction(() => document.activeElement?.tagName === 'H1');
  // Quick exit and crisis help stay on these screens too (the shell), and the screen says nothing is sent.
  await expect.poll(() => page.getByRole('button', { name: t.quickExit }).isVisible()).toBe(true);
  await expect.poll(() => page.getByRole('button', { name: t.helpNow, exact: true }).isVisible()).toBe(true);
  await expect.poll(() => page.getByTestId('own-nothing-sent').innerText()).toBe(t.ownNothingSent);
}

const serviceNamed = (page: Page, name: string) =>
  page.locator('li.line').filter({ has: page.getByRole('heading', { name, exact: true }) });

describe('reporter app: worried about my own behaviour', () => {
  it('walks to Stop it Now by keyboard alone, and the browser sends nothing but GETs of the app itself', async () => {
    const { page, context, sent } = await startScreen();
    await tabTo(page, (f) => f.tag === 'button' && f.name.startsWith(t.startOwn));
    await page.keyboard.press('Enter');
    await waitForScreen(page, t.ownTitle);
    await axeBoth(page, 'the choice');
    await shot(page, 'own-behaviour-choice-nl');

    await tabTo(page, (f) => f.tag === 'button' && f.name.startsWith(t.ownMightDo));
    await page.keyboard.press('Enter');
    await waitForScreen(page, t.ownMightDo);
    await page
      .getByTestId('own-page')
      .getByRole('heading', { name: 'Zorgen over wat je zelf doet' })
      .waitFor();
    const stopItNow = serviceNamed(page, 'Stop it Now!');
    await stopItNow.getByText(t.ownAnonymous).waitFor();
    // Its number is not confirmed yet: the call link carries the "check before you call" note.
    const call = stopItNow.getByRole('link', { name: t.crisisCall('0800-266 64 36') });
    await expect.poll(() => call.getAttribute('href')).toBe('tel:+318002666436');
    await stopItNow.getByText(t.checkNote).first().waitFor();
    await stopItNow.getByRole('link', { name: `${t.crisisChat}: Stop it Now!` }).waitFor();
    // Reached with the keyboard alone.
    await tabTo(page, (f) => f.tag === 'a' && f.name.startsWith(t.crisisCall('0800-266 64 36')), 80);
    await axeBoth(page, '"what I might do"');
    await shot(page, 'own-behaviour-might-do-nl');

    // Nothing left the phone but GETs of the app's own files, its pack and its config, and the service
    // worker's check that those files are a signed build (/api/v1/builds).
    const loading = ['/api/v1/pack', '/api/v1/config', '/api/v1/builds'];
    const origin = new URL(app.url).origin;
    expect(sent.length).toBeGreaterThan(0);
    for (const request of sent) {
      const url = new URL(request.url);
      expect(`${request.method} ${request.url}`).toMatch(/^GET /);
      expect(url.origin, request.url).toBe(origin);
      if (url.pathname.startsWith('/api/')) expect(loading).toContain(url.pathname);
    }
    expect(sent.some((r) => r.url.includes('/api/v1/reports'))).toBe(false);
    await context.close();
  });

  it('"I bullied someone" shows its page and the children’s line, not Stop it Now; "I regret" passes axe', async () => {
    const { page, context, sent } = await startScreen();
    await page.getByRole('button', { name: new RegExp(t.startOwn) }).click();
    await waitForScreen(page, t.ownTitle);
    await page.getByRole('button', { name: new RegExp(t.ownMakeItRight) }).click();
    await waitForScreen(page, t.ownMakeItRight);
    const own = page.getByTestId('own-page');
    await own.getByRole('heading', { name: 'Ik heb iemand gepest en wil het goedmaken' }).waitFor();
    // Plain paragraphs, Markdown marks gone.
    await own.getByText('Stuur geen berichten meer over die persoon.', { exact: false }).waitFor();
    await expect.poll(() => own.innerText()).not.toMatch(/\*\*|^#|^- /m);
    await serviceNamed(page, 'De Kindertelefoon').waitFor();
    await expect.poll(() => serviceNamed(page, 'Stop it Now!').count()).toBe(0);
    await axeBoth(page, '"make it right"');
    await shot(page, 'own-behaviour-make-it-right-nl');

    await page.goBack();
    await waitForScreen(page, t.ownTitle);
    await page.getByRole('button', { name: new RegExp(t.ownRegret) }).click();
    await waitForScreen(page, t.ownRegret);
    await serviceNamed(page, 'Stop it Now!').waitFor();
    await axeBoth(page, '"I regret"');
    expect(sent.filter((r) => r.method !== 'GET')).toEqual([]);
    await context.close();
  });

  it('BE-VL: Stop it Now Vlaanderen, in the pack’s Flemish wording', async () => {
    const { page, context, sent } = await startScreen(flemish);
    const tf = withPackWording(t, flemish.texts.nl);
    await page.getByRole('button', { name: new RegExp(tf.startOwn) }).click();
    await waitForScreen(page, tf.ownTitle);
    await page.getByRole('button', { name: new RegExp(tf.ownMightDo) }).click();
    await waitForScreen(page, tf.ownMightDo);
    const line = serviceNamed(page, 'Stop it Now! Vlaanderen');
    await expect
      .poll(() => line.getByRole('link', { name: tf.crisisCall('0800 200 50') }).getAttribute('href'))
      .toBe('tel:+3280020050');
    await serviceNamed(page, '1712').waitFor();
    await page
      .getByTestId('own-page')
      .getByRole('heading', { name: 'Zorgen over wat je zelf doet' })
      .waitFor();
    await axeBoth(page, '"what I might do" (BE-VL)');
    expect(sent.filter((r) => r.method !== 'GET')).toEqual([]);
    await context.close();
  });
});
