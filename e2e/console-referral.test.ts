import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { PartnerContent } from '@vangnet/core';
import { jobs } from '@vangnet/server/db/schema/index';
import { DEMO_PARTNER_IDENTITY, DEMO_PARTNER_RECIPIENT } from '@vangnet/server/referrals/demo-partner';
import type { ReferralPackage } from '@vangnet/server/referrals/referral-package';
import { verifyWebhook } from '@vangnet/server/referrals/signing';
import { type RunningServer, startServer } from '@vangnet/server/server';
import { eq } from 'drizzle-orm';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  axe,
  type ConsoleServer,
  DESKTOP,
  ensureConsoleBuilt,
  type SubmittedReport,
  shot,
  signIn,
  submitReport,
} from './console-fixtures.ts';
import { launchBrowser, MOBILE_VIEWPORT } from './support/browser.ts';
import { copyPackWith } from './support/pack-copy.ts';

/**
 * Issue 10, "Refer from the case view": a worker refers a case to the police from the console's Refer
 * panel, keyboard only. The partner's webhook receiver runs on loopback; the package the console sealed
 * in the browser opens with the real `age` CLI and the partner's identity and holds what the child wrote.
 * The first delivery fails and the worker retries it; the partner then confirms through its link and
 * reports the outcome, and the case shows both, live.
 */
const SECRET_ENV = 'VANGNET_CONNECTOR_POLITIE_SECRET';
const secret = randomUUID();
const childText = 'Hij zegt dat hij me komt halen na school. Ik ben bang.';

let server: RunningServer & { login: ConsoleServer['login'] };
let receiver: Server;
let browser: Browser;
let page: Page;
let work: string;
let report: SubmittedReport;
/** What the partner's receiver got; it refuses deliveries (503) until `accepting` is set. */
const deliveries: { body: string; signature: string; status: number }[] = [];
let accepting = false;
const pageErrors: string[] = [];

