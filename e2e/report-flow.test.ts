import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ReportBody } from '@vangnet/core';
import { fromBase64, openJson } from '@vangnet/crypto';
import { sql } from 'drizzle-orm';
import type { Browser } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reports } from '../apps/server/src/db/schema/index.ts';
import { launchBrowser } from './support/browser.ts';
import {
  axe,
  heading,
  phoneContext,
  type ReportServer,
  shot,
  startReportServer,
} from './support/report-app.ts';
import { catalogs, sendFromReview, walkToReview } from './support/report-walk.ts';
import {
  onlyCase,
  postHelplineMessage,
  readMessages,
  type StaffSession,
  signInStaff,
} from './support/staff-client.ts';

// The whole journey: a child reports with two screenshots and a pasted message, anonymously; the
// receipt shows; on another device the code opens the status and a helpline message; the reply reaches
// the helpline. axe runs and a screenshot is taken on every screen.
let app: ReportServer;
let browser: Browser;
const images: string[] = [];
const t = catalogs.nl;
const PASTED = 'Jij bent zo dom, niemand wil jou hier. (bericht van vanavond)';
const STORY = 'Ze zetten mij uit de klassengroep en sturen gemene berichten.';
let code = '';
// One sign-in per file: a TOTP code works once (no replay).
let staff: StaffSession;

