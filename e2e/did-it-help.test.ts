import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, startServer } from '../apps/server/src/server.ts';
import type { PublicStatistics } from '../apps/server/src/statistics/public-statistics.ts';
import { STATISTICS_CACHE_MS } from '../apps/server/src/statistics/routes.ts';
import { submitReport } from './console-fixtures.ts';
import { launchBrowser } from './support/browser.ts';
import { axe, ensureReportBuild, heading, phoneContext } from './support/report-app.ts';
import { catalogs, sendFromReview, walkToReview } from './support/report-walk.ts';
import { type StaffSession, signInStaff } from './support/staff-client.ts';

/**
 * Issue 12's Done-when "a closed case's reporter answers 'did this help?' in the reporter app and the
 * answer appears in the figures the next time they are computed", in a real Chromium against the real
 * server: a child reports through the app; nine other reporters (over the API) had their cases closed and
 * answered "it helped", which is below k = 10, so the figure is hidden. A worker closes the child's case
 * over the staff API; the child opens the follow-up with the receipt code and answers. The figures are
 * cached for five minutes, so they still hide the cell; once the server's clock has moved past the cache,
 * they are computed again and show ten "yes", in the open data and on /statistics, which the child reaches
 * from the app's help screen.
 */
const t = catalogs.nl;
let server: RunningServer;
let dataDir: string;
let browser: Browser;
let staff: StaffSession;
let code = '';
/** The server's clock runs this far ahead of the real one. */
let ahead = 0;
const OTHERS = 9;

beforeAll(async () => {
  ensureReportBuild();
  dataDir = mkdtempSync(join(tmpdir(), 'vangnet-e2e-did-it-help-'));
  server = await startServer({
    port: 0,
    host: '127.0.0.1',
    dataDir,
    logLevel: 'warn',
    clock: () => new Date(Date.now() + ahead),
  });
  const login = server.demoLogin as { email: string; password: string; totpSecret: string } | undefined;
  if (!login) throw new Error('no demo login from startServer');
  staff = await signInStaff(server.url, login);
  browser = await launchBrowser();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

const statistics = async () =>
  (await (await fetch(`${server.url}/api/v1/public/statistics`)).json()) as PublicStatistics;
const helpedYes = (doc: PublicStatistics, month: string) => doc.feedback.helped.rows[month]?.yes ?? null;
const closeCase = async (id: string) => {
  const res = await staff.request(`/api/v1/staff/cases/${id}/status`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ status: 'closed', reason: 'resolved' }),
  });
  expect(res.status, await res.clone().text()).toBe(200);
};

describe('did this help? from the reporter app to the public figures', () => {
  it('a child reports through the app; nine other closed cases answered "it helped" (below k: hidden)', async () => {
    const context = await phoneContext(browser, 'nl-NL');
    const page = await context.newPage();
    await page.goto(server.url);
    await walkToReview(page, { t, story: 'Ze lachen me uit in de groepsapp.', platform: 'Instagram' });
    code = await sendFromReview(page, { t });
    expect(code).toMatch(/^(\d{3} ){6}\d{3}$/);
    await context.close();

    for (let i = 0; i < OTHERS; i++) {
      const other = await submitReport(server.url);
      await closeCase(other.reportId);
      const res = await fetch(`${server.url}/api/v1/reports/self/feedback`, {
        method: 'PUT',
        headers: { authorization: `Bearer ${other.keys.accessToken}`, 'content-type': 'application/json' },
        body: JSON.stringify({ helped: 'yes' }),
      });
      expect(res.status).toBe(200);
    }
    const doc = await statistics();
    expect(helpedYes(doc, new Date().toISOString().slice(0, 7))).toBeNull();
  }, 120_000);

  it('a worker closes the case; the child answers with the receipt code; the next computation counts it', async () => {
    const list = (await (await staff.request('/api/v1/staff/cases')).json()) as {
      cases: { id: string; status: string }[];
    };
    const open = list.cases.filter((c) => c.status !== 'closed');
    expect(open).toHaveLength(1);
    await closeCase(open[0]!.id);

    const context = await phoneContext(browser, 'nl-NL');
    const page = await context.newPage();
    await page.goto(server.url);
    await page.getByRole('button', { name: new RegExp(t.startFollow) }).click();
    await expect.poll(() => heading(page)).toBe(t.followTitle);
    await page.getByLabel(t.followLabel).fill(code);
    await page.getByRole('button', { name: t.followOpen }).click();
    const form = page.getByRole('form', { name: t.didItHelp.title });
    await form.waitFor({ timeout: 60_000 });
    expect(await axe(page)).toEqual([]);
    await form
      .getByRole('group', { name: t.didItHelp.helped })
      .getByRole('radio', { name: t.didItHelp.yes })
      .check();
    await form.getByRole('button', { name: t.didItHelp.send }).click();
    await form.getByText(t.didItHelp.thanks).waitFor();
    await context.close();
    const month = new Date().toISOString().slice(0, 7);

    // Within the cache window the published figures are the ones computed before the answer.
    expect(helpedYes(await statistics(), month)).toBeNull();
    // The next computation, once the cache has run out, has the child's answer: ten "yes", shown.
    ahead = STATISTICS_CACHE_MS + 1000;
    await expect.poll(async () => helpedYes(await statistics(), month)).toBe(OTHERS + 1);
    // The reporter app links the public page from its help screen; it shows the figure too (quarters).
    const context2 = await phoneContext(browser, 'nl-NL');
    const page2 = await context2.newPage();
    await page2.goto(server.url);
    await page2.getByRole('button', { name: new RegExp(t.startWhatCanIDo) }).click();
    await expect.poll(() => heading(page2)).toBe(t.helpTitle);
    await page2.getByRole('link', { name: t.helpFiguresLink }).click();
    await page2.waitForURL(/\/statistics\?lang=nl$/);
    await page2.locator('section[aria-labelledby="feedback"] td', { hasText: /^10$/ }).first().waitFor();
    await context2.close();
  }, 120_000);
});
