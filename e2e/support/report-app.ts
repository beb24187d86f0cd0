import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import AxeBuilder from '@axe-core/playwright';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { type RunningServer, startServer } from '../../apps/server/src/server.ts';
import { MOBILE_VIEWPORT } from './browser.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const appDir = join(root, 'apps/report');
const distIndex = join(appDir, 'dist/index.html');

function newestMtime(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = 0;
  for (const name of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, name)));
  return newest;
}

/** Builds apps/report when dist is missing or older than any source, so tests run the code as it is. */
export function ensureReportBuild(): void {
  const sources = ['src', 'public', 'index.html', 'vite.config.ts'].map((p) => join(appDir, p));
  const sourceTime = Math.max(
    ...sources.filter(existsSync).map(newestMtime),
    newestMtime(join(root, 'packages/crypto/src')),
  );
  if (existsSync(distIndex) && statSync(distIndex).mtimeMs >= sourceTime) return;
  const result = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], { cwd: appDir, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`vite build failed:\n${result.stdout}\n${result.stderr}`);
}

export interface ReportServer {
  server: RunningServer;
  url: string;
  close(): Promise<void>;
}

/** The real server on a free port, an embedded database in a temp folder, serving the built app. */
export async function startReportServer(): Promise<ReportServer> {
  ensureReportBuild();
  const dataDir = mkdtempSync(join(tmpdir(), 'vangnet-e2e-report-'));
  const server = await startServer({ port: 0, host: '127.0.0.1', dataDir, logLevel: 'warn' });
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