beforeAll(async () => {
  app = await startReportServer();
  browser = await launchBrowser();
  const dir = mkdtempSync(join(tmpdir(), 'vangnet-e2e-img-'));
  for (const [i, background] of [
    [1, { r: 220, g: 40, b: 60 }],
    [2, { r: 30, g: 120, b: 200 }],
  ] as const) {
    const file = join(dir, `screenshot-${i}.png`);
    await sharp({ create: { width: 360, height: 640, channels: 3, background } })
      .png()
      .toFile(file);
    images.push(file);
  }
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

async function reportCount(): Promise<number> {
  const [row] = await app.server.deps.db.select({ n: sql<number>`count(*)::int` }).from(reports);
  return Number(row?.n ?? -1);
}

describe('reporter app: a full report and follow-up', () => {
  it('sends a report with two images and a pasted message, anonymously, and shows the receipt', async () => {
    const context = await phoneContext(browser, 'nl-NL');
    const page = await context.newPage();
    // The server's strict CSP (no inline script or style) must never bite, and no request may leave.
    await page.addInitScript(() => {
      const seen: string[] = [];
      (globalThis as { cspViolations?: string[] }).cspViolations = seen;
      addEventListener('securitypolicyviolation', (e) => seen.push(`${e.violatedDirective} ${e.blockedURI}`));
    });
    const foreign: string[] = [];
    page.on('request', (r) => {
      if (!r.url().startsWith(app.url)) foreign.push(r.url());
    });
    await page.goto(app.url);
    await walkToReview(page, {
      t,
      images,
      pasted: PASTED,
      story: STORY,
      pin: '4821',
      platform: 'Instagram',
      check: async (screen) => {
        expect(await axe(page), `axe on ${screen}`).toEqual([]);
        await shot(page, `flow-${screen}-nl`);
      },
    });
    code = await sendFromReview(page, { t });
    expect(code).toMatch(/^(\d{3} ){6}\d{3}$/);
    expect(await axe(page)).toEqual([]);
    await shot(page, 'flow-receipt-nl');
    // What happens next: only the helpline that received the report makes a promise (its own target);
    // the services further down the route do not have the report and are "can help too", with no time.
    await expect
      .poll(() => page.getByTestId('receipt-next').innerText())
      .toBe(`${t.receiptHas('Helpwanted')} ${t.receiptAnswer('24 uur')}`);
    await expect
      .poll(() => page.getByTestId('receipt-also').getByRole('listitem').allInnerTexts())
      .toEqual(['School', 'De Kindertelefoon']);
    await expect
      .poll(async () => (await page.locator('main').innerText()).match(/te antwoorden/g)?.length)
      .toBe(1);
    await expect
      .poll(() => page.locator('main').innerText())
      .not.toMatch(/(School|Kindertelefoon)[^\n]*te antwoorden/);
    // Nothing sensitive in the address bar or the title.
    expect(page.url()).toBe(`${app.url}/`);
    expect(await page.title()).toBe('Vangnet');
    expect(await reportCount()).toBe(1);
    expect(await page.evaluate(() => (globalThis as { cspViolations?: string[] }).cspViolations)).toEqual([]);
    expect(foreign).toEqual([]);

    // "Save as picture" hands the phone a PNG of the code.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: t.receiptSave }).click(),
    ]);
    const png = readFileSync((await download.path())!);
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect((await sharp(png).metadata()).width).toBe(900);

    // Back to the start, a new report begins empty; the code is no longer kept on this phone.
    await page.getByRole('button', { name: t.receiptStart }).click();
    await page.locator('h1', { hasText: t.startTitle }).waitFor();
    await page.getByRole('button', { name: new RegExp(t.startReport) }).click();
    await page.locator('h1', { hasText: t.whoTitle }).waitFor();
    await expect.poll(() => page.getByRole('radio', { checked: true }).count()).toBe(0);

    // The helpline opens exactly what the child sent: the story, and the hashes of the plaintext items.
    staff = await signInStaff(app.url, app.server.demoLogin as never);
    const caseView = (await (
      await staff.request(`/api/v1/staff/cases/${(await onlyCase(staff)).id}`)
    ).json()) as {
      status: string;
      body: string;
      items: unknown[];
    };
    expect(caseView.status).toBe('new');
    expect(caseView.items).toHaveLength(3);
    const body = await openJson<ReportBody>(fromBase64(caseView.body) as never, [staff.identity]);
    expect(body.description).toBe(STORY);
    expect(body.contact).toBeUndefined();
    const hashes = body.manifest.items.map((i) => i.sha256).sort();
    const expected = [
      ...images.map((f) => createHash('sha256').update(readFileSync(f)).digest('hex')),
      createHash('sha256').update(PASTED).digest('hex'),
    ].sort();
    expect(hashes).toEqual(expected);
    await context.close();
  });

  it('follows up with the code in a fresh browser: status, a helpline message, and a reply', async () => {
    expect(code).not.toBe('');
    await postHelplineMessage(
      staff,
      await onlyCase(staff),
      'Dank je voor je melding. Wil je vertellen wie het doet?',
    );

    const context = await phoneContext(browser, 'nl-NL');
    const page = await context.newPage();
    await page.goto(app.url);
    await page.getByRole('button', { name: new RegExp(t.startFollow) }).click();
    await expect.poll(() => heading(page)).toBe(t.followTitle);
    // A typo (one digit changed) is caught by the check digit, with a clear message.
    const typo = code.replace(/\d$/, (d) => String((Number(d) + 1) % 10));
    await page.getByLabel(t.followLabel).fill(typo);
    await page.getByRole('button', { name: t.followOpen }).click();
    await expect.poll(() => page.getByRole('alert').innerText()).toBe(t.followTypo);
    expect(await axe(page)).toEqual([]);
    await shot(page, 'follow-typo-nl');

    await page.getByLabel(t.followLabel).fill(code);
    await page.getByRole('button', { name: t.followOpen }).click();
    await page.getByTestId('status').waitFor({ timeout: 60_000 });
    // The helpline's message was the first contact: the case moved on to "contacted".
    await expect.poll(() => page.getByTestId('status').innerText()).toBe(t.status.contacted);
    await expect.poll(() => page.getByText('Wil je vertellen wie het doet?').isVisible()).toBe(true);
    await expect.poll(() => page.getByText(t.timeline.received).isVisible()).toBe(true);
    expect(await axe(page)).toEqual([]);
    await shot(page, 'follow-open-nl');

    await page.getByLabel(t.followReplyLabel).fill('Het is een jongen uit mijn klas.');
    await page.getByRole('button', { name: t.followSend }).click();
    await page.getByText(t.followSent).waitFor();
    await expect.poll(() => page.getByText('Het is een jongen uit mijn klas.').isVisible()).toBe(true);
    await shot(page, 'follow-replied-nl');

    const messages = await readMessages(staff, await onlyCase(staff));
    expect(messages).toContainEqual({ author: 'reporter', text: 'Het is een jongen uit mijn klas.' });
    await context.close();
  });
});
