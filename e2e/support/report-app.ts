import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import AxeBuilder from '@axe-core/playwright';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { type RunningServer, type StartServerOptions, startServer } from '../../apps/server/src/server.ts';
import { MOBILE_VIEWPORT } from './browser.ts';
import { ensureReportBuild } from './report-build.ts';

export { ensureReportBuild } from './report-build.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));

export interface ReportServer {
  server: RunningServer;
  url: string;
  close(): Promise<void>;
}

/** The real server on a free port, an embedded database in a temp folder, serving the built app. */
export async function startReportServer(
  options: Pick<StartServerOptions, 'countryPackDir' | 'clock'> = {},
): Promise<ReportServer> {
  ensureReportBuild();
  const dataDir = mkdtempSync(join(tmpdir(), 'vangnet-e2e-report-'));
  const server = await startServer({ port: 0, host: '127.0.0.1', dataDir, logLevel: 'warn', ...options });
  return {
    server,
    url: server.url,
    close: async () => {
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A phone-sized context in a language; the quick-exit target is answered locally (no internet here). */
export async function phoneContext(browser: Browser, locale = 'nl-NL'): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: MOBILE_VIEWPORT, locale, hasTouch: true });
  await context.route(/^https?:\/\/(?!127\.0\.0\.1)/, (route) =>
    route.fulfill({ status: 200, contentType: 'text/html', body: '<title>neutral</title><p>weer</p>' }),
  );
  return context;
}

const shotsDir = join(root, 'screenshots/report');

/** A screenshot of the current screen at 360×740, for people to look at (README names the folder). */
export async function shot(page: Page, name: string): Promise<void> {
  mkdirSync(shotsDir, { recursive: true });
  await page.screenshot({ path: join(shotsDir, `${name}.png`), fullPage: true });
}

/** axe with the WCAG 2.0–2.2 A/AA rules; returns the violations (expect none). */
export async function axe(page: Page): Promise<{ id: string; help: string; nodes: string[] }[]> {
  const result = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
    .analyze();
  return result.violations.map((v) => ({
    id: v.id,
    help: v.help,
    nodes: v.nodes.map((n) => n.target.join(' ')),
  }));
}

/** The heading of the screen that is showing (each screen has exactly one h1). */
export async function heading(page: Page): Promise<string> {
  return (await page.locator('h1').innerText()).trim();
}
