import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import {
  type ConsoleServer,
  axe as consoleAxe,
  DESKTOP,
  ensureConsoleBuilt,
  signIn,
  startConsoleServer,
  submitReport,
} from './console-fixtures.ts';
import { launchBrowser, MOBILE_VIEWPORT } from './support/browser.ts';
import { axe, ensureReportBuild } from './support/report-app.ts';
import { catalogs, sendFromReview, walkToReview } from './support/report-walk.ts';

// One design system, a country's own brand as data: the same build shows Helpwanted with COUNTRY_PACK=NL
// and 1712 with BE-VL (start screen, receipt, console header), passes axe in dark mode, and moves nothing
// when the reader asks for reduced motion. One browser; one server per pack.
const packs = ['NL', 'BE-VL'] as const;
const servers = new Map<string, ConsoleServer>();
let browser: Browser;

type Branding = { appName: string; colours: { primary: string }; dark: { primary: string } };
const packsDir = join(import.meta.dirname, '../country-packs');
const brandingOf = (code: string) =>
  (parse(readFileSync(join(packsDir, code, 'pack.yaml'), 'utf8')) as { branding: Branding }).branding;
const helplineOf = (code: string) =>
  (parse(readFileSync(join(packsDir, code, 'pack.yaml'), 'utf8')) as { helpline: { name: string } }).helpline
    .name;

beforeAll(async () => {
  ensureReportBuild();
  ensureConsoleBuilt();
  for (const code of packs) servers.set(code, await startConsoleServer({ countryPackDir: code }));
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  for (const server of servers.values()) await server.stop();
});

const rootToken = (page: Page, name: string) =>
  page.evaluate((n) => getComputedStyle(document.documentElement).getPropertyValue(n).trim(), name);

