import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ReportBody } from '@vangnet/core';
import type { ReportHash } from '@vangnet/core/report-metadata';
import { fromBase64, openJson } from '@vangnet/crypto';
import { hammingDistance } from '@vangnet/pdq';
import { eq } from 'drizzle-orm';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { wordsFor } from '../apps/report/src/i18n/role-words.ts';
import { reportItems } from '../apps/server/src/db/schema/index.ts';
import { importKnownHashList } from '../apps/server/src/known-hashes/import-list.ts';
import { ensureHelpline } from '../apps/server/src/services/helpline.ts';
import { launchBrowser } from './support/browser.ts';
import {
  axe,
  heading,
  phoneContext,
  type ReportServer,
  shot,
  startReportServer,
} from './support/report-app.ts';
import { catalogs, sendFromReview } from './support/report-walk.ts';
import { onlyCase, signInStaff } from './support/staff-client.ts';

// The hash-only route (issue 6): a child reports a shared intimate picture. The phone hashes it in
// the real app (worker, Chromium, phone size); only the codes leave the phone. The network log of the
// whole run shows no request that could carry the picture, and the server matches the codes.
const reference = fileURLToPath(new URL('../../shared/reference-data/pdq/', import.meta.url));
const IMAGE = 'bridge-mods/aaa-orig.jpg';
const WHERE_SEEN = 'https://social.example/p/8812';
const STORY = 'Iemand heeft een foto van mij doorgestuurd.';
const t = catalogs.nl;

function expectedRow(path: string): { md5: string; sha256: string; pdq: string } {
  const [header, ...rows] = readFileSync(join(reference, 'expected.tsv'), 'utf8').trim().split('\n');
  const columns = (header ?? '').split('\t');
  const cells = rows.map((r) => r.split('\t')).find((c) => c[0] === path);
  if (!cells) throw new Error(`${path} is not in expected.tsv`);
  const cell = (name: string) => cells[columns.indexOf(name)] ?? '';
  return { md5: cell('md5'), sha256: cell('sha256'), pdq: cell('pdq_hash') };
}

let app: ReportServer;
let browser: Browser;

