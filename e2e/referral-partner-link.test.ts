import { randomUUID } from 'node:crypto';
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import type { ReportBody, ReportMetadata } from '@vangnet/core';
import {
  type AgeRecipient,
  accessTokenHash,
  deriveReporterKeys,
  generateIdentity,
  generateReceiptCode,
  sealJson,
  toBase64,
} from '@vangnet/crypto';
import type { ReferralPackage } from '@vangnet/server/referrals/referral-package';
import { verifyWebhook } from '@vangnet/server/referrals/signing';
import { type RunningServer, startServer } from '@vangnet/server/server';
import { ensureHelpline } from '@vangnet/server/services/helpline';
import { SESSION_COOKIE } from '@vangnet/server/staff/session-token';
import { startSession } from '@vangnet/server/staff/sessions';
import { createWorker } from '@vangnet/server/staff/workers';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, MOBILE_VIEWPORT } from './support/browser.ts';

/**
 * Warm referral end to end: a reporter's report, a case worker's referral with consent, a partner's
 * webhook receiving the signed package, the partner opening the link in a browser, confirming and
 * reporting the outcome, and the reporter's timeline showing it.
 */
const root = join(import.meta.dirname, '..');
const SECRET_ENV = 'VANGNET_CONNECTOR_OFFLIMITS_SECRET';
const secret = randomUUID();

let server: RunningServer;
let receiver: Server;
let browser: Browser;
let work: string;
const packages: { body: string; signature: string }[] = [];

