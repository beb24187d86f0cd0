import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type PublicPack, publicPack } from '@vangnet/core/pack/public';
import type { OpeningHours } from '@vangnet/core/pack/schema';
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

  it('says on the help screen which calls are free and when each channel is open; unconfirmed hours carry the note', async () => {
    // The NL pack as it is, except that nobody confirmed De Kindertelefoon's hours in this copy.
    const dutch = publicPack(await loadCountryPack(join(packsDir, 'NL')));
    const page = await appWith({
      ...dutch,
      services: dutch.services.map((s) =>
        s.id === 'kindertelefoon' ? { ...s, unverified: [...(s.unverified ?? []), 'hours'] } : s,
      ),
    });
    await page.getByRole('button', { name: new RegExp(t.startWhatCanIDo) }).click();
    await page.locator('h1', { hasText: t.helpTitle }).waitFor();
    const service = (name: string) =>
      page.locator('li', { has: page.getByRole('heading', { name, exact: true }) });
    // De Kindertelefoon: free, calls and chat every day 11:00–21:00, each with the note by its hours.
    const kt = service('De Kindertelefoon');
    const ktCall = kt.getByTestId('reach-call');
    await ktCall.getByRole('link', { name: t.crisisCall('0800-0432') }).waitFor();
    await expect
      .poll(() => ktCall.locator('.reach-when').innerText())
      .toMatch(new RegExp(`^${t.reachFree} · ${t.crisisHours}: .*11:00–21:00\\s*${t.checkNote}`));
    await expect
      .poll(() => kt.getByTestId('reach-chat').locator('.reach-when').innerText())
      .toMatch(new RegExp(`^${t.crisisHours}: .*11:00–21:00\\s*${t.checkNote}`));
    // 113: confirmed, free and open day and night; shown as fact, without a note.
    const line113 = service('113 Zelfmoordpreventie');
    await expect
      .poll(() => line113.locator('.reach-when').allInnerTexts())
      .toEqual([`${t.reachFree} · ${t.crisisAlways}`, `${t.reachFree} · ${t.crisisAlways}`, t.crisisAlways]);
    await expect.poll(() => line113.locator('.check-note').count()).toBe(0);
    // The police's 0900 number is neither free nor given hours: nothing is said under it.
    const police = service('Politie');
    await police.getByRole('link', { name: t.crisisCall('0900-8844') }).waitFor();
    await expect.poll(() => police.getByTestId('reach-call').nth(1).locator('.reach-when').count()).toBe(0);
    expect(await axe(page)).toEqual([]);
    await page.context().close();
  });

  it('lists every channel of a crisis line on "Help now", saying only hours that differ from the line', async () => {
    // De Kindertelefoon's line with a number that also takes text messages and a chat with hours of its own.
    const dutch = publicPack(await loadCountryPack(join(packsDir, 'NL')));
    const afternoons: OpeningHours = [
      { days: ['mon', 'tue', 'wed', 'thu', 'fri'], open: '14:00', close: '21:00' },
    ];
    const page = await crisisScreenWith({
      ...dutch,
      crisis: dutch.crisis.map((line) =>
        line.id === 'someone-to-talk-to'
          ? {
              ...line,
              phones: line.phones.map((p) => ({ ...p, ways: ['call' as const, 'text' as const] })),
              ...(line.chat ? { chat: { ...line.chat, hours: afternoons } } : {}),
            }
          : line,
      ),
    });
    const kt = lineNamed(page, 'De Kindertelefoon');
    await expect
      .poll(() => kt.getByRole('link', { name: t.reachText('0800-0432') }).getAttribute('href'))
      .toBe('sms:+318000432');
    await expect.poll(() => kt.locator('p.hours').innerText()).toMatch(/11:00–21:00/);
    // The call and the text message share the line's hours: said once, above; each says it is free.
    await expect
      .poll(() => kt.locator('[data-testid="reach-call"], [data-testid="reach-text"]').allInnerTexts())
      .toEqual([
        expect.stringMatching(new RegExp(`\\n${t.reachFree}$`)),
        expect.stringMatching(new RegExp(`\\n${t.reachFree}$`)),
      ]);
    await expect
      .poll(() => kt.getByTestId('reach-chat').locator('.reach-when').innerText())
      .toMatch(new RegExp(`^${t.crisisHours}: .*14:00–21:00$`));
    await expect.poll(() => kt.locator('.check-note').count()).toBe(0);
    // 113 is open day and night, its phones and chat too: said once, for the line.
    const line113 = lineNamed(page, '113 Zelfmoordpreventie');
    await expect.poll(() => line113.getByText(t.crisisAlways).count()).toBe(1);
    expect(await axe(page)).toEqual([]);
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
