import { randomUUID } from 'node:crypto';
import type { ReportBody } from '@vangnet/core';
import {
  type AgeRecipient,
  accessTokenHash,
  deriveReporterKeys,
  generateReceiptCode,
  type ReporterKeys,
  sealJson,
  toBase64,
} from '@vangnet/crypto';
import { and, eq, sql } from 'drizzle-orm';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jobs } from '../apps/server/src/db/schema/index.ts';
import { PUSH_QUEUE } from '../apps/server/src/push/send-news.ts';
import { PushReceiver } from '../apps/server/test/support/push-receiver.ts';
import { launchBrowser } from './support/browser.ts';
import { axe, phoneContext, type ReportServer, shot, startReportServer } from './support/report-app.ts';
import { catalogs, tabTo } from './support/report-walk.ts';
import { onlyCase, postHelplineMessage, signInStaff } from './support/staff-client.ts';

// Issue 10, "the child learns there is news without looking": on the follow-up screen a child turns on
// notifications and lets the device remember the code in the PIN vault, with the keyboard only. The
// server then pushes one neutral notice per event to a push service on loopback, which checks the VAPID
// JWT and decrypts each payload (RFC 8291); the service worker shows the neutral line for a push.
//
// The one stand-in: this Chromium cannot reach a browser vendor's push service (no network here), so
// PushManager.subscribe is replaced in the page to hand out a subscription of the loopback receiver
// (its real P-256 key and auth secret). Everything after that (the app's request, the server, the
// encryption, the service worker) is the real thing.
const t = catalogs.en;
let app: ReportServer;
let browser: Browser;
let receiver: PushReceiver;
const secret = `SECRET-${randomUUID().slice(0, 8)}`;

async function submit(url: string): Promise<{ code: string; keys: ReporterKeys; reportId: string }> {
  const config = (await (await fetch(`${url}/api/v1/config`)).json()) as {
    helplineRecipients: AgeRecipient[];
  };
  const code = generateReceiptCode();
  const keys = await deriveReporterKeys(code);
  const body: ReportBody = {
    version: 1,
    description: `They post about me ${secret}`,
    links: [],
    language: 'en',
    manifest: { version: 1, items: [] },
  };
  const res = await fetch(`${url}/api/v1/reports`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'idempotency-key': randomUUID() },
    body: JSON.stringify({
      metadata: {
        country: 'NL',
        category: 'harassment',
        platform: 'instagram',
        role: 'self',
        ageBand: '13-15',
        flags: { ongoing: true, danger: false, selfHarm: false, imageAbuse: false },
      },
      reporter: { recipient: keys.recipient, accessTokenHash: accessTokenHash(keys.accessToken) },
      body: toBase64(await sealJson(body, [...config.helplineRecipients, keys.recipient])),
      items: [],
    }),
  });
  if (res.status !== 201) throw new Error(`submit: ${res.status}`);
  return { code, keys, reportId: ((await res.json()) as { reportId: string }).reportId };
}

beforeAll(async () => {
  receiver = new PushReceiver();
  await receiver.start();
  // The server may send to the loopback receiver as if it were a vendor's push service.
  process.env.PUSH_SERVICE_ORIGINS = receiver.origin;
  app = await startReportServer();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
  await receiver?.stop();
  delete process.env.PUSH_SERVICE_ORIGINS;
});

/** A phone whose browser subscribes at the loopback push service (see the note at the top). */
async function phoneWithPush(subscription: ReturnType<PushReceiver['subscribe']>): Promise<BrowserContext> {
  const context = await phoneContext(browser, 'en-GB');
  await context.grantPermissions(['notifications'], { origin: app.url });
  await context.addInitScript((sub) => {
    let current: PushSubscription | null = null;
    const make = (key: BufferSource): PushSubscription =>
      ({
        endpoint: sub.endpoint,
        options: { applicationServerKey: key, userVisibleOnly: true },
        toJSON: () => ({ endpoint: sub.endpoint, expirationTime: null, keys: sub.keys }),
        unsubscribe: async () => {
          current = null;
          return true;
        },
      }) as unknown as PushSubscription;
    PushManager.prototype.subscribe = async (options?: PushSubscriptionOptionsInit) => {
      current = make(options?.applicationServerKey as BufferSource);
      return current;
    };
    PushManager.prototype.getSubscription = async () => current;
  }, subscription);
  return context;
}

