import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type PublicPack, publicPack } from '@vangnet/core/pack/public';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withPackWording } from '../apps/report/src/i18n/pack-wording.ts';
import { loadCountryPack } from '../apps/server/src/country-pack/load.ts';
import { launchBrowser } from './support/browser.ts';
import { axe, phoneContext, type ReportServer, startReportServer } from './support/report-app.ts';
import { catalogs } from './support/report-walk.ts';

// What a child reads must be true: pack data marked `unverified` is shown with a visible "check before
// you call" note, or left out (a lead time), never as fact. The real app in Chromium is fed the real
// BE-VL pack, and an NL pack whose "someone to talk to" hours are marked unverified, through its own
// /api/v1/pack request (the server runs the NL pack; only what the app reads is swapped).
const packsDir = fileURLToPath(new URL('../country-packs/', import.meta.url));
const t = catalogs.nl;
let app: ReportServer;
let browser: Browser;
let flemish: PublicPack;
let dutchUnchecked: PublicPack;

beforeAll(async () => {
  app = await startReportServer();
  browser = await launchBrowser();
  flemish = publicPack(await loadCountryPack(join(packsDir, 'BE-VL')));
  const dutch = publicPack(await loadCountryPack(join(packsDir, 'NL')));
  dutchUnchecked = {
    ...dutch,
    crisis: dutch.crisis.map((line) =>
      line.id === 'someone-to-talk-to' ? { ...line, unverified: true } : line,
    ),
  };
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

/** A phone whose app reads `pack` from the server, on the start screen. */
async function appWith(pack: PublicPack): Promise<Page> {
  const context = await phoneContext(browser, 'nl-NL');
  await context.route('**/api/v1/pack', (route) => route.fulfill({ json: pack }));
  const page = await context.newPage();
  // Wait for the app to have the pack it was given before reading anything from it.
  const served = page.waitForResponse('**/api/v1/pack');
  await page.goto(app.url);
  await served;
  await page.locator('h1', { hasText: t.startTitle }).waitFor();
  return page;
}

/** The same, on the "Help now" screen. */
async function crisisScreenWith(pack: PublicPack): Promise<Page> {
  const page = await appWith(pack);
  await page
    .getByRole('button', { name: new RegExp(t.startNeedHelp) })
    .first()
    .click();
  await page.locator('h1', { hasText: t.crisisTitle }).waitFor();
  return page;
}

const lineNamed = (page: Page, name: string) =>
  page.locator('li.line').filter({ has: page.getByRole('heading', { name, exact: true }) });

describe('unverified pack data in the reporter app', () => {
  it('never shows Awel (BE-VL) as open day and night: its unknown hours say "check before you call"', async () => {
    const page = await crisisScreenWith(flemish);
    // BE-VL words some app texts its own (Flemish) way: read them as the app shows them.
    const tf = withPackWording(t, flemish.texts.nl);
    const awel = lineNamed(page, 'Awel');
    await awel.getByText(tf.crisisHoursUnknown).waitFor();
    await expect.poll(() => awel.innerText()).not.toContain(t.crisisAlways);
    // 1813 answers day and night (confirmed, with a source in the pack): shown as fact, without a note.
    const line1813 = lineNamed(page, 'Zelfmoordlijn 1813');
    await line1813.getByText(t.crisisAlways).waitFor();
    await expect.poll(() => line1813.locator('.check-note').count()).toBe(0);
    expect(await axe(page)).toEqual([]);
    await page.context().close();
  });

  it('shows unverified hours with the visible check note next to them', async () => {
    const page = await crisisScreenWith(dutchUnchecked);
    const hours = lineNamed(page, 'De Kindertelefoon').locator('p.hours');
    await hours.getByText(t.checkNote).waitFor();
    await expect.poll(() => hours.innerText()).toMatch(new RegExp(`^${t.crisisHours}: .*11:00–21:00`));
    // A confirmed line keeps its plain hours.
    const line113 = lineNamed(page, '113 Zelfmoordpreventie');
    await line113.getByText(t.crisisAlways).waitFor();
    await expect.poll(() => line113.locator('.check-note').count()).toBe(0);
    await page.context().close();
  });

  it('leaves unagreed lead times out of the route map and marks an unchecked number', async () => {
    const page = await appWith(flemish);
    await page.getByRole('button', { name: new RegExp(t.startWhatCanIDo) }).click();
    await page.getByRole('button', { name: t.helpRouteMap }).click();
    await page.locator('h1', { hasText: t.routesTitle }).waitFor();
    // Child Focus: its 116 000 line is unconfirmed, so the call button carries the note.
    const childFocus = page
      .locator('li.line')
      .filter({ has: page.getByRole('heading', { name: 'Child Focus' }) });
    await childFocus.getByRole('link', { name: t.crisisCall('116 000') }).waitFor();
    await childFocus.getByText(withPackWording(t, flemish.texts.nl).checkNote).waitFor();
    // Every lead time in BE-VL is still to be agreed with the partner: none is shown as a promise.
    await expect
      .poll(() => page.locator('main').innerText())
      .not.toContain(t.routesWithin('§').split('§')[0]?.trim());
    await page.context().close();
  });
});
