import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { itemPath, readTar } from '@vangnet/core/bundle/index';
import { type AgeRecipient, fromBase64, openJson, sealJson, toBase64 } from '@vangnet/crypto';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  axe,
  type ConsoleServer,
  DESKTOP,
  ensureConsoleBuilt,
  makePng,
  type SubmittedReport,
  shot,
  signIn,
  startConsoleServer,
  submitReport,
} from './console-fixtures.ts';
import { launchBrowser } from './support/browser.ts';

// Issue 4's whole loop: a sealed report with two images → a worker signs in with TOTP, finds it at the
// top of the queue with its countdown, opens it (both images, green integrity), replies → the
// reporter reads the reply with the receipt and answers → the worker refers and closes it, exports the
// evidence bundle, which `vangnet verify` accepts and rejects after one byte of one image changes.
let server: ConsoleServer;
let browser: Browser;
let page: Page;
let report: SubmittedReport;
const pageErrors: string[] = [];
const downloads = mkdtempSync(join(tmpdir(), 'vangnet-console-dl-'));
const cli = join(import.meta.dirname, '../apps/cli/bin/vangnet.mjs');

beforeAll(async () => {
  ensureConsoleBuilt();
  server = await startConsoleServer();
  browser = await launchBrowser();
  // An older, ordinary case first, so "top of the queue" means something.
  await submitReport(server.url, {
    description: 'Iemand doet zich voor als mij.',
    metadata: { category: 'impersonation' },
  });
  report = await submitReport(server.url, {
    images: [await makePng(1), await makePng(2)],
    metadata: {
      category: 'threats',
      platform: 'snapchat',
      flags: { ongoing: true, danger: true, selfHarm: false, imageAbuse: false },
    },
  });
  const context = await browser.newContext({ viewport: DESKTOP, acceptDownloads: true });
  page = await context.newPage();
  page.on('pageerror', (e) => pageErrors.push(e.message));
});

afterAll(async () => {
  expect(pageErrors).toEqual([]);
  await browser?.close();
  await server?.stop();
  rmSync(downloads, { recursive: true, force: true });
});

async function reporterThread() {
  const r = await fetch(`${server.url}/api/v1/reports/self`, {
    headers: { authorization: `Bearer ${report.keys.accessToken}` },
  });
  expect(r.status).toBe(200);
  return (await r.json()) as { status: string; messages: { author: string; sealed: string }[] };
}

