// The case-worker console in Chromium: time to open the queue with 10,000 open cases (next to 1,000,
// so the ratio shows how it scales) and time to decrypt and render a case with 5 images (next to 1
// image). Cases for the queue are inserted straight into the database; the two evidence cases are
// sealed and uploaded as a reporter's device does. `npm run bench -- console`.
import { randomBytes, randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { reports } from '../apps/server/src/db/schema/index.ts';
import { ensureHelpline } from '../apps/server/src/services/helpline.ts';
import {
  type ConsoleServer,
  DESKTOP,
  ensureConsoleBuilt,
  makePng,
  signIn,
  startConsoleServer,
  submitReport,
} from '../e2e/console-fixtures.ts';
import { launchBrowser } from '../e2e/support/browser.ts';

const RUNS = 5;
const CATEGORIES = ['harassment', 'threats', 'exclusion', 'hate', 'impersonation', 'exposure'] as const;
const PLATFORMS = ['instagram', 'tiktok', 'snapchat', 'whatsapp', 'roblox'];

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/**
 * Open cases with clear metadata only (the queue never opens bodies); the body is random bytes. None is
 * urgent, so the two sealed evidence cases stay on the first screen of the queue.
 */
async function insertCases(server: ConsoleServer, count: number): Promise<void> {
  const helplineId = await ensureHelpline(server.deps.db, server.deps.pack);
  const now = Date.now();
  for (let start = 0; start < count; start += 1000) {
    const rows = Array.from({ length: Math.min(1000, count - start) }, (_, k) => {
      const i = start + k;
      const at = new Date(now - (i % 2880) * 60_000);
      return {
        id: randomUUID(),
        helplineId,
        country: 'NL',
        category: CATEGORIES[i % CATEGORIES.length]!,
        platform: PLATFORMS[i % PLATFORMS.length]!,
        role: 'self',
        ageBand: '13-15',
        flags: { ongoing: true, danger: false, selfHarm: false, imageAbuse: false },
        status: i % 5 === 0 ? 'contacted' : 'new',
        reporterRecipient: 'age1benchbenchbenchbenchbenchbenchbenchbenchbenchbenchbenchqqqq',
        accessTokenHash: randomBytes(32).toString('hex'),
        body: randomBytes(64),
        bodySha256: randomBytes(32).toString('hex'),
        createdAt: at,
        visibleAt: at,
      };
    });
    await server.deps.db.insert(reports).values(rows);
  }
}

/** From clicking "Back to the queue" to the first rows, and to the full count, on screen. */
async function timeQueue(page: Page, expected: number): Promise<{ first: number; full: number }> {
  const first: number[] = [];
  const full: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    await page.evaluate(() => history.pushState(null, '', '/console/cases/none'));
    await page.evaluate(() => dispatchEvent(new PopStateEvent('popstate')));
    await page.getByRole('link', { name: /Back to the queue/ }).waitFor();
    const started = Date.now();
    await page.getByRole('link', { name: /Back to the queue/ }).click();
    await page.locator('table.cases tbody tr').first().waitFor({ timeout: 120_000 });
    first.push(Date.now() - started);
    await page.getByText(new RegExp(`^${expected} open cases`)).waitFor({ timeout: 120_000 });
    await page.getByText('loading more').waitFor({ state: 'detached', timeout: 120_000 });
    full.push(Date.now() - started);
  }
  return { first: median(first), full: median(full) };
}

/**
 * What one idle poll of the open queue costs now (the console asks only for changes since its last
 * look) next to what every poll cost before: reading the whole queue again, 500 cases a page.
 */