async function openFollowWithCode(page: Page, code: string): Promise<void> {
  await page.goto(app.url);
  await page.getByRole('button', { name: new RegExp(t.startFollow) }).click();
  await page.getByLabel(t.followLabel).fill(code);
  await page.getByRole('button', { name: t.followOpen }).click();
  await page.getByRole('heading', { name: t.deviceTitle }).waitFor();
}

const pushEnabled = async (token: string) =>
  (
    (await (
      await fetch(`${app.url}/api/v1/reports/self/push`, { headers: { authorization: `Bearer ${token}` } })
    ).json()) as { enabled: boolean }
  ).enabled;

describe('news without looking, and the code behind the PIN', () => {
  it('turns on notifications with the keyboard; one neutral push per event reaches the push service', async () => {
    const report = await submit(app.url);
    const sub = receiver.subscribe();
    const context = await phoneWithPush(sub);
    const page = await context.newPage();
    await openFollowWithCode(page, report.code);
    // Quick exit and crisis help stay on this screen.
    await page.getByRole('button', { name: t.quickExit }).first().waitFor();
    await page.getByRole('button', { name: t.helpNow, exact: true }).waitFor();
    await page.getByLabel(t.pushLabel).waitFor();
    expect(await axe(page)).toEqual([]);

    await tabTo(page, (f) => f.type === 'checkbox' && f.name === t.pushLabel);
    await page.keyboard.press('Space');
    await page.getByText(t.pushOn).waitFor();
    await expect.poll(() => page.getByLabel(t.pushLabel).isChecked()).toBe(true);
    expect(await pushEnabled(report.keys.accessToken)).toBe(true);
    expect(await axe(page)).toEqual([]);
    await shot(page, 'follow-push-on');

    // The helpline opens the case (read), writes (a message, and as the first contact the case moves to
    // "contacted") and moves it on: four events, four pushes (the job loop runs each second).
    const login = app.server.demoLogin as unknown as { email: string; password: string; totpSecret: string };
    const staff = await signInStaff(app.url, login);
    const caseView = await onlyCase(staff);
    await postHelplineMessage(staff, caseView, `We read it ${secret}`);
    const status = await staff.request(`/api/v1/staff/cases/${caseView.id}/status`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ status: 'in-progress' }),
    });
    expect(status.status).toBe(200);
    await expect.poll(() => receiver.for(sub.id).length, { timeout: 20_000 }).toBe(4);
    expect(receiver.rejected).toEqual([]);
    for (const push of receiver.for(sub.id)) {
      expect(JSON.parse(push.plaintext)).toEqual({ lang: 'en' });
      const seen = `${JSON.stringify(push.headers)}${push.raw.toString('latin1')}${push.plaintext}`;
      for (const word of [secret, report.reportId, 'in-progress', 'contacted'])
        expect(seen).not.toContain(word);
    }

    // Off again: the server forgets the subscription, and the next event pushes nothing.
    await tabTo(page, (f) => f.type === 'checkbox' && f.name === t.pushLabel);
    await page.keyboard.press('Space');
    await page.getByText(t.pushOff).waitFor();
    expect(await pushEnabled(report.keys.accessToken)).toBe(false);
    await postHelplineMessage(staff, caseView, 'one more');
    // Nothing was even queued for it: no subscription, no push job.
    const queued = await app.server.deps.db
      .select()
      .from(jobs)
      .where(and(eq(jobs.queue, PUSH_QUEUE), sql`${jobs.payload}->>'caseId' = ${caseView.id}`));
    expect(queued).toHaveLength(4);
    expect(receiver.for(sub.id)).toHaveLength(4);
    await context.close();
  });

  it('the service worker shows only the neutral line for a push', async () => {
    const context = await phoneContext(browser, 'fr-FR');
    await context.grantPermissions(['notifications'], { origin: app.url });
    const page = await context.newPage();
    await page.goto(app.url);
    await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
    const cdp = await context.newCDPSession(page);
    const registrations: { registrationId: string; scopeURL: string }[] = [];
    cdp.on('ServiceWorker.workerRegistrationUpdated', (e) => registrations.push(...e.registrations));
    await cdp.send('ServiceWorker.enable');
    await expect.poll(() => registrations.length).toBeGreaterThan(0);
    const registration = registrations.find((r) => r.scopeURL === `${app.url}/`)!;
    const deliver = () =>
      cdp.send('ServiceWorker.deliverPushMessage', {
        origin: app.url,
        registrationId: registration.registrationId,
        data: JSON.stringify({ lang: 'fr' }),
      });
    await deliver();
    await deliver();
    const shown = () =>
      page.evaluate(async () =>
        (await (await navigator.serviceWorker.ready).getNotifications()).map((n) => ({
          title: n.title,
          body: n.body,
          tag: n.tag,
        })),
      );
    // Two pushes, one notice on the screen: the second replaces the first (same tag). On a busy machine a
    // push delivered while the worker is still starting up can be dropped by the browser, so while nothing
    // shows the push is sent again (same tag: it can only replace, never add).
    await expect
      .poll(async () => {
        const now = await shown();
        if (now.length === 0) await deliver();
        return now;
      })
      .toEqual([{ title: catalogs.fr.pushNotice, body: '', tag: 'vn-news' }]);
    await context.close();
  });

  it('remembers the code behind a new PIN, opens with the PIN alone, and forgets it on request', async () => {
    const report = await submit(app.url);
    const context = await phoneContext(browser, 'en-GB');
    let page = await context.newPage();
    await openFollowWithCode(page, report.code);

    await tabTo(page, (f) => f.type === 'checkbox' && f.name === t.rememberLabel);
    await page.keyboard.press('Space');
    // No vault on this phone yet: the child picks a PIN first.
    await page.getByRole('heading', { name: t.rememberPickPin }).waitFor();
    expect(await axe(page)).toEqual([]);
    await tabTo(page, (f) => f.tag === 'input' && f.name === t.vaultPin);
    await page.keyboard.type('7315');
    await page.keyboard.press('Tab');
    await page.keyboard.type('7315');
    await page.keyboard.press('Enter');
    await page.getByText(t.rememberSaved).waitFor({ timeout: 30_000 });
    await expect.poll(() => page.getByLabel(t.rememberLabel).isChecked()).toBe(true);
    await shot(page, 'follow-code-remembered');
    // Nowhere outside the vault: not in local or session storage, not in the page's URL or title.
    const digits = report.code.replace(/\D/g, '');
    const exposed = await page.evaluate(
      () =>
        JSON.stringify({ ...localStorage }) +
        JSON.stringify({ ...sessionStorage }) +
        location.href +
        document.title,
    );
    expect(exposed).not.toContain(digits);

    // Later, on the same phone (a new tab: a reload would stay on this screen): the PIN alone opens the
    // report. A wrong PIN opens nothing.
    await page.close();
    page = await context.newPage();
    await page.goto(app.url);
    await page.getByRole('button', { name: new RegExp(t.startFollow) }).click();
    await page.getByLabel(t.followPinLabel).waitFor();
    expect(await axe(page)).toEqual([]);
    await tabTo(page, (f) => f.tag === 'input' && f.name === t.followPinLabel);
    await page.keyboard.type('0000');
    await page.keyboard.press('Enter');
    await page.getByRole('alert').filter({ hasText: t.vaultWrongPin }).waitFor({ timeout: 30_000 });
    await page.getByLabel(t.followPinLabel).fill('');
    await page.keyboard.type('7315');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: t.deviceTitle }).waitFor({ timeout: 30_000 });
    await page.getByRole('heading', { name: t.followTimeline }).waitFor();

    // Forget it: the next visit asks for the code again.
    await tabTo(page, (f) => f.type === 'checkbox' && f.name === t.rememberLabel);
    await page.keyboard.press('Space');
    await page.getByText(t.rememberForgotten).waitFor();
    await page.close();
    page = await context.newPage();
    await page.goto(app.url);
    await page.getByRole('button', { name: new RegExp(t.startFollow) }).click();
    await page.getByLabel(t.followLabel).waitFor();
    await expect.poll(() => page.getByLabel(t.followPinLabel).count()).toBe(0);
    await context.close();
  });
});