describe('design system and brand', () => {
  it.each(packs)(
    '%s: the pack brands the start screen, the receipt and the console header; no axe violations (NL light, BE-VL dark)',
    async (code) => {
      const server = servers.get(code)!;
      const brand = brandingOf(code);
      // NL in light, BE-VL in dark: both schemes, each pack's own colours.
      const scheme = code === 'NL' ? 'light' : 'dark';
      const context = await browser.newContext({
        viewport: MOBILE_VIEWPORT,
        locale: 'nl-BE',
        colorScheme: scheme,
      });
      const page = await context.newPage();
      const foreign: string[] = [];
      page.on('request', (r) => {
        if (!r.url().startsWith(server.url) && !r.url().startsWith('data:')) foreign.push(r.url());
      });
      const t = catalogs.nl;
      const checked: string[] = [];
      await page.goto(server.url);
      await expect.poll(() => page.locator('.bar .brand-name').innerText()).toBe(brand.appName);
      await expect.poll(() => page.getByTestId('brand-greeting').innerText()).toContain(brand.appName);
      await expect
        .poll(() => page.locator('.bar .brand-logo').getAttribute('src'))
        .toMatch(/^data:image\/svg\+xml,/);
      expect(await rootToken(page, '--primary')).toBe(
        (scheme === 'light' ? brand.colours : brand.dark).primary.toLowerCase(),
      );
      await walkToReview(page, {
        t,
        check: async (screen) => {
          checked.push(screen);
          expect({ screen, violations: await axe(page) }).toEqual({ screen, violations: [] });
        },
      });
      expect({ screen: 'review', violations: await axe(page) }).toEqual({ screen: 'review', violations: [] });
      await sendFromReview(page, { t });
      await expect.poll(() => page.getByTestId('receipt-brand').innerText()).toContain(helplineOf(code));
      expect({ screen: 'receipt', violations: await axe(page) }).toEqual({
        screen: 'receipt',
        violations: [],
      });
      // Help and follow-up, reached the way the app's navigation restores them.
      for (const screen of ['help', 'follow']) {
        await page.evaluate(
          (s) => sessionStorage.setItem('vn.nav', JSON.stringify({ screens: ['start', s], depth: 2 })),
          screen,
        );
        await page.reload();
        await page.locator('h1').first().waitFor();
        expect({ screen, violations: await axe(page) }).toEqual({ screen, violations: [] });
      }
      expect(checked).toContain('start');
      expect(foreign).toEqual([]);
      await context.close();

      const staff = await browser.newContext({ viewport: DESKTOP, colorScheme: scheme });
      const desk = await staff.newPage();
      await desk.goto(`${server.url}/console/`);
      await expect.poll(() => desk.locator('.top .brand-name').innerText()).toBe(brand.appName);
      expect(await consoleAxe(desk)).toEqual([]);
      await staff.close();
    },
  );

  it('the console in dark mode: queue, case view, supervisor, figures, chats, helpline key and security pass axe; status and time left are apart', async () => {
    const server = servers.get('NL')!;
    await submitReport(server.url);
    const context = await browser.newContext({ viewport: DESKTOP, colorScheme: 'dark' });
    const page = await context.newPage();
    await signIn(page, server);
    await page.locator('tr[data-case-id]').first().waitFor();
    expect(await consoleAxe(page)).toEqual([]);
    await page.locator('tr[data-case-id] a').first().click();
    const status = page.locator('.case-status');
    await status.waitFor();
    // The heading that takes focus when the case opens wears no ring (it read as a glitch): only controls do.
    const h1 = page.locator('h1');
    await expect.poll(() => h1.evaluate((el) => document.activeElement === el)).toBe(true);
    expect(
      await h1.evaluate((el) => `${getComputedStyle(el).outlineStyle} ${getComputedStyle(el).boxShadow}`),
    ).toBe('none none');
    // A control focused from the keyboard does wear it.
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => getComputedStyle(document.activeElement!).boxShadow)).not.toBe('none');
    // Each part is its own box with room between them, so "New" and "23 h 59 min left" never run together.
    const boxes = await status
      .locator(':scope > span')
      .evaluateAll((spans) =>
        spans.map((s) => s.getBoundingClientRect()).map((r) => ({ left: r.left, right: r.right })),
      );
    for (let i = 1; i < boxes.length; i++) expect(boxes[i]!.left - boxes[i - 1]!.right).toBeGreaterThan(4);
    expect(await consoleAxe(page)).toEqual([]);
    // The supervisor's screen and the figures, from the header (the demo login is an admin).
    for (const [path, title] of [
      ['supervisor', 'Supervisor'],
      ['figures', 'Figures and early warnings'],
      ['chats', 'Live chats'],
      ['keys', 'Helpline key'],
      ['security', 'Passkeys'],
    ] as const) {
      await page.locator(`.top a[href$="/console/${path}"]`).click();
      await page.getByRole('heading', { level: 1, name: title }).waitFor();
      expect({ path, violations: await consoleAxe(page) }).toEqual({ path, violations: [] });
    }
    await context.close();
  });

  it('with reduced motion nothing on either app animates or transitions', async () => {
    const server = servers.get('NL')!;
    const context = await browser.newContext({ viewport: MOBILE_VIEWPORT, reducedMotion: 'reduce' });
    const page = await context.newPage();
    const moving = () =>
      page.evaluate(() =>
        [...document.querySelectorAll('*')].flatMap((el) => {
          const style = getComputedStyle(el);
          const durations = `${style.transitionDuration},${style.animationDuration}`.split(',');
          return durations.some((d) => Number.parseFloat(d) > 0)
            ? [el.tagName + (el.className ? `.${el.className}` : '')]
            : [];
        }),
      );
    await page.goto(server.url);
    await page.locator('.choice').first().waitFor();
    expect(await moving()).toEqual([]);
    await page.goto(`${server.url}/console/`);
    await page.locator('.top').waitFor();
    expect(await moving()).toEqual([]);
    // Without the wish, the buttons do move a little: the check above is not empty by accident.
    const calm = await browser.newContext({ viewport: MOBILE_VIEWPORT, reducedMotion: 'no-preference' });
    const other = await calm.newPage();
    await other.goto(server.url);
    await other.locator('.choice').first().waitFor();
    const buttonDuration = await other
      .locator('.bar button')
      .first()
      .evaluate((b) => getComputedStyle(b).transitionDuration);
    expect(Number.parseFloat(buttonDuration)).toBeGreaterThan(0);
    await calm.close();
    await context.close();
  });
});