async function timePolls(
  page: Page,
): Promise<{ idleBytes: number; idleMs: number; fullBytes: number; fullMs: number }> {
  // The request the console's poll makes (fetch-cases.ts, fetchChanges), from the page, with its
  // session: timed here rather than waited for, since an idle console locks itself after a while.
  const idle = await page.evaluate(async () => {
    const head = await (await fetch('/api/v1/staff/cases?order=queue&limit=1')).json();
    const bytes: number[] = [];
    const ms: number[] = [];
    for (let run = 0; run < 5; run++) {
      const started = performance.now();
      const res = await fetch(`/api/v1/staff/cases?since=${head.changeCursor}&limit=500`);
      const text = await res.text();
      ms.push(performance.now() - started);
      bytes.push(text.length);
      if (JSON.parse(text).cases.length !== 0) throw new Error('the idle poll returned cases');
    }
    return { bytes: bytes.sort((a, b) => a - b)[2]!, ms: ms.sort((a, b) => a - b)[2]! };
  });
  const full = await page.evaluate(async () => {
    const started = performance.now();
    let size = 0;
    let cursor: string | null = null;
    do {
      const res: Response = await fetch(
        `/api/v1/staff/cases?limit=500${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      );
      const text = await res.text();
      size += text.length;
      cursor = JSON.parse(text).nextCursor;
    } while (cursor);
    return { bytes: size, ms: performance.now() - started };
  });
  return { idleBytes: idle.bytes, idleMs: idle.ms, fullBytes: full.bytes, fullMs: full.ms };
}

/**
 * From clicking a case's row to every image drawn and the integrity state shown. One run per call:
 * the caller alternates two cases, so the console's one-case memory never holds the case timed.
 */
async function timeCase(page: Page, caseId: string, images: number): Promise<number> {
  await page.evaluate(() => history.pushState(null, '', '/console/'));
  await page.evaluate(() => dispatchEvent(new PopStateEvent('popstate')));
  await page.locator(`tr[data-case-id="${caseId}"] a`).waitFor({ timeout: 120_000 });
  const started = Date.now();
  // A click from the page itself: Playwright's own click scrolls the row into view first, and the
  // virtual rows redraw on that scroll, so it could wait forever for the link to hold still.
  await page.locator(`tr[data-case-id="${caseId}"] a`).evaluate((a) => (a as HTMLElement).click());
  await page.locator('.integrity-summary[data-integrity="ok"]').waitFor({ timeout: 60_000 });
  await page.waitForFunction(
    (n) => {
      const imgs = [...document.querySelectorAll('img.evidence-image')] as HTMLImageElement[];
      return imgs.length === n && imgs.every((i) => i.complete && i.naturalWidth > 0);
    },
    images,
    { timeout: 60_000 },
  );
  return Date.now() - started;
}

ensureConsoleBuilt();
const browser = await launchBrowser();
const results: Record<string, number> = {};
try {
  for (const count of [1_000, 10_000]) {
    const server = await startConsoleServer();
    try {
      // Two evidence cases, made urgent so they sit at the top of the queue.
      const urgent = { flags: { ongoing: true, danger: true, selfHarm: false, imageAbuse: false } };
      const five = await submitReport(server.url, {
        images: await Promise.all([1, 2, 3, 4, 5].map((s) => makePng(s, 1280, 720))),
        metadata: urgent,
      });
      const one = await submitReport(server.url, { images: [await makePng(6, 1280, 720)], metadata: urgent });
      await insertCases(server, count - 2);
      const page = await (await browser.newContext({ viewport: DESKTOP })).newPage();
      await signIn(page, server);
      const q = await timeQueue(page, count);
      results[`queue ${count}`] = q.full;
      results[`first rows ${count}`] = q.first;
      if (count === 10_000) {
        const polls = await timePolls(page);
        results['idle poll bytes'] = polls.idleBytes;
        results['idle poll ms'] = polls.idleMs;
        results['full refetch bytes'] = polls.fullBytes;
        results['full refetch ms'] = polls.fullMs;
        const t1: number[] = [];
        const t5: number[] = [];
        for (let run = 0; run < RUNS; run++) {
          t1.push(await timeCase(page, one.reportId, 1));
          t5.push(await timeCase(page, five.reportId, 5));
        }
        results['case 1 image'] = median(t1);
        results['case 5 images'] = median(t5);
      }
      await page.context().close();
    } finally {
      await server.stop();
    }
  }
} finally {
  await browser.close();
}

const q1 = results['queue 1000']!;
const q10 = results['queue 10000']!;
const c1 = results['case 1 image']!;
const c5 = results['case 5 images']!;
const f1 = results['first rows 1000']!;
const f10 = results['first rows 10000']!;
console.log(`queue, 1,000 open cases:   first rows ${f1} ms, all in and sorted ${q1} ms (median of ${RUNS})`);
console.log(
  `queue, 10,000 open cases:  first rows ${f10} ms, all in and sorted ${q10} ms (median of ${RUNS})  ratio ${(q10 / q1).toFixed(1)}x`,
);
console.log(`  first rows at 10,000 open cases: target <= 200 ms, ${f10 <= 200 ? 'met' : 'not met'}`);
console.log(
  `idle poll, 10,000 open cases: ${results['idle poll bytes']} bytes in ${results['idle poll ms']!.toFixed(0)} ms (median of 5); before, every poll read the whole queue: ${(results['full refetch bytes']! / 1024).toFixed(0)} KiB in ${results['full refetch ms']!.toFixed(0)} ms, ${(results['full refetch bytes']! / results['idle poll bytes']!).toFixed(0)}x the bytes`,
);
console.log(`decrypt + render case, 1 image:     ${c1} ms (median of ${RUNS}, 1280x720 PNG)`);
console.log(
  `decrypt + render case, 5 images:    ${c5} ms (median of ${RUNS})  ratio ${(c5 / c1).toFixed(1)}x`,
);
