import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { generateIdentity, sealJson, toBase64 } from '@vangnet/crypto';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadActivePack } from '../apps/server/src/active-pack.ts';
import { repoRoot } from '../apps/server/src/config.ts';
import { startTestApp, type TestApp } from '../apps/server/test/support/test-app.ts';
import { launchBrowser } from './support/browser.ts';

/**
 * The public statistics page (issue 12) in a real Chromium: in every language of the NL and BE-VL packs it
 * has no axe violations (WCAG 2.2 AA tags) and asks nothing of any other host; with JavaScript switched
 * off it shows its figures (it has no script at all). Reports go in through the real intake route first so the page has figures.
 */
let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const CATEGORIES = ['harassment', 'harassment', 'threats', 'exclusion', 'hate', 'sextortion'];
const PLATFORMS = ['instagram', 'tiktok', 'snapchat'];

for (const country of ['NL', 'BE-VL']) {
  describe(`statistics page for ${country}`, () => {
    let t: TestApp;
    let languages: string[] = [];
    beforeAll(async () => {
      const pack = await loadActivePack(join(repoRoot, 'country-packs', country));
      languages = pack.languages;
      t = await startTestApp('pglite', {
        pack,
        limits: { perIpPerMinute: 1e9, submissionsPerIpPerHour: 1e9 },
        statisticsCacheMs: 0,
      });
      const reporter = await generateIdentity();
      const body = toBase64(
        await sealJson(
          { version: 1, description: 'x', links: [], language: 'nl', manifest: { version: 1, items: [] } },
          [reporter.recipient],
        ),
      );
      for (let i = 0; i < 120; i++) {
        const res = await t.app.inject({
          method: 'POST',
          url: '/api/v1/reports',
          headers: { 'idempotency-key': randomBytes(16).toString('hex') },
          payload: {
            metadata: {
              country: pack.country,
              category: CATEGORIES[i % CATEGORIES.length],
              platform: PLATFORMS[i % PLATFORMS.length],
              role: i % 4 === 0 ? 'friend' : 'self',
              ageBand: i % 3 === 0 ? '16-17' : '13-15',
              flags: { ongoing: true, danger: i % 5 === 0, selfHarm: false, imageAbuse: false },
            },
            reporter: {
              recipient: reporter.recipient,
              accessTokenHash: randomBytes(32).toString('hex'),
            },
            body,
            items: [],
          },
        });
        expect(res.statusCode, res.body).toBe(201);
      }
    }, 120_000);
    afterAll(async () => {
      await t?.close();
    });

    it('passes axe in every pack language and asks no other host', async () => {
      expect(languages.length).toBeGreaterThan(1);
      for (const lang of languages) {
        // axe runs as a script in the page; the page itself has none (checked without JavaScript below).
        const context = await browser.newContext({ locale: lang });
        const foreign: string[] = [];
        context.on('request', (r) => {
          if (!r.url().startsWith(t.url)) foreign.push(r.url());
        });
        const page = await context.newPage();
        await page.goto(`${t.url}/statistics?lang=${lang}`);
        await expect.poll(() => page.getAttribute('html', 'lang')).toBe(lang);
        // The figures are there without script: the charts and the tables beside them.
        await expect.poll(() => page.locator('script').count()).toBe(0);
        const violations = (
          await new AxeBuilder({ page })
            .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
            .analyze()
        ).violations.map((v) => ({ id: v.id, nodes: v.nodes.map((n) => n.target.join(' ')) }));
        expect(violations, `axe on ${country} ${lang}`).toEqual([]);
        expect(foreign).toEqual([]);
        await context.close();
      }
    }, 180_000);

    it('shows its figures without JavaScript and links each language and the open data', async () => {
      const context = await browser.newContext({ javaScriptEnabled: false });
      const page = await context.newPage();
      await page.goto(`${t.url}/statistics`);
      // The figures are there without script: the charts and the tables beside them.
      await expect.poll(() => page.locator('svg[role="img"] title').count()).toBeGreaterThan(5);
      await expect.poll(() => page.locator('table').count()).toBeGreaterThan(5);
      await page.locator('td', { hasText: '120' }).first().waitFor();
      for (const lang of languages) await page.locator(`nav a[hreflang="${lang}"]`).waitFor();
      await page.locator('a[href="/api/v1/public/statistics.csv"]').waitFor();
      await page.locator('[data-section="platforms"]').waitFor();
      await context.close();
    });
  });
}
