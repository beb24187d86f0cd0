import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO_ANCHOR_PUBLIC_KEY } from '@vangnet/core';
import {
  type AgeIdentity,
  anchorFingerprint,
  generateIdentity,
  generateSigningKey,
  open,
  type SignedRecipientList,
  signRecipientList,
} from '@vangnet/crypto';
import { isNotNull } from 'drizzle-orm';
import type { Browser, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { reportItems, reports } from '../apps/server/src/db/schema/index.ts';
import { launchBrowser } from './support/browser.ts';
import { axe, phoneContext, type ReportServer, shot, startReportServer } from './support/report-app.ts';
import { catalogs, sendFromReview, walkToReview } from './support/report-walk.ts';
import { type StaffSession, signInStaff } from './support/staff-client.ts';

// Issue 21: a server that was taken over hands the installed app a recipient of its own. The app seals
// only to a list signed by the pack's trust anchor, so it refuses, says so calmly, keeps the report on
// the phone, and sends it to the genuine helpline once the genuine list is served again. Every file the
// server received is then tried with the attacker's identity: none may open.
let app: ReportServer;
let browser: Browser;
let attacker: { identity: AgeIdentity; recipient: string };
let staff: StaffSession;
const image = join(mkdtempSync(join(tmpdir(), 'vangnet-e2e-signed-')), 'screenshot.png');
const t = catalogs.en;

beforeAll(async () => {
  app = await startReportServer();
  browser = await launchBrowser();
  attacker = await generateIdentity();
  await sharp({ create: { width: 200, height: 300, channels: 3, background: { r: 90, g: 20, b: 160 } } })
    .png()
    .toFile(image);
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

const strangerKey = generateSigningKey();

/** What an intruder could hand out: each tried in turn against the installed app. */
const swaps: [string, (genuine: SignedRecipientList | null) => unknown][] = [
  [
    "the attacker's recipient added to the genuine, signed list",
    (genuine) => ({
      ...genuine!,
      list: { ...genuine!.list, recipients: [...genuine!.list.recipients, attacker.recipient] },
    }),
  ],
  [
    "a list of the attacker's recipient, signed by a key not in the pack",
    (genuine) =>
      signRecipientList(
        { ...genuine!.list, sequence: genuine!.list.sequence + 1, recipients: [attacker.recipient] },
        strangerKey.privateKey,
      ),
  ],
  ['no signed list at all', () => null],
];

/** The sending screen's own live line (the receipt code below it has a status of its own). */
const sendingStatus = (page: Page) => page.locator('.sending > p[aria-live]').innerText();

async function reportCount(): Promise<number> {
  return (await app.server.deps.db.select({ id: reports.id }).from(reports)).length;
}

async function outboxStates(page: Page): Promise<string[]> {
  return page.evaluate(
    () =>
      new Promise<string[]>((resolve, reject) => {
        const req = indexedDB.open('vangnet');
        req.onerror = () => reject(req.error);
        req.onsuccess = () => {
          const all = req.result.transaction('outbox').objectStore('outbox').getAll();
          all.onsuccess = () => resolve((all.result as { state: string }[]).map((e) => e.state));
          all.onerror = () => reject(all.error);
        };
      }),
  );
}

/** Every sealed file the server holds: report bodies, stored evidence, and any age file in its data folder. */
async function everyUploadedFile(): Promise<Uint8Array[]> {
  const { db, blobs } = app.server.deps;
  const files: Uint8Array[] = (await db.select({ body: reports.body }).from(reports)).map((r) => r.body);
  for (const item of await db
    .select({ key: reportItems.blobKey })
    .from(reportItems)
    .where(isNotNull(reportItems.blobKey))) {
    files.push(await blobs.getBytes(item.key!));
  }
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      const stat = statSync(path);
      if (stat.isDirectory()) walk(path);
      else if (stat.isFile()) {
        const bytes = readFileSync(path);
        if (bytes.subarray(0, 21).toString('latin1') === 'age-encryption.org/v1') files.push(bytes);
      }
    }
  };
  walk(app.server.deps.config.dataDir);
  return files;
}

describe('the installed app seals only to the signed recipient list', () => {
  it('refuses every swapped list, keeps the report, and sends it to the genuine helpline later', async () => {
    const context = await phoneContext(browser, 'en-GB');
    const page = await context.newPage();
    await page.goto(app.url);
    // Installed: the service worker controls the app (its first visit also pins the pack's anchor).
    await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));

    for (const [i, [name, swap]] of swaps.entries()) {
      onTestFinished(() => {
        app.server.deps.testOnly = undefined;
      });
      app.server.deps.testOnly = { recipientList: swap };
      // The first report puts a picture in the vault; it stays unlocked, so every report carries it.
      const evidence = i === 0 ? { images: [image], pin: '4821' } : {};
      await walkToReview(page, { t, ...evidence, story: `A story (${name})`, platform: 'Instagram' });
      await page.getByRole('button', { name: t.send }).click();
      await expect.poll(() => sendingStatus(page), { message: name }).toBe(t.sendingUnverified);
      expect(await axe(page)).toEqual([]);
      await shot(page, 'sending-unverified-en');
      await expect.poll(() => outboxStates(page)).toContain('unsealed');
      expect(await reportCount(), name).toBe(i);
      // The same refusal on a retry while the swap lasts.
      await page.getByRole('button', { name: t.sendingRetry }).click();
      await expect.poll(() => sendingStatus(page)).toBe(t.sendingUnverified);
      expect(await reportCount(), name).toBe(i);
      // The genuine list again: the waiting report is sealed to it and sent.
      app.server.deps.testOnly = undefined;
      // The outbox tries again by itself; the button only hurries it (and is gone once it went).
      await page
        .getByRole('button', { name: t.sendingRetry })
        .click({ timeout: 5000 })
        .catch(() => undefined);
      await page.locator('h1', { hasText: t.receiptTitle }).waitFor();
      await expect.poll(() => outboxStates(page)).not.toContain('unsealed');
      await page.getByRole('button', { name: t.receiptStart }).click();
    }
    expect(await reportCount()).toBe(swaps.length);

    // Nothing the server received opens with the attacker's identity; the helpline opens every report.
    const files = await everyUploadedFile();
    // Three bodies and the picture, at least (the data folder may hold copies).
    expect(files.length).toBeGreaterThanOrEqual(swaps.length + 1);
    for (const file of files) {
      await expect(open(file, [attacker.identity as AgeIdentity])).rejects.toThrow();
    }
    staff = await signInStaff(app.url, app.server.demoLogin as never);
    for (const row of await app.server.deps.db.select({ body: reports.body }).from(reports)) {
      await expect(open(row.body, [staff.identity])).resolves.toBeInstanceOf(Uint8Array);
    }
    await context.close();
  });

  it('keeps its pinned anchor when the server swaps the anchor in the pack as well', async () => {
    // The intruder serves a pack naming its own anchor and a list that anchor signed. The installed app
    // pinned the genuine anchor, and no hand-over signed by it names the new one: it refuses.
    const context = await phoneContext(browser, 'en-GB');
    const page = await context.newPage();
    await page.goto(app.url);
    await walkToReview(page, { t, story: 'Pinning the anchor', platform: 'Instagram' });
    await sendFromReview(page, { t });
    await page.getByRole('button', { name: t.receiptStart }).click();
    const before = await reportCount();
    onTestFinished(() => {
      app.server.deps.testOnly = undefined;
    });
    app.server.deps.testOnly = {
      publicPack: (genuine) => {
        const pack = genuine as { meta: { helpline: Record<string, unknown> } };
        return {
          ...pack,
          meta: { ...pack.meta, helpline: { ...pack.meta.helpline, trustAnchors: [strangerKey.publicKey] } },
        };
      },
      recipientList: (genuine) =>
        signRecipientList(
          { ...genuine!.list, sequence: genuine!.list.sequence + 1, recipients: [attacker.recipient] },
          strangerKey.privateKey,
        ),
    };
    // The help screen shows the pinned anchor's check code, not the swapped one, for people to compare.
    await page.reload();
    await page.getByRole('button', { name: new RegExp(t.startWhatCanIDo) }).click();
    await page.locator('h1', { hasText: t.helpTitle }).waitFor();
    await expect
      .poll(() => page.getByTestId('anchor-fingerprint').innerText())
      .toBe(anchorFingerprint(DEMO_ANCHOR_PUBLIC_KEY));
    // …and says where the helpline publishes the same code (a pack text).
    await page.getByText('Helpwanted shows the same code on helpwanted.nl', { exact: false }).waitFor();
    expect(await axe(page)).toEqual([]);
    await shot(page, 'help-check-code-en');
    await page.getByRole('button', { name: t.back }).click();
    await page.locator('h1', { hasText: t.startTitle }).waitFor();
    await walkToReview(page, { t, story: 'After the swap', platform: 'Instagram' });
    await page.getByRole('button', { name: t.send }).click();
    await expect.poll(() => sendingStatus(page)).toBe(t.sendingUnverified);
    await expect.poll(() => outboxStates(page)).toContain('unsealed');
    expect(await reportCount()).toBe(before);
    app.server.deps.testOnly = undefined;
    await page
      .getByRole('button', { name: t.sendingRetry })
      .click({ timeout: 5000 })
      .catch(() => undefined);
    await page.locator('h1', { hasText: t.receiptTitle }).waitFor();
    expect(await reportCount()).toBe(before + 1);
    for (const file of await everyUploadedFile()) {
      await expect(open(file, [attacker.identity as AgeIdentity])).rejects.toThrow();
    }
    await context.close();
  });

  it('a normal report from a fresh browser still goes at once (the genuine list verifies)', async () => {
    const context = await phoneContext(browser, 'en-GB');
    const page = await context.newPage();
    await page.goto(app.url);
    await walkToReview(page, { t, story: 'Plain report', platform: 'Instagram' });
    const code = await sendFromReview(page, { t });
    expect(code).toMatch(/^(\d{3} ){6}\d{3}$/);
    await context.close();
  });
});