beforeAll(async () => {
  ensureConsoleBuilt();
  receiver = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => {
      body += c;
    });
    req.on('end', () => {
      const status = accepting ? 202 : 503;
      deliveries.push({ body, signature: String(req.headers['vangnet-signature']), status });
      res.writeHead(status).end();
    });
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
  const hook = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/referrals`;

  // The NL pack as shipped, except that the police take referrals on a webhook of their own (here).
  const copied = await copyPackWith(
    'NL',
    [
      {
        file: 'services.yaml',
        from: /connector: \{ type: email, to: 'referrals@politie\.example\.invalid', recipient: (age1\w+) \}/,
        to: `connector: { type: webhook, url: '${hook}', secretEnv: ${SECRET_ENV}, recipient: $1 }`,
      },
    ],
    'vangnet-e2e-console-referral-',
  );
  work = copied.work;
  const packDir = copied.packDir;
  process.env[SECRET_ENV] = secret;
  const started = await startServer({
    port: 0,
    host: '127.0.0.1',
    dataDir: join(work, 'data'),
    countryPackDir: packDir,
    logLevel: 'warn',
  });
  const login = started.demoLogin as ConsoleServer['login'] | undefined;
  if (!login) throw new Error('no demo login from startServer');
  server = { ...started, login };

  report = await submitReport(server.url, {
    description: childText,
    metadata: {
      category: 'threats',
      platform: 'snapchat',
      flags: { ongoing: true, danger: true, selfHarm: false, imageAbuse: false },
    },
  });
  browser = await launchBrowser();
  const context = await browser.newContext({ viewport: DESKTOP });
  page = await context.newPage();
  page.on('pageerror', (e) => pageErrors.push(e.message));
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await new Promise((r) => receiver?.close(r));
  delete process.env[SECRET_ENV];
  if (work) await rm(work, { recursive: true, force: true });
});

const focused = () =>
  page.evaluate(() => {
    const el = document.activeElement as HTMLInputElement | null;
    return { tag: el?.tagName, id: el?.id ?? '', value: el?.value ?? '', text: el?.textContent ?? '' };
  });

/** Tab until the focused element matches, as a keyboard user would (fails after 40 presses). */
async function tabTo(match: (f: Awaited<ReturnType<typeof focused>>) => boolean): Promise<void> {
  for (let i = 0; i < 40; i++) {
    if (match(await focused())) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`focus never reached the element; now on ${JSON.stringify(await focused())}`);
}

const referral = () => page.locator('.referrals li[data-referral-state]').first();

describe('console: refer from the case view', () => {
  it('opens the case and shows the proposed services with lead times and how each is reached', async () => {
    await signIn(page, server);
    await page.locator(`tr[data-case-id="${report.reportId}"] a`).click();
    await page.getByRole('heading', { name: 'Refer' }).waitFor();
    const proposals = page.locator('.proposals li');
    // The route also names this helpline (Helpwanted) for the reporter; it is not offered as a referral.
    await expect.poll(() => proposals.count()).toBe(2);
    await expect
      .poll(() => proposals.evaluateAll((li) => li.map((l) => (l as HTMLElement).dataset.service)))
      .toEqual(['politie', 'meld-misdaad-anoniem']);
    const police = page.locator('.proposals li[data-service="politie"]');
    await expect
      .poll(() => police.innerText())
      .toContain(
        'Sent to their system, sealed to their key. They aim to contact the reporter within 3 days; hand over within 1 day. These lead times are not yet agreed with the partner.',
      );
    await expect
      .poll(() => page.locator('.proposals li[data-service="meld-misdaad-anoniem"]').innerText())
      .toContain('Call them together with the reporter; nothing is sent');
    // The consent the pack requires is on screen before anything is sent.
    await expect.poll(() => page.getByLabel('The reporter agreed to this referral').isVisible()).toBe(true);
    expect(await axe(page)).toEqual([]);
    await shot(page, 'case-refer-panel');
  });

  it('leads from Status → Referred into the panel, and refuses to send without consent', async () => {
    await page.getByLabel('Change status').selectOption('referred');
    // No bare status change: the form points to the panel, which records consent and sends.
    expect(await page.getByRole('button', { name: 'Change status' }).count()).toBe(0);
    await page.getByRole('button', { name: 'Go to the Refer panel' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(focused).toMatchObject({ id: 'refer-h' });

    await page.getByRole('button', { name: 'Seal and send' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('alert').innerText()).toBe('Choose a service to refer to.');
    expect(deliveries).toEqual([]);
  });

  it('refers with the keyboard alone: service, consent, what is shared, send', async () => {
    await page.locator('#refer-h').focus();
    await tabTo((f) => f.id.startsWith('refer-service-'));
    // Arrow keys move through the radio group to the police.
    for (let i = 0; i < 5 && (await focused()).value !== 'politie'; i++)
      await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Space');
    await expect.poll(() => page.getByLabel('Politie', { exact: true }).isChecked()).toBe(true);
    await page.keyboard.press('Tab');
    await expect.poll(focused).toMatchObject({ id: 'refer-consent' });
    await tabTo((f) => f.text === 'Seal and send');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('alert').innerText()).toBe('Record the reporter’s consent first.');
    expect(deliveries).toEqual([]);

    await page.locator('#refer-h').focus();
    await tabTo((f) => f.id === 'refer-consent');
    await page.keyboard.press('Space');
    await expect.poll(() => page.getByLabel('The reporter agreed to this referral').isChecked()).toBe(true);
    await tabTo((f) => f.id === 'refer-share-description');
    await page.keyboard.press('Space');
    await expect
      .poll(() => page.getByRole('checkbox', { name: 'What the reporter wrote' }).isChecked())
      .toBe(true);
    await tabTo((f) => f.text === 'Seal and send');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('.refer-notice').innerText()).toBe('Referral to Politie queued.');
    // Referred once: the police are no longer offered, the list below shows the referral.
    await expect.poll(() => page.getByRole('radio', { name: 'Politie' }).count()).toBe(0);
    await expect.poll(() => referral().innerText()).toContain('Politie');
    // The case moved to Referred along the pack's workflow.
    await expect
      .poll(() => page.locator('.case-head [data-status]').getAttribute('data-status'))
      .toBe('referred');
  });

  it('shows a failed delivery with Retry; the retry delivers a package only the partner opens', async () => {
    // The receiver refuses the first delivery. Instead of waiting a day of back-off, the test marks the
    // job as having used all its attempts (the state the job queue itself reaches after the last one).
    await expect.poll(() => deliveries.length, { timeout: 15_000 }).toBeGreaterThanOrEqual(1);
    const jobId = `referral:${report.reportId}:politie`;
    const job = async () => (await server.deps.db.select().from(jobs).where(eq(jobs.id, jobId)))[0];
    await expect.poll(async () => (await job())?.lastError, { timeout: 15_000 }).toBe('webhook answered 503');
    await server.deps.db.update(jobs).set({ deadAt: new Date() }).where(eq(jobs.id, jobId));
    await expect
      .poll(() => referral().getAttribute('data-referral-state'), { timeout: 15_000 })
      .toBe('failed');
    await expect.poll(() => referral().innerText()).toContain('webhook answered 503');
    expect(await axe(page)).toEqual([]);
    await shot(page, 'case-refer-failed');

    accepting = true;
    await page.getByRole('button', { name: 'Retry' }).focus();
    await page.keyboard.press('Enter');
    await expect
      .poll(() => referral().getAttribute('data-referral-state'), { timeout: 20_000 })
      .toBe('delivered');
    await expect.poll(() => referral().innerText()).toContain('Delivered');

    const delivered = deliveries.filter((d) => d.status === 202);
    expect(delivered).toHaveLength(1);
    const delivery = delivered[0]!;
    expect(verifyWebhook(secret, delivery.body, delivery.signature, new Date())).toBe(true);
    // Nothing the child wrote travels in the clear.
    expect(delivery.body).not.toContain('bang');
    const pkg = JSON.parse(delivery.body) as ReferralPackage;
    expect(pkg.service).toEqual({ id: 'politie', name: 'Politie' });
    expect(pkg.shared).toEqual(['description']);

    // The partner opens the sealed part with the real age CLI and its own identity.
    const sealedFile = join(work, 'referral.age');
    const identityFile = join(work, 'partner-key.txt');
    await writeFile(sealedFile, Buffer.from(pkg.sealed, 'base64'));
    await writeFile(identityFile, `# public key: ${DEMO_PARTNER_RECIPIENT}\n${DEMO_PARTNER_IDENTITY}\n`, {
      mode: 0o600,
    });
    const opened = spawnSync('age', ['-d', '-i', identityFile, sealedFile], { encoding: 'utf8' });
    expect(opened.stderr).toBe('');
    expect(opened.status).toBe(0);
    const content = JSON.parse(opened.stdout) as PartnerContent;
    expect(content).toMatchObject({
      kind: 'vangnet-referral-content',
      service: { id: 'politie', name: 'Politie' },
      description: childText,
      shared: ['description'],
      language: 'nl',
      metadata: { category: 'threats', ageBand: '13-15' },
    });
    // Only what was ticked: no links, although the report has one.
    expect(content.links).toBeUndefined();

    // The partner confirms through its link, on a phone, and reports the outcome.
    const partner = await browser.newContext({ viewport: MOBILE_VIEWPORT });
    const partnerPage = await partner.newPage();
    await partnerPage.goto(pkg.link.replace(/^https?:\/\/[^/]+/, server.url));
    await expect.poll(() => partnerPage.locator('#state').innerText()).toBe('Not confirmed yet.');
    await partnerPage.getByRole('button', { name: 'Confirm receipt' }).click();
    await expect.poll(() => partnerPage.locator('#state').innerText()).toBe('Receipt confirmed.');

    // The case shows the confirmation without a reload…
    await expect
      .poll(() => referral().getAttribute('data-referral-state'), { timeout: 15_000 })
      .toBe('acknowledged');
    await expect.poll(() => referral().innerText()).toContain('Confirmed by the partner');

    await partnerPage.getByLabel('We are helping').check();
    await partnerPage.getByRole('button', { name: 'Report outcome' }).click();
    await expect
      .poll(() => partnerPage.locator('#state').innerText())
      .toBe('Outcome reported: We are helping.');
    await partner.close();

    // …and then the outcome.
    await expect
      .poll(() => referral().getAttribute('data-referral-state'), { timeout: 15_000 })
      .toBe('outcome');
    await expect.poll(() => referral().innerText()).toContain('Outcome reported · They are helping');
    expect(await axe(page)).toEqual([]);
    await shot(page, 'case-refer-outcome');
    expect(pageErrors).toEqual([]);
  });
});
