import type { Browser, Request } from 'playwright-core';
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

// The start screen, crisis help (also offline, also on a first offline load), quick exit by button and
// by Escape twice, a neutral title and address, and no request to any other origin.
let app: ReportServer;
let browser: Browser;

beforeAll(async () => {
  app = await startReportServer();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

describe('reporter app: safety', () => {
  it('opens on the start screen in the device language with four choices and a neutral title', async () => {
    const context = await phoneContext(browser, 'nl-NL');
    const page = await context.newPage();
    const requests: Request[] = [];
    page.on('request', (r) => requests.push(r));
    await page.goto(app.url);
    await expect.poll(() => heading(page)).toBe('Je staat er niet alleen voor');
    for (const name of ['Ik heb nu hulp nodig', 'Iets melden', 'Verder met mijn code', 'Wat kan ik doen?']) {
      await expect.poll(() => page.getByRole('button', { name: new RegExp(name) }).isVisible()).toBe(true);
    }
    expect(await page.title()).toBe('Vangnet');
    await expect.poll(() => page.getAttribute('html', 'lang')).toBe('nl');
    await shot(page, 'start-nl');
    expect(requests.filter((r) => !r.url().startsWith(app.url))).toEqual([]);
    await context.close();
  });

  it('shows the crisis lines with tap-to-call links from the start screen', async () => {
    const context = await phoneContext(browser, 'en-GB');
    const page = await context.newPage();
    await page.goto(app.url);
    await page.getByRole('button', { name: /I need help now/ }).click();
    await expect.poll(() => heading(page)).toBe('Help right now');
    await expect.poll(() => page.locator('a[href="tel:113"]').count()).toBe(1);
    await expect.poll(() => page.locator('a[href="tel:112"]').count()).toBe(1);
    expect(page.url()).toBe(`${app.url}/`);
    expect(await axe(page)).toEqual([]);
    await shot(page, 'crisis-en');
    await context.close();
  });

  it('shows crisis help offline from the lines the server wrote into the page when no country pack was ever cached', async () => {
    const context = await phoneContext(browser, 'nl-NL');
    const page = await context.newPage();
    // Load once so the service worker installs, then go offline and start again.
    await page.goto(app.url);
    await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
    // Forget every cached copy of the pack: the crisis lines in the cached page must serve.
    await page.evaluate(async () => {
      localStorage.clear();
      await caches.delete('vn-data');
    });
    await context.setOffline(true);
    await page.reload();
    await expect.poll(() => heading(page)).toBe('Je staat er niet alleen voor');
    await page.getByRole('button', { name: /Ik heb nu hulp nodig/ }).click();
    await expect.poll(() => heading(page)).toBe('Nu meteen hulp');
    await expect.poll(() => page.locator('a[href="tel:113"]').count()).toBe(1);
    await expect.poll(() => page.getByText('Je bent offline').isVisible()).toBe(true);
    // The page's list carries the same first instruction, and says who to call for what.
    await expect
      .poll(() => page.getByTestId('crisis-emergency').innerText())
      .toContain('Bel 112. Zeg waar je bent.');
    await expect
      .poll(() => page.getByText('Wil je met iemand praten? Bel De Kindertelefoon').isVisible())
      .toBe(true);
    await shot(page, 'crisis-offline-nl');
    await context.close();
  });

  it('leaves to a neutral site with the quick-exit button, and Back never shows the app again', async () => {
    const context = await phoneContext(browser, 'nl-NL');
    // Every page load reports to the test when an app screen appears, even for an instant.
    let screensShown = 0;
    await context.route('**/__screen-shown', (route) => {
      screensShown += 1;
      return route.fulfill({ status: 204 });
    });
    await context.addInitScript(() => {
      new MutationObserver(() => {
        if (document.querySelector('#app h1')) void fetch('/__screen-shown', { keepalive: true });
      }).observe(document, { childList: true, subtree: true });
    });
    const page = await context.newPage();
    await page.goto(app.url);
    await page.getByRole('button', { name: /Iets melden/ }).click();
    await expect.poll(() => heading(page)).toBe('Wie ben jij?');
    await page.getByRole('radio').first().check();
    await page.getByRole('button', { name: 'Verder', exact: true }).click();
    await expect.poll(() => heading(page)).toBe('Wat is er gebeurd?');
    await expect.poll(() => screensShown).toBeGreaterThan(0);
    await page.getByRole('button', { name: 'Snel weg' }).click();
    await page.waitForURL(/google\.com/);
    expect(await page.title()).toBe('neutral');
    screensShown = 0;
    // Back, again and again: each of the app's history entries leaves at once, before anything shows,
    // until Back reaches what was before the app (here the browser's blank start page).
    for (let i = 0; i < 3 && page.url() !== 'about:blank'; i++) {
      await page.goBack().catch(() => undefined);
      await expect.poll(() => page.url()).toMatch(/google\.com|about:blank/);
    }
    expect(page.url()).toBe('about:blank');
    expect(screensShown).toBe(0);
    // A deliberate return (typing the address) opens the app normally, at the start, with no hint of a
    // report in progress.
    await page.goto(app.url);
    await expect.poll(() => heading(page)).toBe('Je staat er niet alleen voor');
    await expect.poll(() => page.getByRole('button', { name: /Iets melden/ }).isVisible()).toBe(true);
    expect(await page.getByText(/Verder met mijn melding/).count()).toBe(0);
    await context.close();
  });

  it('offers a discreet mode: a plain name and icon when the app is added to the phone', async () => {
    const context = await phoneContext(browser, 'en-GB');
    const page = await context.newPage();
    await page.goto(app.url);
    await page.getByRole('button', { name: /What can I do\?/ }).click();
    await page.getByRole('checkbox', { name: 'Use a plain name and icon' }).check();
    await expect.poll(() => page.getAttribute('link[rel="manifest"]', 'href')).toBe('/discreet.webmanifest');
    const href = '/discreet.webmanifest';
    const manifest = (await (await fetch(`${app.url}${href}`)).json()) as {
      name: string;
      icons: { src: string }[];
    };
    expect(manifest.name).toBe('Notes');
    expect((await fetch(`${app.url}${manifest.icons[0]!.src}`)).status).toBe(200);
    // It stays on after a reload.
    await page.reload();
    await page.locator('h1').waitFor();
    await expect.poll(() => page.getAttribute('link[rel="manifest"]', 'href')).toBe('/discreet.webmanifest');
    await context.close();
  });

  it('leaves when Escape is pressed twice', async () => {
    const context = await phoneContext(browser, 'fr-BE');
    const page = await context.newPage();
    await page.goto(app.url);
    await expect.poll(() => heading(page)).toBe('Nous sommes là pour toi');
    await page.keyboard.press('Escape');
    await page.keyboard.press('Escape');
    await page.waitForURL(/google\.com/);
    await context.close();
  });
});