beforeAll(async () => {
  app = await startReportServer();
  browser = await launchBrowser();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

async function screen(page: Page, title: string): Promise<void> {
  await page.locator('h1', { hasText: title }).waitFor({ timeout: 30_000 });
}

async function pick(page: Page, label: string): Promise<void> {
  const escaped = label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  await page.getByRole('radio', { name: new RegExp(`^${escaped}( |$)`) }).check();
}

async function next(page: Page): Promise<void> {
  await page.getByRole('button', { name: t.next, exact: true }).click();
}

describe('reporter app: hash-only route', () => {
  it('hashes the picture on the phone and sends only its codes', async () => {
    const expected = expectedRow(IMAGE);
    const imagePath = join(reference, 'images', IMAGE);
    const image = readFileSync(imagePath);
    // A list the helpline knows, holding this picture's reference hash among others.
    const country = app.server.deps.pack.country;
    const list = await importKnownHashList(app.server.deps.db, {
      helplineId: await ensureHelpline(app.server.deps.db, app.server.deps.pack),
      country,
      source: 'e2e-hotline',
      importedBy: 'e2e',
      csv: `pdq,quality\n${'0f'.repeat(32)},90\n${expected.pdq},100\n`,
    });

    const context = await phoneContext(browser, 'nl-NL');
    // Every request of the whole run, from the page, its worker and the service worker.
    const sent: { url: string; method: string; body: Buffer }[] = [];
    context.on('request', (r) => {
      sent.push({ url: r.url(), method: r.method(), body: r.postDataBuffer() ?? Buffer.alloc(0) });
    });
    const page = await context.newPage();
    await page.goto(app.url);

    await screen(page, t.startTitle);
    await page.getByRole('button', { name: new RegExp(t.startReport) }).click();
    await screen(page, t.whoTitle);
    await pick(page, t.roles.self ?? '');
    await next(page);
    await screen(page, t.whatTitle);
    await pick(page, t.categories['image-abuse']?.[0] ?? '');
    await next(page);
    await screen(page, t.whereTitle);
    await page.getByRole('radio').first().check();
    await next(page);
    await screen(page, wordsFor(t, 'self').ageTitle);
    await pick(page, t.ages['13-15'] ?? '');
    await next(page);
    await screen(page, t.dangerTitle);
    await next(page);
    await screen(page, t.storyTitle);
    await page.getByLabel(t.storyLabel).fill(STORY);
    await next(page);

    // The evidence step is the hash-only screen: the picture stays here, only codes go.
    await screen(page, t.hashOnlyTitle);
    await expect.poll(() => heading(page)).toBe(t.hashOnlyTitle);
    await expect.poll(() => page.getByText(t.hashOnlyHint).isVisible()).toBe(true);
    expect(await axe(page), 'axe before picking').toEqual([]);
    await page.getByLabel(t.hashOnlyPick).setInputFiles(imagePath);
    await page.getByRole('heading', { name: t.hashOnlyCount(1) }).waitFor({ timeout: 60_000 });
    await page.getByRole('status').filter({ hasText: t.hashOnlyDone }).waitFor();
    const hashCode = page.getByTestId('hash-code');
    await expect.poll(async () => (await hashCode.innerText()).trim()).not.toBe('');
    const shown = (await hashCode.innerText()).trim();
    await page.getByLabel(t.hashOnlyLinksLabel).fill(WHERE_SEEN);
    expect(await axe(page), 'axe with the codes shown').toEqual([]);
    await shot(page, 'hash-only-codes-nl');
    await next(page);

    await screen(page, t.contactTitle);
    await next(page);
    await screen(page, t.reviewTitle);
    await expect.poll(() => page.getByText(t.hashOnlyReview(1)).isVisible()).toBe(true);
    const code = await sendFromReview(page, { t });
    expect(code).toMatch(/^(\d{3} ){6}\d{3}$/);

    // What the phone sent: the codes, made in Chromium, as the reference tool makes them.
    const post = sent.find((r) => r.method === 'POST' && new URL(r.url).pathname === '/api/v1/reports');
    expect(post).toBeDefined();
    const request = JSON.parse(post?.body.toString('utf8') ?? '{}') as {
      metadata: { category: string; hashes?: ReportHash[] };
      items: unknown[];
    };
    expect(request.metadata.category).toBe('image-abuse');
    expect(request.metadata.hashes).toHaveLength(1);
    const [hash] = request.metadata.hashes ?? [];
    expect(hash?.kind).toBe('image');
    const distance = hammingDistance(hash?.pdq ?? '', expected.pdq);
    console.log(`PDQ made in Chromium is ${distance} bits from the reference hash`);
    expect(distance).toBeLessThanOrEqual(10);
    expect(hash?.pdqQuality).toBeGreaterThanOrEqual(80);
    expect(hash?.md5).toBe(expected.md5);
    expect(hash?.sha256).toBe(expected.sha256);
    // The screen showed exactly the codes that went.
    expect(shown.split(/\s+/)).toEqual([hash?.pdq, hash?.md5, hash?.sha256]);
    // No evidence items, and the link is not in clear anywhere.
    expect(request.items).toEqual([]);

    // No request of the whole run could carry the picture: all small, none with a run of its bytes.
    const largest = Math.max(...sent.map((r) => r.body.byteLength));
    console.log(
      `hash-only run: ${sent.length} requests, largest body ${largest} bytes; picture ${image.length} bytes`,
    );
    expect(largest).toBeLessThan(8 * 1024);
    for (let at = 0; at + 64 <= image.length; at += Math.floor(image.length / 16)) {
      const run = image.subarray(at, at + 64);
      const b64 = run.toString('base64').slice(4, 60);
      for (const r of sent) {
        expect(r.body.includes(run), `${r.url} holds picture bytes`).toBe(false);
        expect(r.body.includes(b64), `${r.url} holds picture bytes (base64)`).toBe(false);
      }
    }
    for (const r of sent) expect(r.body.includes(WHERE_SEEN), `${r.url} holds the link in clear`).toBe(false);
    expect(sent.every((r) => r.url.startsWith(app.url))).toBe(true);
    // The hashing ran in the app's worker, loaded only on this route.
    expect(sent.some((r) => /\/assets\/hash-worker-[\w-]+\.js$/.test(r.url))).toBe(true);

    // The helpline: nothing was uploaded, the link is in the sealed body, the codes matched the list.
    const staff = await signInStaff(app.url, app.server.demoLogin as never);
    const caseId = (await onlyCase(staff)).id;
    const stored = await app.server.deps.db
      .select()
      .from(reportItems)
      .where(eq(reportItems.reportId, caseId));
    expect(stored).toEqual([]);
    const caseView = (await (await staff.request(`/api/v1/staff/cases/${caseId}`)).json()) as {
      body: string;
    };
    const body = await openJson<ReportBody>(fromBase64(caseView.body) as never, [staff.identity]);
    expect(body.description).toBe(STORY);
    expect(body.links).toEqual([WHERE_SEEN]);
    expect(body.manifest.items).toEqual([]);
    // The case worker reads the codes in the sealed body: the server keeps no clear copy.
    expect(body.hashes).toEqual([hash]);
    const matches = (await (await staff.request(`/api/v1/staff/cases/${caseId}/hash-matches`)).json()) as {
      urgent: boolean;
      matches: { listId: string; kind: string; distance: number }[];
    };
    expect(matches.urgent).toBe(true);
    expect(matches.matches).toHaveLength(1);
    expect(matches.matches[0]).toMatchObject({ listId: list.listId, kind: 'pdq' });
    expect(matches.matches[0]?.distance).toBeLessThanOrEqual(10);
    await context.close();
  }, 180_000);
});