function verify(path: string) {
  const r = spawnSync(process.execPath, [cli, 'verify', path], { encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, out: `${r.stdout}${r.stderr}` };
}

describe('console: the whole loop', () => {
  it('signs in with password and TOTP; the sign-in screen has no axe violations', async () => {
    await page.goto(`${server.url}/console/`);
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    expect(await axe(page)).toEqual([]);
    await shot(page, 'sign-in');
    await signIn(page, server);
    // The key is in memory only.
    const stored = await page.evaluate(async () => ({
      local: Object.keys(localStorage).length,
      session: Object.keys(sessionStorage).length,
      dbs: (await indexedDB.databases()).length,
    }));
    expect(stored).toEqual({ local: 0, session: 0, dbs: 0 });
  });

  it('shows the new urgent case at the top of the queue with its countdown', async () => {
    const first = page.locator('table.cases tbody tr').first();
    await first.waitFor();
    await expect.poll(() => first.getAttribute('data-case-id')).toBe(report.reportId);
    await expect.poll(() => first.innerText()).toMatch(/\d+ min left|\d+ h \d+ min left/);
    await expect.poll(() => first.innerText()).toContain('Urgent');
    await expect.poll(() => first.innerText()).toContain('Threats');
    await expect.poll(() => page.locator('table.cases tbody tr').count()).toBe(2);
    expect(await axe(page)).toEqual([]);
    await shot(page, 'queue');
  });

  it('opens the case, shows both images and a green integrity state', async () => {
    await page.locator(`tr[data-case-id="${report.reportId}"] a`).click();
    await page.locator('[data-integrity]').first().waitFor();
    await expect.poll(() => page.locator('.integrity-summary').getAttribute('data-integrity')).toBe('ok');
    const images = page.locator('img.evidence-image');
    await expect.poll(() => images.count()).toBe(2);
    // Decoding is asynchronous: wait until both pictures have loaded, then check their size.
    await expect
      .poll(() =>
        images.evaluateAll((imgs) =>
          imgs.map((i) => (i as HTMLImageElement).complete && (i as HTMLImageElement).naturalWidth),
        ),
      )
      .toEqual([320, 320]);
    await expect.poll(() => page.locator('.evidence [data-integrity="ok"]').count()).toBe(2);
    await expect.poll(() => page.locator('.report-text').innerText()).toContain('gemene berichten');
    expect(await axe(page)).toEqual([]);
    await shot(page, 'case');
  });

  it('replies with a standard reply; the reporter reads it with the receipt and answers', async () => {
    await page.getByRole('button', { name: 'Eerste contact' }).click();
    await page.getByRole('button', { name: 'Send to reporter' }).click();
    await expect.poll(async () => (await reporterThread()).messages.length).toBe(1);

    const thread = await reporterThread();
    const reply = await openJson<{ text: string }>(fromBase64(thread.messages[0]!.sealed) as never, [
      report.keys.identity,
    ]);
    expect(reply.text).toContain('Ik heb je melding gelezen');

    const config = (await (await fetch(`${server.url}/api/v1/config`)).json()) as {
      helplineRecipients: AgeRecipient[];
    };
    const answer = await sealJson({ version: 1, text: 'Dank je. Het gebeurt elke avond.' }, [
      ...config.helplineRecipients,
      report.keys.recipient,
    ]);
    const posted = await fetch(`${server.url}/api/v1/reports/self/messages`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${report.keys.accessToken}`,
        'content-type': 'application/json',
        'idempotency-key': crypto.randomUUID(),
      },
      body: JSON.stringify({ sealed: toBase64(answer) }),
    });
    expect(posted.status).toBe(201);
    await page.getByRole('button', { name: 'Refresh' }).click();
    await page.getByText('Het gebeurt elke avond.').waitFor();
  });

  it('adds a sealed internal note the reporter never sees', async () => {
    await page.getByLabel('Note', { exact: true }).fill('Meisje, 14. Dreiging lijkt serieus.');
    await page.getByRole('button', { name: 'Add note' }).click();
    await page.getByText('Dreiging lijkt serieus.').waitFor();
    const thread = await reporterThread();
    expect(thread.messages.filter((m) => m.author === 'helpline')).toHaveLength(1);
  });

  it('moves the case through the workflow: contacted (by the first reply), referred (Refer panel), closed (reason)', async () => {
    const status = page.locator('[data-status]').last();
    // The reply above was the first contact: the pack's workflow moved the case to "contacted".
    await expect.poll(() => status.getAttribute('data-status')).toBe('contacted');
    await page.getByTestId('first-contact').waitFor();

    // "Referred" leads to the Refer panel: consent and what is shared are asked up front, the package is
    // sealed to the partner, and the status follows (console-referral.test.ts covers the hand-over).
    await page.getByLabel('Change status').selectOption('referred');
    await page.getByRole('button', { name: 'Go to the Refer panel' }).click();
    await page.getByRole('radio', { name: 'Politie' }).check();
    await page.getByLabel('The reporter agreed to this referral').check();
    await page.getByRole('checkbox', { name: 'What the reporter wrote' }).check();
    await page.getByRole('button', { name: 'Seal and send' }).click();
    await expect.poll(() => status.getAttribute('data-status')).toBe('referred');

    await page.getByLabel('Change status').selectOption('closed');
    await page.getByRole('button', { name: 'Change status' }).click();
    await page.getByLabel('Reason').fill('referred-to-police');
    await page.getByRole('button', { name: 'Change status' }).click();
    await expect.poll(() => status.getAttribute('data-status')).toBe('closed');
    expect((await reporterThread()).status).toBe('closed');
  });

  it('shows a supervisor the case audit trail with an intact chain', async () => {
    await page.getByRole('button', { name: 'Show the audit trail' }).click();
    await page.getByText(/every link between consecutive records holds/).waitFor();
    await expect
      .poll(() => page.locator('section[aria-labelledby="audit-h"] tbody td:nth-child(4)').allInnerTexts())
      .toEqual(expect.arrayContaining(['case.view', 'evidence.view', 'case.message', 'case.status']));
  });

  it('exports a bundle that vangnet verify accepts, and rejects after one byte of one image changes', async () => {
    await page.getByRole('link', { name: 'Export evidence' }).click();
    await page.getByRole('heading', { name: 'Export evidence' }).waitFor();
    await page.getByRole('button', { name: 'Build the bundle' }).click();
    await page.locator('[data-export="ready"], .export .notice-error').first().waitFor({ timeout: 60_000 });
    expect(pageErrors).toEqual([]);
    await expect.poll(() => page.locator('.export .notice-error').allInnerTexts()).toEqual([]);
    expect(await axe(page)).toEqual([]);
    await shot(page, 'export');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Download the bundle' }).click(),
    ]);
    const file = join(downloads, download.suggestedFilename());
    await download.saveAs(file);
    expect(download.suggestedFilename()).toBe(`vangnet-evidence-${report.reportId}.tar`);

    const ok = verify(file);
    expect(ok.out).toContain('OK');
    expect(ok.code).toBe(0);

    // The bundle holds the original images and an audit extract ending with the export itself.
    const entries = readTar(new Uint8Array(readFileSync(file)));
    const image = entries.find((e) => e.path === itemPath(report.itemIds[1]!, 'image/png'))!;
    expect(Buffer.from(image.bytes).equals(Buffer.from(report.images[1]!))).toBe(true);
    const audit = JSON.parse(new TextDecoder().decode(entries.find((e) => e.path === 'audit.json')!.bytes));
    const actions = audit.records.map((r: { action: string }) => r.action);
    expect(actions).toEqual(
      expect.arrayContaining(['case.view', 'evidence.view', 'case.message', 'case.status']),
    );
    expect(actions.at(-1)).toBe('case.export');
    expect(entries.find((e) => e.path === 'summary.pdf')!.bytes.subarray(0, 5)).toEqual(
      new TextEncoder().encode('%PDF-'),
    );

    // Flip one byte in the middle of the second image, inside the tar.
    const bytes = new Uint8Array(readFileSync(file));
    let offset = 0;
    for (const e of entries) {
      if (e.path === image.path) break;
      offset += 512 + Math.ceil(e.bytes.length / 512) * 512;
    }
    bytes[offset + 512 + Math.floor(image.bytes.length / 2)]! ^= 0x01;
    const changed = join(downloads, 'changed.tar');
    writeFileSync(changed, bytes);
    const bad = verify(changed);
    expect(bad.code).toBe(1);
    expect(bad.out).toContain(`CHANGED item ${report.itemIds[1]}`);
    expect(bad.out).not.toContain(`CHANGED item ${report.itemIds[0]}`);
  });
});