beforeAll(async () => {
  receiver = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => {
      body += c;
    });
    req.on('end', () => {
      packages.push({ body, signature: String(req.headers['vangnet-signature']) });
      res.writeHead(202).end();
    });
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
  const hook = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/referrals`;

  // The NL pack as shipped, with Offlimits' connector pointed at the local partner.
  work = await mkdtemp(join(tmpdir(), 'vangnet-e2e-referral-'));
  const packDir = join(work, 'NL');
  await cp(join(root, 'country-packs/NL'), packDir, { recursive: true });
  const services = await readFile(join(packDir, 'services.yaml'), 'utf8');
  await writeFile(
    join(packDir, 'services.yaml'),
    services.replace("'https://partner.example.invalid/offlimits/referrals'", `'${hook}'`),
  );
  process.env[SECRET_ENV] = secret;
  server = await startServer({
    port: 0,
    host: '127.0.0.1',
    dataDir: join(work, 'data'),
    countryPackDir: packDir,
    serveApps: false,
    logLevel: 'warn',
  });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await new Promise((r) => receiver.close(r));
  delete process.env[SECRET_ENV];
  await rm(work, { recursive: true, force: true });
});

async function api<T>(
  path: string,
  init: RequestInit & { json?: unknown } = {},
): Promise<{ status: number; body: T }> {
  const { json, ...rest } = init;
  const response = await fetch(`${server.url}${path}`, {
    ...rest,
    headers: { ...(json ? { 'content-type': 'application/json' } : {}), ...(rest.headers ?? {}) },
    ...(json ? { body: JSON.stringify(json) } : {}),
  });
  return { status: response.status, body: (await response.json()) as T };
}

describe('warm referral through a partner link', () => {
  it('hands a case to Offlimits, the partner confirms in the browser, and the reporter sees it', async () => {
    // A 14-year-old reports sextortion; nothing is uploaded.
    const config = (await api<{ helplineRecipients: AgeRecipient[] }>('/api/v1/config')).body;
    const reporter = await deriveReporterKeys(generateReceiptCode());
    const metadata: ReportMetadata = {
      country: 'NL',
      category: 'sextortion',
      platform: 'instagram',
      role: 'self',
      ageBand: '13-15',
      flags: { ongoing: true, danger: false, selfHarm: false, imageAbuse: false },
    };
    const body: ReportBody = {
      version: 1,
      description: 'Iemand wil geld, anders deelt hij mijn foto.',
      links: [],
      language: 'nl',
      manifest: { version: 1, items: [] },
    };
    const sealedBody = await sealJson(body, [...config.helplineRecipients, reporter.recipient]);
    const submitted = await api<{ reportId: string; status: string }>('/api/v1/reports', {
      method: 'POST',
      headers: { 'idempotency-key': randomUUID() },
      json: {
        metadata,
        reporter: { recipient: reporter.recipient, accessTokenHash: accessTokenHash(reporter.accessToken) },
        body: toBase64(sealedBody),
        items: [],
      },
    });
    expect(submitted.status).toBe(201);
    const caseId = submitted.body.reportId;

    // A case worker (created straight in the database: sign-in has its own tests).
    const db = server.deps.db;
    const helplineId = await ensureHelpline(db, server.deps.pack);
    const worker = await createWorker(
      db,
      {
        helplineId,
        email: `worker-${randomUUID()}@helpwanted.test`,
        role: 'caseworker',
        kdfSalt: '00'.repeat(16),
        authKey: 'ab'.repeat(32),
        totpSecret: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP',
        wrappedHelplineKey: new Uint8Array([1]),
      },
      'system',
    );
    const cookie = `${SESSION_COOKIE}=${await startSession(db, worker.id)}`;

    // The routing engine proposes Helpwanted first and Offlimits among the rest; the worker refers.
    const proposals = await api<{ proposed: { serviceId: string; connector: string }[]; advice: string[] }>(
      `/api/v1/staff/cases/${caseId}/referrals`,
      { headers: { cookie } },
    );
    expect(proposals.status).toBe(200);
    expect(proposals.body.proposed[0]?.serviceId).toBe('helpwanted');
    expect(proposals.body.advice).toContain('report-to-police');
    const partnerKey = await generateIdentity();
    const forPartner = await sealJson({ summary: 'sextortion, 13-15, wants help removing images' }, [
      partnerKey.recipient,
    ]);
    const referred = await api<{ referralId: string }>(`/api/v1/staff/cases/${caseId}/referrals`, {
      method: 'POST',
      headers: { cookie },
      json: { serviceId: 'offlimits', consent: true, sealed: toBase64(forPartner) },
    });
    expect(referred.status).toBe(201);

    // The job worker delivers the signed package to the partner's webhook.
    for (let i = 0; i < 100 && packages.length === 0; i++) await new Promise((r) => setTimeout(r, 100));
    expect(packages).toHaveLength(1);
    const delivery = packages[0]!;
    expect(verifyWebhook(secret, delivery.body, delivery.signature, new Date())).toBe(true);
    const pkg = JSON.parse(delivery.body) as ReferralPackage;
    expect(pkg.referralId).toBe(referred.body.referralId);
    expect(pkg.service.name).toBe('Offlimits');
    expect(delivery.body).not.toContain('Iemand wil geld');

    // The partner opens the link on a phone.
    const context = await browser.newContext({ viewport: MOBILE_VIEWPORT });
    const page = await context.newPage();
    const foreign: string[] = [];
    page.on('request', (r) => {
      if (!r.url().startsWith(server.url)) foreign.push(r.url());
    });
    // The token is after '#': the browser never sends it, and the page's script removes it from the address.
    const requested: string[] = [];
    page.on('request', (r) => requested.push(r.url()));
    await page.goto(pkg.link.replace(/^https?:\/\/[^/]+/, server.url));
    await expect.poll(() => page.locator('h1').innerText()).toBe('Referral for Offlimits');
    await expect.poll(() => page.locator('#state').innerText()).toBe('Not confirmed yet.');
    expect(page.url()).not.toContain('token');
    expect(requested.filter((u) => u.includes(pkg.token))).toEqual([]);
    const violations = await new AxeBuilder({ page })
      .withTags(['wcag2a', 'wcag2aa', 'wcag21aa', 'wcag22aa'])
      .analyze();
    expect(violations.violations.map((v) => v.id)).toEqual([]);
    await mkdir(join(root, 'screenshots/partner'), { recursive: true });
    await page.screenshot({ path: join(root, 'screenshots/partner/referral-link.png'), fullPage: true });

    await page.getByRole('button', { name: 'Confirm receipt' }).click();
    await expect.poll(() => page.locator('#state').innerText()).toBe('Receipt confirmed.');
    await page.getByLabel('We are helping').check();
    await page.getByRole('button', { name: 'Report outcome' }).click();
    await expect.poll(() => page.locator('#state').innerText()).toBe('Outcome reported: We are helping.');
    await expect.poll(() => page.getByRole('status').innerText()).toBe('Thank you. Your answer is saved.');
    await page.screenshot({ path: join(root, 'screenshots/partner/referral-confirmed.png'), fullPage: true });
    expect(page.url()).not.toContain('token');
    expect(requested.filter((u) => u.includes(pkg.token))).toEqual([]);
    expect(foreign).toEqual([]);
    await context.close();

    // The case shows the referral's progress…
    const after = await api<{ referrals: { state: string; outcome: string | null }[] }>(
      `/api/v1/staff/cases/${caseId}/referrals`,
      { headers: { cookie } },
    );
    expect(after.body.referrals).toEqual([
      expect.objectContaining({ state: 'outcome', outcome: 'accepted' }),
    ]);
    // …and the reporter's timeline says who has it (by the pack's service id), and nothing more.
    const self = await api<{ timeline: { event: string; detail?: Record<string, string> }[] }>(
      '/api/v1/reports/self',
      { headers: { authorization: `Bearer ${reporter.accessToken}` } },
    );
    expect(self.status).toBe(200);
    const referralEvents = self.body.timeline.filter(
      (e) => e.event.startsWith('handed') || e.event.startsWith('partner'),
    );
    expect(referralEvents).toEqual([
      {
        event: 'handed-over',
        at: expect.any(String),
        detail: { serviceId: 'offlimits' },
      },
      {
        event: 'partner-confirmed',
        at: expect.any(String),
        detail: { serviceId: 'offlimits' },
      },
      {
        event: 'partner-outcome',
        at: expect.any(String),
        detail: { serviceId: 'offlimits', outcome: 'accepted' },
      },
    ]);
  });
});
