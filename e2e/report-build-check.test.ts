import { createHash } from 'node:crypto';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nl } from '../apps/report/src/i18n/nl.ts';
import { UPDATE_REFUSED_MESSAGE } from '../apps/report/src/update-refused.ts';
import { startTestApp, type TestApp } from '../apps/server/test/support/test-app.ts';
import { readBuildList, signBuildFolder } from '../scripts/build-folder.ts';
import { DEMO_RELEASE_PRIVATE_KEY } from '../scripts/demo-release-key.ts';
import { launchBrowser } from './support/browser.ts';
import { axe, ensureReportBuild, phoneContext } from './support/report-app.ts';
import { reportDistDir } from './support/report-build.ts';

// The installed reporter app takes an update only when every file it would cache is in a build list
// signed by the release key it was installed with (apps/report/src/sw-build-check.ts). The real server
// serves a copy of the built app; the test changes that copy on disk as an intruder or a release would.

const served = mkdtempSync(join(tmpdir(), 'vangnet-e2e-build-'));
let t: TestApp;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let lazyChunk = '';
let original = '';

/** What the installed app pinned: the signing time of the build it runs. */
const installedIssuedAt = () =>
  page.evaluate(async () => {
    const hit = await (await caches.open('vn-trust')).match('/vn-trust/installed');
    return hit ? ((await hit.json()) as { issuedAt: string }).issuedAt : null;
  });

/** Drops the precompressed copies, so the server sends the file as it now is. */
function rewrite(path: string, text: string): void {
  writeFileSync(path, text);
  rmSync(`${path}.br`, { force: true });
  rmSync(`${path}.gz`, { force: true });
}

/** A new release: a changed service worker, the folder signed again, later than the installed one. */
function release(issuedAt: string): void {
  const sw = join(served, 'sw.js');
  rewrite(sw, `${readFileSync(sw, 'utf8')}\n// release ${issuedAt}\n`);
  signBuildFolder(
    served,
    { app: 'report', appVersion: '0.1.1', base: '/', issuedAt },
    DEMO_RELEASE_PRIVATE_KEY,
  );
}

beforeAll(async () => {
  ensureReportBuild();
  cpSync(reportDistDir, served, { recursive: true });
  // A chunk loaded later (the report flow): the page's integrity attributes do not cover it, the
  // service worker's check does.
  lazyChunk = readdirSync(join(served, 'assets')).find((f) => /^flow-.*\.js$/.test(f))!;
  original = readFileSync(join(served, 'assets', lazyChunk), 'utf8');
  t = await startTestApp('pglite', { staticApps: { '/': served } });
  browser = await launchBrowser();
  context = await phoneContext(browser);
  page = await context.newPage();
});
afterAll(async () => {
  await browser?.close();
  await t?.close();
  rmSync(served, { recursive: true, force: true });
});

describe('the page pins its own scripts', () => {
  it('names every script, module preload and stylesheet with the SHA-384 of the file served', () => {
    const html = readFileSync(join(served, 'index.html'), 'utf8');
    const tags = [...html.matchAll(/<(?:script|link)\b[^>]*>/g)]
      .map((m) => m[0])
      .filter((tag) => /src=|rel="(modulepreload|stylesheet)"/.test(tag));
    expect(tags.length).toBeGreaterThanOrEqual(3);
    for (const tag of tags) {
      const url = /(?:src|href)="\/([^"]+)"/.exec(tag)![1]!;
      const digest = createHash('sha384')
        .update(readFileSync(join(served, url)))
        .digest('base64');
      expect(tag).toContain(`integrity="sha384-${digest}"`);
    }
  });
});

describe('the installed app checks its updates against the signed build list', () => {
  it('installs, pinning the build it was installed with', async () => {
    await page.goto(t.url);
    await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
    await expect.poll(installedIssuedAt).toBe(readBuildList(served)!.list.issuedAt);
  });

  it('refuses an update with a changed file that is not in the signed list, and the old app keeps working', async () => {
    const before = await installedIssuedAt();
    release(new Date(Date.parse(before!) + 60_000).toISOString());
    rewrite(join(served, 'assets', lazyChunk), `${original};globalThis.changed=1;`);
    await page.evaluate((type) => {
      navigator.serviceWorker.addEventListener('message', (e) => {
        if ((e.data as { type?: string }).type === type) document.documentElement.dataset.refused = 'yes';
      });
      void navigator.serviceWorker.getRegistration().then((r) => r?.update().catch(() => undefined));
    }, UPDATE_REFUSED_MESSAGE);
    await expect.poll(() => page.evaluate(() => document.documentElement.dataset.refused)).toBe('yes');
    // A calm line says so; the screen stays usable and accessible.
    await expect
      .poll(() => page.getByRole('status').filter({ hasText: nl.updateRefusedNote }).count())
      .toBe(1);
    expect(await axe(page)).toEqual([]);
    // Nothing waits to take over, the pinned build is the old one.
    await expect
      .poll(() =>
        page.evaluate(async () => {
          const r = await navigator.serviceWorker.getRegistration();
          return Boolean(r?.installing || r?.waiting);
        }),
      )
      .toBe(false);
    expect(await installedIssuedAt()).toBe(before);
    // The old app answers from its own cache: the start screen, and the chunk as it was signed.
    await page.reload();
    await expect
      .poll(() => page.getByRole('heading', { level: 1 }).textContent())
      .toBe('Je staat er niet alleen voor');
    const chunk = await page.evaluate((url) => fetch(url).then((r) => r.text()), `/assets/${lazyChunk}`);
    expect(chunk).toBe(original);
  });

  it('takes a properly signed update', async () => {
    const before = await installedIssuedAt();
    rewrite(join(served, 'assets', lazyChunk), original);
    const issuedAt = new Date(Date.parse(before!) + 120_000).toISOString();
    release(issuedAt);
    await page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => r?.update()));
    await expect.poll(installedIssuedAt).toBe(issuedAt);
    await expect
      .poll(() =>
        page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => r?.active?.state)),
      )
      .toBe('activated');
    await page.reload();
    await expect
      .poll(() => page.getByRole('heading', { level: 1 }).textContent())
      .toBe('Je staat er niet alleen voor');
  });
});
