import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO_ANCHOR_PUBLIC_KEY } from '@vangnet/core';
import * as crypto from '@vangnet/crypto';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { helplines } from '../apps/server/src/db/schema/index.ts';
import { createWorker } from '../apps/server/src/staff/workers.ts';
import {
  axe,
  type ConsoleServer,
  DESKTOP,
  ensureConsoleBuilt,
  shot,
  signIn,
  startConsoleServer,
  submitReport,
} from './console-fixtures.ts';
import { launchBrowser } from './support/browser.ts';
import { copyPackWith } from './support/pack-copy.ts';

// Issue 21, the key ceremony on the console's "Helpline key" screen, keyboard only: an administrator
// sees the active list, removes a worker and makes a new helpline key; old and new reports open in the
// same console. With the helpline's own (offline) anchor, the list is downloaded, signed with
// `vangnet anchor sign-list`, and uploaded; a changed file is refused.
let browser: Browser;
const work = mkdtempSync(join(tmpdir(), 'vangnet-e2e-keys-'));
const cli = join(import.meta.dirname, '../apps/cli/bin/vangnet.mjs');
const servers: ConsoleServer[] = [];

beforeAll(async () => {
  ensureConsoleBuilt();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  for (const s of servers) await s.stop();
  rmSync(work, { recursive: true, force: true });
});

async function tabTo(page: Page, target: Locator, max = 200): Promise<void> {
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`not reachable with Tab: ${target}`);
}

/**
 * A caseworker from before key rotation existed: no personal key yet (what their wrapped copy holds does
 * not matter here; this worker leaves).
 */
async function addLegacyWorker(server: ConsoleServer): Promise<string> {
  const email = `leaver-${randomBytes(3).toString('hex')}@nl.example`;
  const kdfSalt = randomBytes(16).toString('hex');
  const { authKey, unwrapKey } = await crypto.deriveWorkerSecrets('a first password', kdfSalt);
  const [helplineId] = await server.deps.db.select({ id: helplines.id }).from(helplines);
  await createWorker(
    server.deps.db,
    {
      helplineId: helplineId!.id,
      email,
      role: 'caseworker',
      kdfSalt,
      authKey,
      totpSecret: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP',
      wrappedHelplineKey: await crypto.wrapHelplineIdentity(
        (await crypto.generateIdentity()).identity,
        unwrapKey,
      ),
    },
    'system',
  );
  return email;
}

async function openKeyScreen(page: Page): Promise<void> {
  await tabTo(page, page.getByRole('link', { name: 'Helpline key' }));
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { name: 'Helpline key', level: 1 }).waitFor();
}

