import { randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { generateIdentity, sealJson, toBase64 } from '@vangnet/crypto';
import type { ReferralPackage } from '@vangnet/server/referrals/referral-package';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ConsoleServer,
  axe as consoleAxe,
  DESKTOP,
  ensureConsoleBuilt,
  signIn,
} from './console-fixtures.ts';
import { launchBrowser } from './support/browser.ts';
import { copyPackWith } from './support/pack-copy.ts';
import {
  axe,
  heading,
  phoneContext,
  type ReportServer,
  shot,
  startReportServer,
} from './support/report-app.ts';
import { catalogs, sendFromReview, walkToReview } from './support/report-walk.ts';

// Issue 10, "First contact counts" and "The child sees it": a child reports in Dutch → the worker
// replies, and the queue shows "first contact met" instead of a countdown → the case is referred to
// Offlimits (its webhook runs on loopback) through the staff API and the partner confirms → the child,
// in a fresh browser context with the code, reads the timeline in plain Dutch words.
const t = catalogs.nl;
const SECRET_ENV = 'VANGNET_CONNECTOR_OFFLIMITS_SECRET';
let app: ReportServer;
let browser: Browser;
let worker: Page;
let receiver: Server;
let work: string;
let code = '';
const packages: string[] = [];

beforeAll(async () => {
  ensureConsoleBuilt();
  receiver = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => {
      body += c;
    });
    req.on('end', () => {
      packages.push(body);
      res.writeHead(202).end();
    });
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
  const hook = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/referrals`;
  // The NL pack as shipped, with Offlimits' webhook pointed at the local partner.
  const copied = await copyPackWith(
    'NL',
    [
      {
        file: 'services.yaml',
        from: "'https://partner.example.invalid/offlimits/referrals'",
        to: `'${hook}'`,
      },
    ],
    'vangnet-e2e-contact-',
  );
  work = copied.work;
  const packDir = copied.packDir;
  process.env[SECRET_ENV] = randomUUID();
  app = await startReportServer({ countryPackDir: packDir });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
  await new Promise((r) => receiver?.close(r));
  delete process.env[SECRET_ENV];
  await rm(work, { recursive: true, force: true });
});

const server = (): Pick<ConsoleServer, 'url' | 'login'> => ({
  url: app.url,
  login: app.server.demoLogin as unknown as ConsoleServer['login'],
});

describe('first contact, and the child reads the timeline in plain words', () => {
  it('a child reports in Dutch', async () => {
    const context = await phoneContext(browser, 'nl-NL');
    const page = await context.newPage();
    await page.goto(app.url);
    await walkToReview(page, {
      t,
      story: 'Ze sturen me elke dag gemene berichten.',
      pin: '4821',
      platform: 'Instagram',
    });
    code = await sendFromReview(page, { t });
    expect(code).toMatch(/^(\d{3} ){6}\d{3}$/);
    await context.close();
  });

  it('the worker replies; the queue shows first contact met instead of a countdown', async () => {
    worker = await (await browser.newContext({ viewport: DESKTOP })).newPage();
    await signIn(worker, server());
    const first = worker.locator('table.cases tbody tr').first();
    await expect.poll(() => first.innerText()).toMatch(/(\d+ h )?\d+ min left/);
    await first.locator('a').first().click();
    await worker.locator('.integrity-summary').waitFor();
    await worker.getByRole('button', { name: 'Eerste contact' }).click();
    await worker.getByRole('button', { name: 'Send to reporter' }).click();
    await worker.getByText('Ik heb je melding gelezen').waitFor();
    await worker.getByRole('button', { name: 'Refresh' }).click();
    await worker.getByTestId('first-contact').waitFor();
    expect(await worker.getByTestId('first-contact').innerText()).toContain('(message)');
    expect(await consoleAxe(worker)).toEqual([]);

    await worker.getByRole('link', { name: 'Back to the queue' }).click();
    const row = worker.locator('table.cases tbody tr').first();
    await row.getByTestId('first-contact-met').waitFor();
    await expect.poll(() => row.innerText()).not.toMatch(/min left/);
    expect(await consoleAxe(worker)).toEqual([]);
  });

  it('the case is referred to Offlimits and the partner confirms', async () => {
    const caseId = await worker.locator('table.cases tbody tr').first().getAttribute('data-case-id');
    const cookie = (await worker.context().cookies())
      .filter((c) => app.url.includes(c.domain))
      .map((c) => `${c.name}=${c.value}`)
      .join('; ');
    const partnerKey = await generateIdentity();
    const referred = await fetch(`${app.url}/api/v1/staff/cases/${caseId}/referrals`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json' },
      body: JSON.stringify({
        serviceId: 'offlimits',
        consent: true,
        sealed: toBase64(await sealJson({ summary: 'pesten, 13-15' }, [partnerKey.recipient])),
      }),
    });
    expect(referred.status).toBe(201);
    await expect.poll(() => packages.length, { timeout: 20_000 }).toBe(1);
    const pkg = JSON.parse(packages[0]!) as ReferralPackage;
    const ack = await fetch(`${app.url}/api/v1/partner/referrals/${pkg.referralId}/ack`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token: pkg.token }),
    });
    expect(ack.status).toBe(200);
  });

  it('the child, in a fresh browser with the code, reads the timeline in plain Dutch', async () => {
    const context = await phoneContext(browser, 'nl-NL');
    const page = await context.newPage();
    await page.goto(app.url);
    await page.getByRole('button', { name: new RegExp(t.startFollow) }).click();
    await expect.poll(() => heading(page)).toBe(t.followTitle);
    await page.getByLabel(t.followLabel).fill(code);
    await page.getByRole('button', { name: t.followOpen }).click();
    const timeline = page.getByTestId('timeline');
    await timeline.waitFor({ timeout: 60_000 });
    const day = new Intl.DateTimeFormat('nl', {
      day: 'numeric',
      month: 'long',
      timeZone: 'Europe/Amsterdam',
    }).format(new Date());
    await expect.poll(() => timeline.innerText()).toContain('Je melding is aangekomen.');
    const text = await timeline.innerText();
    expect(text).toContain('Helpwanted heeft je melding gelezen.');
    expect(text).toContain('Helpwanted heeft contact met je opgenomen.');
    expect(text).toContain(
      `We hebben je melding op ${day} doorgegeven aan Offlimits. Zij hebben het op ${day} bevestigd.`,
    );
    // Offlimits' lead time is unverified in the pack: said as a maybe, with "check with your code".
    expect(text).toContain('Deze tijd is niet bevestigd. Kijk met je code.');
    // No raw event ids or codes on the screen.
    for (const raw of ['handed-over', 'partner-confirmed', 'helpline-read', 'status-changed', 'offlimits']) {
      expect(text).not.toContain(raw);
    }
    expect(await axe(page)).toEqual([]);
    await shot(page, 'follow-timeline-nl');
    // The child writes back: the case is marked unread in the worker's queue.
    await page.getByLabel(t.followReplyLabel).fill('Dank je. Het gaat nu beter.');
    await page.getByRole('button', { name: t.followSend }).click();
    await page.getByText(t.followSent).waitFor();
    await context.close();
  });

  it("the child's message marks the case unread in the queue until the worker opens it", async () => {
    // The queue polls every few seconds: no reload.
    const row = worker.locator('table.cases tbody tr').first();
    await row.getByTestId('unread').waitFor();
    expect(await consoleAxe(worker)).toEqual([]);
    await row.locator('a').first().click();
    await worker.getByText('Dank je. Het gaat nu beter.').waitFor();
    await worker.getByRole('link', { name: 'Back to the queue' }).click();
    const again = worker.locator('table.cases tbody tr').first();
    await again.getByTestId('first-contact-met').waitFor();
    await expect.poll(() => again.getByTestId('unread').count()).toBe(0);
  });
});
