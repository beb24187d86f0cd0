import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type RunningServer, startServer } from '@vangnet/server/server';
import pg from 'pg';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ConsoleServer, DESKTOP, ensureConsoleBuilt, signIn, submitReport } from './console-fixtures.ts';
import { launchBrowser } from './support/browser.ts';

// Issue 14: two server replicas on one PostgreSQL. A case created through replica A appears in a console
// connected to replica B without polling: once the stream is live, the page's clock is paused, so no
// timer (the fallback poll, the safety reload) can fire; only the pushed event can bring the row.
const databaseUrl = process.env.DATABASE_URL;
const pgSchema = `e2e_live_${Date.now().toString(36)}`;
const dirs: string[] = [];
const servers: RunningServer[] = [];
let login: ConsoleServer['login'];
let browser: Browser;
let page: Page;

async function replica(seedFrom?: string): Promise<RunningServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'vangnet-live-e2e-'));
  dirs.push(dataDir);
  // Replicas share the server's signing key (docs/operating-at-scale.md): receipts and TOTP secrets use it.
  if (seedFrom) copyFileSync(join(seedFrom, 'signing-key.json'), join(dataDir, 'signing-key.json'));
  const server = await startServer({
    port: 0,
    dataDir,
    databaseUrl: databaseUrl!,
    pgSchema,
    logLevel: 'warn',
    demoLogin: !seedFrom,
  });
  servers.push(server);
  return server;
}

describe.skipIf(!databaseUrl)('console: live updates across two replicas', () => {
  beforeAll(async () => {
    ensureConsoleBuilt();
    const a = await replica();
    await replica(dirs[0]);
    login = a.demoLogin as ConsoleServer['login'];
    browser = await launchBrowser();
    page = await (await browser.newContext({ viewport: DESKTOP })).newPage();
    await page.clock.install();
  });

  afterAll(async () => {
    await browser?.close();
    for (const s of servers.reverse()) await s.close();
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    await client.query(`DROP SCHEMA IF EXISTS "${pgSchema}" CASCADE`);
    await client.end();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  it('a case sent to replica A appears in the queue of a console on replica B, with no timer running', async () => {
    const [a, b] = servers as [RunningServer, RunningServer];
    const first = await submitReport(a.url);
    await signIn(page, { url: b.url, login });
    await page.locator(`tr[data-case-id="${first.reportId}"]`).waitFor();
    await page.locator('[data-live="on"]').waitFor();

    const queueReads: string[] = [];
    page.on('request', (request) => {
      if (request.url().includes('/api/v1/staff/cases')) queueReads.push(request.url());
    });
    // From here no timer in the page fires: a poll could not happen even if one were scheduled.
    await page.clock.pauseAt((await page.evaluate(() => Date.now())) + 1000);

    const second = await submitReport(a.url, { metadata: { category: 'exclusion' } });
    await page.locator(`tr[data-case-id="${second.reportId}"]`).waitFor();
    // What brought it: reads of the change feed (`since=`) after the pushed event, never a full reload.
    expect(queueReads.length).toBeGreaterThan(0);
    expect(queueReads.every((url) => new URL(url).searchParams.has('since'))).toBe(true);
    await page.clock.resume();
  });
});