describe('console: the helpline key ceremony', () => {
  it('removes a worker and makes a new key; old and new reports open (demo anchor)', async () => {
    const server = await startConsoleServer();
    servers.push(server);
    const before = await submitReport(server.url, { description: 'Voor de nieuwe sleutel.' });
    const leaver = await addLegacyWorker(server);
    const page = await (await browser.newContext({ viewport: DESKTOP })).newPage();
    await signIn(page, server);
    await openKeyScreen(page);
    await expect.poll(() => page.getByTestId('list-version').innerText()).toBe('1');
    expect(await page.getByTestId('list-check-code').innerText()).toBe(
      crypto.anchorFingerprint(DEMO_ANCHOR_PUBLIC_KEY),
    );
    // The leaver never signed in since keys can rotate: the key cannot change until they are removed.
    const rotate = page.getByRole('button', { name: 'Make the new key now' });
    await expect.poll(() => rotate.isDisabled()).toBe(true);
    expect(await axe(page)).toEqual([]);
    await tabTo(page, page.getByRole('checkbox', { name: `Remove ${leaver} with the new key` }));
    await page.keyboard.press('Space');
    await expect.poll(() => rotate.isEnabled()).toBe(true);
    await tabTo(page, rotate);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('status').innerText()).toBe('Done. List version 2 is active.');
    await expect.poll(() => page.getByTestId('list-version').innerText()).toBe('2');
    // The leaver is gone from the list of who opens new reports.
    await expect.poll(() => page.getByText(leaver).count()).toBe(0);
    expect(await axe(page)).toEqual([]);
    await shot(page, 'helpline-key-rotated');

    // A report sealed to the new list, and the old one, both open in this console.
    const after = await submitReport(server.url, { description: 'Na de nieuwe sleutel.' });
    for (const [report, words] of [
      [after, 'Na de nieuwe sleutel'],
      [before, 'Voor de nieuwe sleutel'],
    ] as const) {
      // In the app (a reload would drop the keys, which live only in memory).
      await tabTo(page, page.getByRole('link', { name: 'Vangnet console' }));
      await page.keyboard.press('Enter');
      await page.getByRole('heading', { name: 'Open cases' }).waitFor();
      await page.locator(`tr[data-case-id="${report.reportId}"] a`).press('Enter');
      await expect.poll(() => page.locator('.report-text').innerText()).toContain(words);
    }
  });

  it('with an offline anchor: downloads the list, refuses a changed one, stores the signed one', async () => {
    const anchor = crypto.generateSigningKey();
    const { packDir } = await copyPackWith('NL', [
      { file: 'pack.yaml', from: DEMO_ANCHOR_PUBLIC_KEY, to: anchor.publicKey },
    ]);
    const server = await startConsoleServer({ countryPackDir: packDir });
    servers.push(server);
    const context = await browser.newContext({ viewport: DESKTOP, acceptDownloads: true });
    const page = await context.newPage();
    await signIn(page, server);
    await openKeyScreen(page);
    await page.getByText('There is no signed list yet.').waitFor();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      (async () => {
        await tabTo(page, page.getByRole('button', { name: 'Download the unsigned list' }));
        await page.keyboard.press('Enter');
      })(),
    ]);
    const listFile = join(work, 'list.json');
    await download.saveAs(listFile);
    const keyFile = join(work, 'anchor.txt');
    writeFileSync(keyFile, anchor.privateKey, { mode: 0o600 });
    const signed = spawnSync(process.execPath, [cli, 'anchor', 'sign-list', keyFile, listFile], {
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(signed.status, signed.stderr).toBe(0);
    const signedFile = join(work, 'signed.json');
    const changedFile = join(work, 'changed.json');
    writeFileSync(signedFile, signed.stdout);
    const attacker = await crypto.generateIdentity();
    const parsed = JSON.parse(signed.stdout) as crypto.SignedRecipientList;
    writeFileSync(
      changedFile,
      JSON.stringify({ ...parsed, list: { ...parsed.list, recipients: [attacker.recipient] } }),
    );
    expect(JSON.parse(readFileSync(listFile, 'utf8')).recipients).toEqual(parsed.list.recipients);

    const input = page.getByLabel('Signed list (JSON file)');
    const store = page.getByRole('button', { name: 'Upload the signed list' });
    await input.setInputFiles(changedFile);
    await tabTo(page, store);
    await page.keyboard.press('Enter');
    await expect
      .poll(() => page.getByRole('alert').innerText())
      .toBe('This file is not a valid list signed by your helpline’s key.');
    await input.setInputFiles(signedFile);
    await tabTo(page, store);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('status').innerText()).toBe('List version 1 is active.');
    expect(await page.getByTestId('list-check-code').innerText()).toBe(
      crypto.anchorFingerprint(anchor.publicKey),
    );
    // The apps now get the list this anchor signed.
    const config = (await (await fetch(`${server.url}/api/v1/config`)).json()) as {
      signedRecipients: crypto.SignedRecipientList;
    };
    expect(config.signedRecipients.signedBy).toBe(anchor.publicKey);
    expect(await axe(page)).toEqual([]);
    await shot(page, 'helpline-key-offline-signed');
  });
});
