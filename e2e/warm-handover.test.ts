import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { PartnerContent } from '@vangnet/core';
import { reportEvents } from '@vangnet/server/db/schema/index';
import { DEMO_PARTNER_IDENTITY, DEMO_PARTNER_RECIPIENT } from '@vangnet/server/referrals/demo-partner';
import type { ReferralPackage } from '@vangnet/server/referrals/referral-package';
import { type RunningServer, startServer } from '@vangnet/server/server';
import { eq } from 'drizzle-orm';
import type { Browser, BrowserContext, CDPSession, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consoleCatalogs } from '../apps/console/src/i18n/compile-in-node.ts';
import type { ConsoleCatalog } from '../apps/console/src/lib/text.ts';
import { PushReceiver } from '../apps/server/test/support/push-receiver.ts';
import { isNewsForReporter } from '../packages/core/src/push/news.ts';
import { axe as consoleAxe, DESKTOP, ensureConsoleBuilt, freshTotp, shot } from './console-fixtures.ts';
import { launchBrowser, MOBILE_VIEWPORT } from './support/browser.ts';
import { copyPackWith } from './support/pack-copy.ts';
import { axe, ensureReportBuild, phoneContext } from './support/report-app.ts';
import { catalogs, sendFromReview, walkToReview } from './support/report-walk.ts';

const { nl: consoleNl, fr: consoleFr } = consoleCatalogs;

/**
 * Issue 10's walk, whole: a child reports through the reporter app and turns on notifications → a
 * worker signs in with a passkey (Chromium's virtual authenticator) and answers (first contact met) →
 * refers the case to the police, whose webhook receiver runs on loopback; the package opens with the
 * real `age` CLI and the partner's identity → the partner confirms through its link and reports an
 * outcome → the child, in a fresh browser with the receipt code, reads who has the report and when,
 * in their own language. The push service on loopback (it checks VAPID and decrypts RFC 8291) got one
 * notification per event the child can see, none with anything of the report in it.
 *
 * Once in Dutch on the NL pack with the console in Dutch, once in French on the BE-VL pack with the
 * console in French. The one stand-in: Chromium cannot reach a vendor's push service here, so
 * PushManager.subscribe hands out the loopback receiver's real subscription keys.
 */
type Walk = {
  pack: 'NL' | 'BE-VL';
  childLocale: string;
  consoleLocale: string;
  t: (typeof catalogs)['nl'];
  c: ConsoleCatalog;
  /** The standard reply that makes first contact, in the reporter's language. */
  firstContact: string;
  /** The police as the pack names them. */
  police: string;
  /** Whose service the pack names as helpline. */
  helpline: string;
  timeZone: string;
  story: string;
};

const walks: Walk[] = [
  {
    pack: 'NL',
    childLocale: 'nl-NL',
    consoleLocale: 'nl-NL',
    t: catalogs.nl,
    c: consoleNl,
    firstContact: 'Eerste contact',
    police: 'Politie',
    helpline: 'Helpwanted',
    timeZone: 'Europe/Amsterdam',
    story: 'Hij zegt dat hij me komt halen na school. Ik ben bang.',
  },
  {
    pack: 'BE-VL',
    childLocale: 'fr-BE',
    consoleLocale: 'fr-BE',
    t: catalogs.fr,
    c: consoleFr,
    firstContact: 'Premier contact',
    police: 'Politie',
    helpline: '1712',
    timeZone: 'Europe/Brussels',
    story: 'Il dit qu’il viendra me chercher après l’école. J’ai peur.',
  },
];

const SECRET_ENV = 'VANGNET_CONNECTOR_POLITIE_SECRET';

