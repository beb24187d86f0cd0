import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readTar } from '@vangnet/core/bundle/index';
import type { Browser, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ConsoleServer, DESKTOP, ensureConsoleBuilt, shot, signIn } from './console-fixtures.ts';
import { launchBrowser } from './support/browser.ts';
import { heading, phoneContext, type ReportServer, startReportServer } from './support/report-app.ts';
import { catalogs, sendFromReview, walkToReview } from './support/report-walk.ts';

// Issue 4's first Done-when item with the real reporter app at the other end: a child reports with two
// screenshots on a phone → the worker signs in with TOTP, sees it on top with its countdown, opens it
// (both images, green) and replies → the child opens the reply with the receipt code and answers →
// the worker refers and closes it; the exported bundle verifies, and fails after one byte changes.
const t = catalogs.nl;
let app: ReportServer;
let browser: Browser;
let worker: Page;
let code = '';
const dir = mkdtempSync(join(tmpdir(), 'vangnet-console-app-'));
const images: string[] = [];
const cli = join(import.meta.dirname, '../apps/cli/bin/vangnet.mjs');

beforeAll(async () => {
  ensureConsoleBuilt();
  app = await startReportServer();
  browser = await launchBrowser();
  for (const [i, background] of [
    [1, { r: 200, g: 40, b: 90 }],
    [2, { r: 20, g: 140, b: 90 }],
  ] as const) {
    const file = join(dir, `chat-${i}.png`);
    await sharp({ create: { width: 360, height: 640, channels: 3, background } })
      .png()
      .toFile(file);
    images.push(file);
  }
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
  rmSync(dir, { recursive: true, force: true });
});

const server = (): Pick<ConsoleServer, 'url' | 'login'> => ({
  url: app.url,
  login: app.server.demoLogin as unknown as ConsoleServer['login'],
});

describe('console with the reporter app: the whole loop', () => {
  it('a child sends a report with two screenshots from the phone', async () => {
    const context = await phoneContext(browser, 'nl-NL');
    const page = await context.newPage();
    await page.goto(app.url);
    await walkToReview(page, {
      t,
      images,
      pasted: 'Niemand wil jou hier.',
      story: 'Ze sturen me elke dag gemene berichten.',
      pin: '4821',
      platform: 'Instagram',
      check: async () => {},
    });
    code = await sendFromReview(page, { t });
    expect(code).toMatch(/^(\d{3} ){6}\d{3}$/);
    await context.close();
  });

  it('the worker signs in, sees it on top with its countdown, opens it: both images, all green', async () => {
    worker = await (await browser.newContext({ viewport: DESKTOP, acceptDownloads: true })).newPage();
    await signIn(worker, server());
    const first = worker.locator('table.cases tbody tr').first();
    await first.waitFor();
    await expect.poll(() => first.innerText()).toMatch(/(\d+ h )?\d+ min left/);
    await first.locator('a').click();
    await worker.locator('.integrity-summary[data-integrity="ok"]').waitFor();
    await expect.poll(() => worker.locator('img.evidence-image').count()).toBe(2);
    await expect.poll(() => worker.locator('.evidence [data-integrity="ok"]').count()).toBe(3);
    await expect
      .poll(() => worker.locator('.report-text').innerText())
      .toBe('Ze sturen me elke dag gemene berichten.');
    await shot(worker, 'case-from-app');
    await worker.getByRole('button', { name: 'Eerste contact' }).click();
    await worker.getByRole('button', { name: 'Send to reporter' }).click();
    await worker.getByText('Ik heb je melding gelezen').waitFor();
  });

  it('the child opens the reply with the receipt code and answers', async () => {
    const context = await phoneContext(browser, 'nl-NL');
    const page = await context.newPage();
    await page.goto(app.url);
    await page.getByRole('button', { name: new RegExp(t.startFollow) }).click();
    await expect.poll(() => heading(page)).toBe(t.followTitle);
    await page.getByLabel(t.followLabel).fill(code);
    await page.getByRole('button', { name: t.followOpen }).click();
    await page.getByText('Ik heb je melding gelezen', { exact: false }).waitFor({ timeout: 60_000 });
    await page.getByLabel(t.followReplyLabel).fill('Het is een jongen uit mijn klas.');
    await page.getByRole('button', { name: t.followSend }).click();
    await page.getByText(t.followSent).waitFor();
    await context.close();
  });

  it('the worker reads the answer, refers and closes; the bundle verifies and a changed byte is named', async () => {
    await worker.getByRole('button', { name: 'Refresh' }).click();
    await worker.getByText('Het is een jongen uit mijn klas.').waitFor();
    const status = worker.locator('[data-status]').last();
    // "Referred" leads to the Refer panel. The Kindertelefoon takes no hand-overs: the worker calls them
    // together with the child and records the referral with the child's consent (nothing is sent).
    await worker.getByLabel('Change status').selectOption('referred');
    await worker.getByRole('button', { name: 'Go to the Refer panel' }).click();
    await worker.getByRole('radio', { name: 'De Kindertelefoon' }).check();
    await worker.getByLabel('The reporter agreed to this referral').check();
    await worker.getByRole('button', { name: 'Record the referral' }).click();
    await expect.poll(() => status.getAttribute('data-status')).toBe('referred');
    await worker.getByLabel('Change status').selectOption('closed');
    await worker.getByRole('button', { name: 'Change status' }).click();
    await worker.getByLabel('Reason').fill('referred-to-police');
    await worker.getByRole('button', { name: 'Change status' }).click();
    await expect.poll(() => status.getAttribute('data-status')).toBe('closed');

    await worker.getByRole('link', { name: 'Export evidence' }).click();
    await worker.getByRole('button', { name: 'Build the bundle' }).click();
    await worker.locator('[data-export="ready"]').waitFor({ timeout: 60_000 });
    const [download] = await Promise.all([
      worker.waitForEvent('download'),
      worker.getByRole('link', { name: 'Download the bundle' }).click(),
    ]);
    const file = join(dir, 'bundle.tar');
    await download.saveAs(file);
    const ok = spawnSync(process.execPath, [cli, 'verify', file], { encoding: 'utf8' });
    expect(ok.stdout).toContain('OK');
    expect(ok.status).toBe(0);

    const bytes = new Uint8Array(readFileSync(file));
    let offset = 0;
    let imageId = '';
    for (const e of readTar(bytes)) {
      if (e.path.startsWith('items/') && e.path.endsWith('.png')) {
        imageId = e.path.slice('items/'.length, -'.png'.length);
        bytes[offset + 512 + 200]! ^= 0x01;
        break;
      }
      offset += 512 + Math.ceil(e.bytes.length / 512) * 512;
    }
    const changed = join(dir, 'changed.tar');
    writeFileSync(changed, bytes);
    const bad = spawnSync(process.execPath, [cli, 'verify', changed], { encoding: 'utf8' });
    expect(bad.status).toBe(1);
    expect(bad.stdout).toContain(`CHANGED item ${imageId}`);
  });
});
