import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ConsoleServer, DESKTOP, ensureConsoleBuilt, startConsoleServer } from './console-fixtures.ts';
import { launchBrowser, MOBILE_VIEWPORT } from './support/browser.ts';
import { ensureReportBuild } from './support/report-app.ts';
import { compareScreenshot, steady, WITHIN_TOLERANCE } from './support/visual.ts';

// Visual regression on a handful of key screens, so the look does not drift unnoticed: each screenshot
// against its baseline in e2e/visual-baselines/ (UPDATE_SCREENSHOTS=1 makes new ones after a wanted
// change). Deterministic: DejaVu fonts, no motion, no service worker, screens without a clock.
const servers = new Map<string, ConsoleServer>();
let browser: Browser;

beforeAll(async () => {
  ensureReportBuild();
  ensureConsoleBuilt();
  for (const code of ['NL', 'BE-VL']) servers.set(code, await startConsoleServer({ countryPackDir: code }));
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  for (const server of servers.values()) await server.stop();
});

describe('visual regression', () => {
  it.each([
    ['NL', 'light'],
    ['BE-VL', 'dark'],
  ] as const)(
    '%s (%s): the reporter start screen and the console sign-in look as they did',
    async (code, scheme) => {
      const server = servers.get(code)!;
      const results = [];
      const options = {
        locale: 'nl-NL',
        colorScheme: scheme,
        reducedMotion: 'reduce',
        serviceWorkers: 'block',
        // The fixed font comes in as a style element, which the page's CSP would refuse.
        bypassCSP: true,
      } as const;
      const phone = await browser.newContext({ ...options, viewport: MOBILE_VIEWPORT });
      const page = await phone.newPage();
      await page.goto(server.url);
      await page.locator('.choice').first().waitFor();
      await steady(page);
      results.push(await compareScreenshot(page, `report-start-${code}-${scheme}`));
      if (code === 'NL' && process.env.UPDATE_SCREENSHOTS !== '1') {
        // The check sees a change: the same screen with its choices in another colour does not pass.
        await page.addStyleTag({ content: '.choice{background:#ffe08a!important}' });
        const changed = await compareScreenshot(page, `report-start-${code}-${scheme}`);
        expect(changed.share).toBeGreaterThan(WITHIN_TOLERANCE);
      }
      await phone.close();

      const desk = await browser.newContext({ ...options, viewport: DESKTOP, locale: 'en-GB' });
      const console = await desk.newPage();
      await console.goto(`${server.url}/console/`);
      await console.getByLabel('Work e-mail').waitFor();
      await steady(console);
      results.push(await compareScreenshot(console, `console-sign-in-${code}-${scheme}`));
      await desk.close();

      for (const r of results) {
        expect({
          name: r.name,
          sizeMatches: r.sizeMatches,
          withinTolerance: r.share <= WITHIN_TOLERANCE,
        }).toEqual({
          name: r.name,
          sizeMatches: true,
          withinTolerance: true,
        });
      }
    },
  );
});