describe.each(walks)('warm hand-over on $pack, child in $childLocale, console in $consoleLocale', (walk) => {
  const { t, c } = walk;
  let server: RunningServer & { login: { email: string; password: string; totpSecret: string } };
  let base: string;
  let partnerHook: Server;
  let push: PushReceiver;
  let subscriptionId = '';
  let browser: Browser;
  let worker: Page;
  let cdp: CDPSession;
  let work: string;
  let code = '';
  let caseId = '';
  const deliveries: string[] = [];
  const pageErrors: string[] = [];

  beforeAll(async () => {
    ensureConsoleBuilt();
    ensureReportBuild();
    push = new PushReceiver();
    await push.start();
    process.env.PUSH_SERVICE_ORIGINS = push.origin;
    partnerHook = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => {
        body += chunk;
      });
      req.on('end', () => {
        deliveries.push(body);
        res.writeHead(202).end();
      });
    });
    await new Promise<void>((r) => partnerHook.listen(0, '127.0.0.1', r));
    const hook = `http://127.0.0.1:${(partnerHook.address() as AddressInfo).port}/referrals`;
    // The pack as shipped, except that the police take hand-overs on a webhook here, sealed to the
    // demo partner key whose identity the test holds.
    const connector = `connector: { type: webhook, url: '${hook}', secretEnv: ${SECRET_ENV}, recipient: ${DEMO_PARTNER_RECIPIENT} }`;
    const edit =
      walk.pack === 'NL'
        ? {
            from: /connector: \{ type: email, to: 'referrals@politie\.example\.invalid'[^}]*\}/,
            to: connector,
          }
        : {
            from: /(- id: politie\n[\s\S]*?leadTimes: \{ firstContact: P3D, handover: P1D \}\n)/,
            to: `$1    ${connector}\n`,
          };
    const copied = await copyPackWith(
      walk.pack,
      [{ file: 'services.yaml', ...edit }],
      'vangnet-e2e-handover-',
    );
    work = copied.work;
    const packDir = copied.packDir;
    process.env[SECRET_ENV] = randomUUID();
    const started = await startServer({
      port: 0,
      host: '127.0.0.1',
      dataDir: join(work, 'data'),
      countryPackDir: packDir,
      logLevel: 'warn',
    });
    const login = started.demoLogin as typeof server.login | undefined;
    if (!login) throw new Error('no demo login from startServer');
    server = { ...started, login };
    // WebAuthn needs a host name as relying party, not an address: the console is opened on localhost.
    base = server.url.replace('127.0.0.1', 'localhost');
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await push?.stop();
    await new Promise((r) => partnerHook?.close(r));
    delete process.env.PUSH_SERVICE_ORIGINS;
    delete process.env[SECRET_ENV];
    if (work) await rm(work, { recursive: true, force: true });
  });

  /** A phone whose browser subscribes at the loopback push service (see the note at the top). */
  async function phoneWithPush(): Promise<BrowserContext> {
    const subscription = push.subscribe();
    subscriptionId = subscription.id;
    const context = await phoneContext(browser, walk.childLocale);
    await context.grantPermissions(['notifications'], { origin: server.url });
    await context.addInitScript((sub) => {
      let current: PushSubscription | null = null;
      PushManager.prototype.subscribe = async (options?: PushSubscriptionOptionsInit) => {
        current = {
          endpoint: sub.endpoint,
          options: { applicationServerKey: options?.applicationServerKey, userVisibleOnly: true },
          toJSON: () => ({ endpoint: sub.endpoint, expirationTime: null, keys: sub.keys }),
          unsubscribe: async () => {
            current = null;
            return true;
          },
        } as unknown as PushSubscription;
        return current;
      };
      PushManager.prototype.getSubscription = async () => current;
    }, subscription);
    return context;
  }

  async function openFollowUp(page: Page): Promise<void> {
    await page.goto(server.url);
    await page.getByRole('button', { name: new RegExp(t.startFollow) }).click();
    await page.getByLabel(t.followLabel).fill(code);
    await page.getByRole('button', { name: t.followOpen }).click();
  }

  it('a child reports through the app and turns on notifications', async () => {
    const context = await phoneWithPush();
    const page = await context.newPage();
    await page.goto(server.url);
    await walkToReview(page, {
      t,
      category: 'threats',
      story: walk.story,
      pin: '4821',
      platform: 'Snapchat',
    });
    code = await sendFromReview(page, { t });
    expect(code).toMatch(/^(\d{3} ){6}\d{3}$/);
    // Later, in another tab (a fresh start screen), the child opens the follow-up and turns on news.
    const follow = await context.newPage();
    await openFollowUp(follow);
    // The box turns on once the server has the subscription: click, then wait for the answer.
    await follow.getByLabel(t.pushLabel).click();
    await follow.getByText(t.pushOn).waitFor();
    await expect.poll(() => follow.getByLabel(t.pushLabel).isChecked()).toBe(true);
    expect(await axe(follow)).toEqual([]);
    await context.close();
  });

  it('a worker signs in with a passkey and answers: first contact is met', async () => {
    const context = await browser.newContext({ viewport: DESKTOP, locale: walk.consoleLocale });
    worker = await context.newPage();
    worker.on('pageerror', (e) => pageErrors.push(e.message));
    cdp = await context.newCDPSession(worker);
    await cdp.send('WebAuthn.enable', { enableUI: false });
    await cdp.send('WebAuthn.addVirtualAuthenticator', {
      options: {
        protocol: 'ctap2',
        transport: 'internal',
        hasResidentKey: true,
        hasUserVerification: true,
        isUserVerified: true,
        automaticPresenceSimulation: true,
        hasPrf: true,
      },
    });
    // First sign-in with password and TOTP, to add the passkey; then sign out and use it alone.
    await worker.goto(`${base}/console/`);
    await worker.getByLabel(c.signIn.email).fill(server.login.email);
    await worker.getByRole('button', { name: c.signIn.next }).click();
    await worker.getByLabel(c.signIn.password).fill(server.login.password);
    await worker.getByRole('button', { name: c.signIn.next }).click();
    await worker.getByLabel(c.signIn.totp).fill(await freshTotp(server.login.totpSecret));
    await worker.getByRole('button', { name: c.signIn.submit, exact: true }).click();
    await worker.getByRole('heading', { name: c.queue.title }).waitFor();
    await worker.getByRole('link', { name: c.passkeys.nav }).click();
    await worker.getByLabel(c.passkeys.name, { exact: true }).fill('Laptop');
    await worker.getByRole('button', { name: c.passkeys.add }).click();
    await expect
      .poll(() => worker.getByRole('status').first().innerText())
      .toBe(c.passkeys.addedOne('Laptop'));
    await worker.getByRole('button', { name: c.signIn.signOut }).click();
    await worker.getByRole('button', { name: c.passkeys.signInWith }).click();
    await worker.getByRole('link', { name: c.appName }).click();
    await worker.getByRole('heading', { name: c.queue.title }).waitFor();

    const row = worker.locator('table.cases tbody tr').first();
    caseId = (await row.getAttribute('data-case-id')) ?? '';
    expect(caseId).not.toBe('');
    await row.locator('a').first().click();
    await expect.poll(() => worker.locator('.report-text').innerText()).toBe(walk.story);
    await worker.getByRole('button', { name: walk.firstContact }).click();
    await worker.getByRole('button', { name: c.case.send }).click();
    await worker.getByTestId('first-contact').waitFor();
    expect(await consoleAxe(worker)).toEqual([]);
    await worker.getByRole('link', { name: c.case.back }).click();
    await worker.locator(`tr[data-case-id="${caseId}"]`).getByTestId('first-contact-met').waitFor();
    expect(await consoleAxe(worker)).toEqual([]);
  });

  it('refers the case to the police; only the partner opens the package; the partner confirms', async () => {
    await worker.locator(`tr[data-case-id="${caseId}"] a`).first().click();
    await worker.getByRole('heading', { name: c.refer.title }).waitFor();
    await worker.getByRole('radio', { name: walk.police, exact: true }).check();
    await worker.getByLabel(c.refer.consent).check();
    await worker.getByRole('checkbox', { name: c.refer.parts.description }).check();
    await worker.getByRole('button', { name: c.refer.send }).click();
    await expect.poll(() => worker.getByRole('status').first().innerText()).toBe(c.refer.sent(walk.police));
    await expect.poll(() => deliveries.length, { timeout: 30_000 }).toBe(1);
    const pkg = JSON.parse(deliveries[0]!) as ReferralPackage;
    expect(deliveries[0]).not.toContain(walk.story.slice(0, 20));

    const sealed = join(work, 'referral.age');
    const identity = join(work, 'partner-key.txt');
    await writeFile(sealed, Buffer.from(pkg.sealed, 'base64'));
    await writeFile(identity, `${DEMO_PARTNER_IDENTITY}\n`, { mode: 0o600 });
    const opened = spawnSync('age', ['-d', '-i', identity, sealed], { encoding: 'utf8' });
    expect(opened.status).toBe(0);
    expect((JSON.parse(opened.stdout) as PartnerContent).description).toBe(walk.story);

    const partner = await (await browser.newContext({ viewport: MOBILE_VIEWPORT })).newPage();
    await partner.goto(pkg.link.replace(/^https?:\/\/[^/]+/, server.url));
    await partner.getByRole('button', { name: 'Confirm receipt' }).click();
    await expect.poll(() => partner.locator('#state').innerText()).toBe('Receipt confirmed.');
    await partner.getByLabel('We are helping').check();
    await partner.getByRole('button', { name: 'Report outcome' }).click();
    await expect.poll(() => partner.locator('#state').innerText()).toBe('Outcome reported: We are helping.');
    await partner.context().close();
    const referral = worker.locator('.referrals li[data-referral-state]').first();
    await expect
      .poll(() => referral.getAttribute('data-referral-state'), { timeout: 20_000 })
      .toBe('outcome');
    expect(await consoleAxe(worker)).toEqual([]);
    await shot(worker, `handover-${walk.pack}`);
    expect(pageErrors).toEqual([]);
  });

  it('the child, in a fresh browser with the code, reads who has the report and since when', async () => {
    const context = await phoneContext(browser, walk.childLocale);
    const page = await context.newPage();
    await openFollowUp(page);
    const timeline = page.getByTestId('timeline');
    await timeline.waitFor({ timeout: 60_000 });
    const day = new Intl.DateTimeFormat(t === catalogs.fr ? 'fr' : 'nl', {
      day: 'numeric',
      month: 'long',
      timeZone: walk.timeZone,
    }).format(new Date());
    // The words the child's own catalog has for these events, with today's date in the pack's zone.
    const words = t.timeline;
    await expect.poll(() => timeline.innerText()).toContain(words.handedOver(walk.police, day));
    const text = await timeline.innerText();
    expect(text).toContain(`${words.handedOver(walk.police, day)} ${words.confirmedOn(day)}`);
    expect(text).toContain(words.read(walk.helpline));
    expect(text).toContain(words.replied(walk.helpline));
    expect(text).toContain(words.outcome.accepted!(walk.police));
    for (const raw of ['handed-over', 'partner-confirmed', 'helpline-read', 'status-changed', 'politie"']) {
      expect(text).not.toContain(raw);
    }
    expect(await axe(page)).toEqual([]);
    await shot(page, `handover-timeline-${walk.pack}`);
    await context.close();
  });

  it('the push service got one notification per event the child can see, none with report content', async () => {
    const events = await server.deps.db.select().from(reportEvents).where(eq(reportEvents.reportId, caseId));
    const news = events.filter((e) => isNewsForReporter(e.event));
    expect(news.length).toBeGreaterThanOrEqual(4);
    await expect.poll(() => push.for(subscriptionId).length, { timeout: 30_000 }).toBe(news.length);
    expect(push.rejected).toEqual([]);
    for (const received of push.for(subscriptionId)) {
      expect(JSON.parse(received.plaintext)).toEqual({ lang: walk.childLocale.slice(0, 2) });
      const seen = `${JSON.stringify(received.headers)}${received.raw.toString('latin1')}${received.plaintext}`;
      for (const word of [walk.story.slice(0, 12), caseId, walk.police, walk.helpline, 'threats']) {
        expect(seen).not.toContain(word);
      }
    }
  });
});
