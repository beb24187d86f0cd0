import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import type { Browser, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { wordsFor } from '../apps/report/src/i18n/role-words.ts';
import { reports } from '../apps/server/src/db/schema/index.ts';
import { launchBrowser, MOBILE_VIEWPORT } from './support/browser.ts';
import {
  axe,
  heading,
  phoneContext,
  type ReportServer,
  shot,
  startReportServer,
} from './support/report-app.ts';
import { catalogs, walkToReview } from './support/report-walk.ts';

// What goes wrong on a real phone: a frightening answer (help first, report kept), a reload in the
// middle, the network dropping while sending, and someone else picking up the phone (the vault).
let app: ReportServer;
let browser: Browser;
let image = '';
const t = catalogs.nl;

beforeAll(async () => {
  app = await startReportServer();
  browser = await launchBrowser();
  image = join(mkdtempSync(join(tmpdir(), 'vangnet-e2e-img-')), 'bewijs.png');
  await sharp({ create: { width: 300, height: 500, channels: 3, background: { r: 90, g: 160, b: 60 } } })
    .png()
    .toFile(image);
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

async function reportRows(): Promise<{ status: string }[]> {
  const result = await app.server.deps.db.execute(sql`select status from ${reports}`);
  return (Array.isArray(result) ? result : (result as { rows: { status: string }[] }).rows) as {
    status: string;
  }[];
}

async function answerUpTo(page: Page, target: 'danger' | 'story'): Promise<void> {
  await page.getByRole('button', { name: new RegExp(t.startReport) }).click();
  // Who reports comes first; the child about themselves is asked "How old are you?".
  for (const title of [t.whoTitle, t.whatTitle, t.whereTitle, wordsFor(t, 'self').ageTitle]) {
    await page.locator('h1', { hasText: title }).waitFor();
    await page.getByRole('radio').first().check();
    await page.getByRole('button', { name: t.next, exact: true }).click();
  }
  await page.locator('h1', { hasText: t.dangerTitle }).waitFor();
  if (target === 'danger') return;
  await page.getByRole('checkbox', { name: t.flagOngoing }).check();
  await page.getByRole('button', { name: t.next, exact: true }).click();
  await page.locator('h1', { hasText: t.storyTitle }).waitFor();
}

describe('reporter app: resilience', () => {
  it('shows the crisis screen at once after a danger answer, then goes on with the report', async () => {
    const context = await phoneContext(browser);
    const page = await context.newPage();
    await page.goto(app.url);
    await answerUpTo(page, 'danger');
    await page.getByRole('checkbox', { name: t.flagDanger }).check();
    await page.getByRole('button', { name: t.next, exact: true }).click();
    await expect.poll(() => heading(page)).toBe(t.crisisTitle);
    await expect.poll(() => page.locator('a[href="tel:112"]').isVisible()).toBe(true);
    expect(await axe(page)).toEqual([]);
    await shot(page, 'crisis-flow-nl');
    await page.getByRole('button', { name: t.crisisContinue }).click();
    await expect.poll(() => heading(page)).toBe(t.storyTitle);
    // The danger answer is still there when going back through the crisis screen.
    await page.getByRole('button', { name: t.back }).click();
    await expect.poll(() => heading(page)).toBe(t.crisisTitle);
    await page.getByRole('button', { name: t.back }).click();
    await expect.poll(() => heading(page)).toBe(t.dangerTitle);
    await expect.poll(() => page.getByRole('checkbox', { name: t.flagDanger }).isChecked()).toBe(true);

    // The report still goes, and its receipt puts talking to someone now first.
    await page.getByRole('button', { name: t.next, exact: true }).click();
    await page.getByRole('button', { name: t.crisisContinue }).click();
    for (const title of [t.storyTitle, t.evidenceTitle, t.contactTitle]) {
      await page.locator('h1', { hasText: title }).waitFor();
      await page.getByRole('button', { name: t.next, exact: true }).click();
    }
    await page.locator('h1', { hasText: t.reviewTitle }).waitFor();
    await page.getByRole('button', { name: t.send }).click();
    await page.locator('h1', { hasText: t.receiptTitle }).waitFor({ timeout: 60_000 });
    await expect.poll(() => page.getByRole('button', { name: t.startNeedHelp }).isVisible()).toBe(true);
    expect(await axe(page)).toEqual([]);
    await shot(page, 'receipt-crisis-first-nl');
    await context.close();
  });

  it('loses nothing on a reload in the middle of the flow, and keeps the words encrypted', async () => {
    const context = await phoneContext(browser);
    const page = await context.newPage();
    await page.goto(app.url);
    await answerUpTo(page, 'story');
    const words = 'Reload-proef: dit moet blijven staan.';
    const draftLength = () => page.evaluate(() => sessionStorage.getItem('vn.draft')?.length ?? 0);
    const before = await draftLength();
    await page.getByLabel(t.storyLabel).fill(words);
    // Wait until the sealed draft holds the words (it grows by at least their length), not a fixed time.
    await expect.poll(draftLength).toBeGreaterThan(before + words.length);
    await page.reload();
    await expect.poll(() => heading(page)).toBe(t.storyTitle);
    await expect.poll(() => page.getByLabel(t.storyLabel).inputValue()).toBe(words);
    const stored = await page.evaluate(
      () => JSON.stringify({ ...sessionStorage }) + JSON.stringify({ ...localStorage }),
    );
    expect(stored).not.toContain('Reload-proef');
    // Back still walks the flow after the reload, with the answers kept.
    await page.goBack();
    await expect.poll(() => heading(page)).toBe(t.dangerTitle);
    await expect.poll(() => page.getByRole('checkbox', { name: t.flagOngoing }).isChecked()).toBe(true);
    await page.goForward();
    await expect.poll(() => heading(page)).toBe(t.storyTitle);
    await context.close();
  });

  it('survives a lost answer and going offline mid-upload: sent once, not twice', async () => {
    const before = (await reportRows()).length;
    // Service workers off so the test's network interceptions see every request.
    const context = await browser.newContext({
      viewport: MOBILE_VIEWPORT,
      locale: 'nl-NL',
      serviceWorkers: 'block',
    });
    const page = await context.newPage();
    let posts = 0;
    await page.route('**/api/v1/reports', async (route) => {
      if (route.request().method() !== 'POST') return route.continue();
      posts++;
      if (posts === 1) {
        // The server gets and stores the report, but the answer never reaches the phone.
        await route.fetch();
        return route.abort('connectionreset');
      }
      return route.continue();
    });
    let patches = 0;
    await page.route('**/api/v1/uploads/**', async (route) => {
      if (route.request().method() === 'PATCH' && ++patches === 1) {
        await context.setOffline(true);
        return route.abort('internetdisconnected');
      }
      return route.continue();
    });
    await page.goto(app.url);
    await walkToReview(page, { t, images: [image], pasted: 'offline-proef', pin: '2468' });
    await page.getByRole('button', { name: t.send }).click();
    // First the lost answer (waiting, then a retry by itself), then the network drops mid-upload.
    await expect.poll(() => patches, { timeout: 60_000 }).toBe(1);
    await page.getByText(t.sendingWaiting).waitFor({ timeout: 60_000 });
    await expect.poll(() => page.getByTestId('receipt-code').isVisible()).toBe(true);
    expect(await axe(page)).toEqual([]);
    await shot(page, 'sending-offline-nl');
    expect(posts).toBe(2);
    // Two POSTs, one report: it waits for its evidence.
    const during = await reportRows();
    expect(during).toHaveLength(before + 1);
    expect(during.filter((r) => r.status === 'awaiting-evidence')).toHaveLength(1);

    await context.setOffline(false);
    await page.locator('h1', { hasText: t.receiptTitle }).waitFor({ timeout: 60_000 });
    const after = await reportRows();
    expect(after).toHaveLength(before + 1);
    expect(after.every((r) => r.status === 'new')).toBe(true);
    await context.close();
  });

  it('sends a report made offline when the app is opened again online', async () => {
    const before = (await reportRows()).length;
    const context = await phoneContext(browser);
    const page = await context.newPage();
    await page.goto(app.url);
    await walkToReview(page, { t, story: 'verzegeld zonder netwerk' });
    await context.setOffline(true);
    await page.getByRole('button', { name: t.send }).click();
    await page.getByText(t.sendingWaiting).waitFor({ timeout: 60_000 });
    await page.close();
    expect((await reportRows()).length).toBe(before);

    await context.setOffline(false);
    const again = await context.newPage();
    await again.goto(app.url);
    await again.locator('h1', { hasText: t.startTitle }).waitFor();
    await expect.poll(async () => (await reportRows()).length, { timeout: 60_000 }).toBe(before + 1);
    await context.close();
  });

  it('keeps evidence sealed in IndexedDB; a wrong PIN opens nothing; "delete everything" empties it', async () => {
    const context = await phoneContext(browser);
    const page = await context.newPage();
    await page.goto(app.url);
    await answerUpTo(page, 'story');
    await page.getByRole('button', { name: t.next, exact: true }).click();
    await page.locator('h1', { hasText: t.evidenceTitle }).waitFor();
    const MARKER = 'GEHEIM-MARKER-8c1f';
    await page.getByLabel(t.vaultPin, { exact: true }).fill('1357');
    await page.getByLabel(t.vaultPinAgain).fill('1357');
    await page.getByRole('button', { name: t.vaultCreate }).click();
    await page.getByLabel(t.vaultPasteLabel).fill(`Bericht: ${MARKER}`);
    await page.getByRole('button', { name: t.vaultAddText }).click();
    await page.getByLabel(t.vaultLinkLabel).fill(`https://example.org/${MARKER}`);
    await page.getByRole('button', { name: t.vaultAddLink }).click();
    await page.getByLabel(t.vaultAddPhoto).setInputFiles(image);
    await page.getByRole('heading', { name: t.vaultCount(3) }).waitFor({ timeout: 60_000 });
    await expect.poll(() => page.getByText(MARKER).first().isVisible()).toBe(true);
    await shot(page, 'vault-open-nl');

    // Every record in every store, bytes as text: the marker must not be there in any form.
    const readDump = () =>
      page.evaluate(async () => {
        const db = await new Promise<IDBDatabase>((resolve, reject) => {
          const req = indexedDB.open('vangnet');
          req.onsuccess = () => resolve(req.result);
          req.onerror = () => reject(req.error);
        });
        const out: string[] = [];
        const asText = (v: unknown): string => {
          if (v instanceof Uint8Array || v instanceof ArrayBuffer) {
            const bytes = v instanceof Uint8Array ? v : new Uint8Array(v);
            return Array.from(bytes, (b) => String.fromCharCode(b)).join('');
          }
          if (v && typeof v === 'object') return Object.values(v).map(asText).join('|');
          return String(v);
        };
        for (const name of Array.from(db.objectStoreNames)) {
          const all = await new Promise<unknown[]>((resolve) => {
            const req = db.transaction(name).objectStore(name).getAll();
            req.onsuccess = () => resolve(req.result);
          });
          out.push(`${name}:${all.length}:${all.map(asText).join('\n')}`);
        }
        return out.join('\n');
      });
    // The count on screen can come before the last write commits: wait for all three records.
    await expect.poll(readDump).toContain('items:3:');
    const dump = await readDump();
    expect(dump).not.toContain(MARKER);
    // The vault key is wrapped under the PIN with Argon2id, not age's slower scrypt.
    expect(dump).toMatch(/vault:1:main\|age-encryption\.org\/v1\n-> vangnet-argon2id \S+ 19456 2\n/);
    expect(dump).not.toContain(btoa(MARKER).slice(0, 12));

    // Someone else picks up the phone: after a reload the vault is locked, and a wrong PIN opens nothing.
    await page.reload();
    await expect.poll(() => heading(page)).toBe(t.evidenceTitle);
    await expect.poll(() => page.getByText(MARKER).count()).toBe(0);
    await page.getByLabel(t.vaultUnlockTitle).fill('0000');
    await page.getByRole('button', { name: t.vaultUnlock }).click();
    await expect.poll(() => page.getByRole('alert').innerText()).toBe(t.vaultWrongPin);
    await expect.poll(() => page.getByText(MARKER).count()).toBe(0);
    await expect.poll(() => page.locator('img.thumb').count()).toBe(0);
    expect(await axe(page)).toEqual([]);
    await shot(page, 'vault-wrong-pin-nl');

    await page.getByLabel(t.vaultUnlockTitle).fill('1357');
    // The PIN's KDF runs in a worker: the screen shows a progress bar meanwhile, and takes it away. It
    // can be gone within a fraction of a second, so a watcher set up before the tap records that it came.
    await page.evaluate((name) => {
      const seen = window as unknown as { sawPinProgress?: boolean };
      new MutationObserver(() => {
        const bar = document.querySelector('progress');
        const label = bar?.id ? document.querySelector(`label[for="${bar.id}"]`) : null;
        if (label?.textContent === name) seen.sawPinProgress = true;
      }).observe(document.body, { childList: true, subtree: true, attributes: true });
    }, t.vaultLocking);
    await page.getByRole('button', { name: t.vaultUnlock }).click();
    const bar = page.getByRole('progressbar', { name: t.vaultLocking });
    await page.getByText(MARKER).first().waitFor({ timeout: 60_000 });
    await expect
      .poll(() => page.evaluate(() => (window as unknown as { sawPinProgress?: boolean }).sawPinProgress))
      .toBe(true);
    await expect.poll(() => bar.count()).toBe(0);
    await page.locator('img.thumb').waitFor();

    page.once('dialog', (d) => void d.accept());
    await page.getByRole('button', { name: t.vaultDeleteAll }).click();
    await page.locator('h1', { hasText: t.startTitle }).waitFor();
    const left = () =>
      page.evaluate(async () => {
        const db = await new Promise<IDBDatabase>((resolve) => {
          const req = indexedDB.open('vangnet');
          req.onsuccess = () => resolve(req.result);
        });
        const count = (name: string) =>
          new Promise<number>((resolve) => {
            const req = db.transaction(name).objectStore(name).count();
            req.onsuccess = () => resolve(req.result);
          });
        return { items: await count('items'), vault: await count('vault') };
      });
    await expect.poll(left).toEqual({ items: 0, vault: 0 });
    await context.close();
  });
});
