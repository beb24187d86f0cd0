import { mkdir, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { DEMO_PARTNER_RECIPIENT } from '@vangnet/core';
import { generateSigningKey } from '@vangnet/crypto';
import { federatedReferrals, helplineRecipients } from '@vangnet/server/db/schema/index';
import { type RunningServer, startServer } from '@vangnet/server/server';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  axe,
  type ConsoleServer,
  DESKTOP,
  ensureConsoleBuilt,
  type SubmittedReport,
  signIn,
  submitReport,
} from './console-fixtures.ts';
import { launchBrowser } from './support/browser.ts';
import { copyPackWith } from './support/pack-copy.ts';

/**
 * Issue 14, federation: an NL and a BE-VL instance side by side on loopback (embedded databases; the
 * server test apps/server/test/federation.test.ts runs the same on PostgreSQL). The NL worker refers a
 * case to the Flemish helpline from the Refer panel, the browser seals it to that helpline's key, the
 * NL server delivers it signed; the Flemish worker opens it in their own console and takes it on, and
 * the NL case shows the acknowledgement and the outcome.
 */
const childText = 'Klasgenoten van mijn school in Maastricht pesten me in een groepschat.';

type Instance = RunningServer & { login: ConsoleServer['login'] };
let nl: Instance;
let be: Instance;
const dirs: string[] = [];
let browser: Browser;
let page: Page;
let report: SubmittedReport;

const freePort = () =>
  new Promise<number>((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });

const peerYaml = (peer: Record<string, string>) =>
  `peers:\n  - ${Object.entries(peer)
    .map(([k, v]) => `${k}: '${v}'`)
    .join('\n    ')}\n    leadTimes: { firstContact: PT24H, handover: PT4H }\n`;

async function start(
  code: string,
  port: number,
  key: { privateKey: string; publicKey: string },
  peer: string,
) {
  const { work: dir, packDir } = await copyPackWith(code, [], `vangnet-e2e-federation-${code}-`);
  await writeFile(join(packDir, 'federation.yaml'), peer);
  const dataDir = join(dir, 'data');
  await mkdir(dataDir);
  // The server's signing key, made here so the other instance's peer list can name it before either starts.
  await writeFile(join(dataDir, 'signing-key.json'), JSON.stringify(key), { mode: 0o600 });
  const started = await startServer({
    port,
    host: '127.0.0.1',
    dataDir,
    countryPackDir: packDir,
    logLevel: 'warn',
  });
  const login = started.demoLogin as ConsoleServer['login'] | undefined;
  if (!login) throw new Error('no demo login from startServer');
  return { server: { ...started, login }, dir };
}

beforeAll(async () => {
  ensureConsoleBuilt();
  const [nlPort, bePort] = [await freePort(), await freePort()];
  const nlKey = generateSigningKey();
  const beKey = generateSigningKey();
  // BE-VL first: its helpline's key is made on its first start, and NL's peer list needs it. (NL's own
  // helpline recipient in BE-VL's list only seals replies "to the reporter" there; a placeholder will do.)
  const bePeerOfNl = peerYaml({
    id: 'nl',
    country: 'NL',
    helplineName: 'Helpwanted',
    url: `http://127.0.0.1:${nlPort}`,
    publicKey: nlKey.publicKey,
    recipient: DEMO_PARTNER_RECIPIENT,
  });
  const beStarted = await start('BE-VL', bePort, beKey, bePeerOfNl);
  dirs.push(beStarted.dir);
  be = beStarted.server;
  const [beRecipient] = await be.deps.db.select().from(helplineRecipients);
  const nlStarted = await start(
    'NL',
    nlPort,
    nlKey,
    peerYaml({
      id: 'be-vl',
      country: 'BE-VL',
      helplineName: 'Hulplijn 1712',
      url: `http://127.0.0.1:${bePort}`,
      publicKey: beKey.publicKey,
      recipient: beRecipient!.recipient,
    }),
  );
  nl = nlStarted.server;
  dirs.push(nlStarted.dir);
  report = await submitReport(nl.url, { description: childText });
  browser = await launchBrowser();
  page = await (await browser.newContext({ viewport: DESKTOP })).newPage();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await nl?.close();
  await be?.close();
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

const referral = () => page.locator('.referrals li[data-referral-state]').first();

describe('console: refer a case to another member state’s helpline', () => {
  it('NL: the Flemish helpline is offered after the route; the referral is sealed, sent and acknowledged', async () => {
    await signIn(page, nl);
    await page.locator(`tr[data-case-id="${report.reportId}"] a`).click();
    await page.getByRole('heading', { name: 'Refer' }).waitFor();
    const peer = page.locator('.proposals li[data-service="be-vl"]');
    await expect.poll(() => peer.getAttribute('data-reach')).toBe('federation');
    await expect.poll(() => peer.innerText()).toContain('Another country’s helpline');
    await page.getByLabel('Hulplijn 1712 (BE-VL)').check();
    await page.getByLabel('The reporter agreed to this referral').check();
    await page.getByRole('checkbox', { name: 'What the reporter wrote' }).check();
    await page.getByRole('button', { name: 'Seal and send' }).click();
    await expect
      .poll(() => page.locator('.refer-notice').innerText())
      .toBe('Referral to Hulplijn 1712 (BE-VL) queued.');
    // Delivered to BE-VL, queued there, and acknowledged back (the panel follows it live).
    await expect
      .poll(() => referral().getAttribute('data-referral-state'), { timeout: 20_000 })
      .toBe('acknowledged');
    expect(await axe(page)).toEqual([]);
  });

  it('BE-VL: the worker opens the case with their own key, sees who handed it over, and takes it on', async () => {
    const [federated] = await be.deps.db.select().from(federatedReferrals);
    const caseId = federated!.caseId;
    // A context of its own: cookies ignore the port, so both consoles on 127.0.0.1 would share one.
    const bePage = await (await browser.newContext({ viewport: DESKTOP })).newPage();
    await signIn(bePage, be);
    await bePage.locator(`a[href$="/cases/${caseId}"]`).click();
    await expect.poll(() => bePage.locator('.report-text').innerText()).toBe(childText);
    await expect
      .poll(() => bePage.locator('[data-federated-from="NL"]').innerText())
      .toContain('Handed over by Helpwanted (NL)');
    expect(await axe(bePage)).toEqual([]);
    await bePage.getByLabel('Change status').selectOption('in-progress');
    await bePage.getByRole('button', { name: 'Change status' }).click();
    await expect
      .poll(() => bePage.locator('.case-head [data-status]').getAttribute('data-status'))
      .toBe('in-progress');

    // The outcome reaches NL's case, signed by BE-VL and checked against NL's peer list.
    await bePage.context().close();
    await expect
      .poll(() => referral().getAttribute('data-referral-state'), { timeout: 20_000 })
      .toBe('outcome');
  });
});
