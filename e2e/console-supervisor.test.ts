import { randomBytes, randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { HashSubmission } from '@vangnet/core';
import {
  type AgeIdentity,
  type AgeRecipient,
  deriveWorkerSecrets,
  fromBase64,
  generateIdentity,
  openJson,
  sealJson,
  toBase64,
  toHex,
  wrapHelplineIdentity,
} from '@vangnet/crypto';
import { earlyWarnings, jobs, reports } from '@vangnet/server/db/schema/index';
import { scheduleSlaJobs, slaHandlers } from '@vangnet/server/jobs/sla-watch';
import { runDueJobs } from '@vangnet/server/jobs/worker';
import type { ReferralPackage } from '@vangnet/server/referrals/referral-package';
import { REFERRAL_QUEUE } from '@vangnet/server/referrals/referrals';
import { type RunningServer, startServer } from '@vangnet/server/server';
import { ensureHelpline } from '@vangnet/server/services/helpline';
import { generateTotpSecret } from '@vangnet/server/staff/totp';
import { mailSupervisorsAboutRises } from '@vangnet/server/statistics/rise-notices';
import { and, eq, isNull, like, sql } from 'drizzle-orm';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SmtpSink, startSmtpSink } from '../apps/server/test/support/smtp-sink.ts';
import {
  axe,
  DESKTOP,
  ensureConsoleBuilt,
  makePng,
  makeWav,
  type SubmittedReport,
  shot,
  signIn,
  submitReport,
} from './console-fixtures.ts';
import { launchBrowser } from './support/browser.ts';
import { copyPackWith } from './support/pack-copy.ts';
import { type StaffSession, signInStaff } from './support/staff-client.ts';

/**
 * The supervisor's console: a case past its first-contact target, a hand-over whose partner webhook
 * (on loopback) answers 500 until told otherwise, retried from the screen and seen delivered; a legal
 * hold and an assignment on the case; the evidence viewer and an audio player, keyboard only. The figures
 * screen: a flagged rise the supervisors were mailed about (content-free) is released with the keyboard and
 * the pack's prevention partner receives the k-anonymous signal by e-mail.
 */
const SECRET_ENV = 'VANGNET_CONNECTOR_OFFLIMITS_SECRET';

let server: RunningServer;
/** Mail the server sends (reminders, escalations), as a real SMTP server on loopback received it. */
let smtp: SmtpSink;
const mails = (): SmtpSink['mails'] => smtp.mails;
let receiver: Server;
let partnerUp = false;
const received: string[] = [];
const hotlineBodies: string[] = [];
const HOTLINE_SECRET_ENV = 'VANGNET_CONNECTOR_HOTLINE_E2E_SECRET';
/** A picture code from "the reporter's phone", also on the hotline's known-image list. */
const PHOTO_PDQ = 'f0e1d2c3b4a5968778695a4b3c2d1e0ff0e1d2c3b4a5968778695a4b3c2d1e0f';
let hotlineKey: { identity: AgeIdentity; recipient: AgeRecipient };
let hashCase: SubmittedReport;
let browser: Browser;
let page: Page;
let work: string;
let admin: StaffSession;
let overdueCase: SubmittedReport;
let referredCase: SubmittedReport;
let referralId: string;
const supervisor = {
  email: `supervisor-${randomUUID().slice(0, 6)}@vangnet.example`,
  password: '',
  totpSecret: '',
};
const caseworkerEmail = `worker-${randomUUID().slice(0, 6)}@vangnet.example`;

/** An account made the way the admin's browser makes one: keys derived and wrapped on the client. */
async function addAccount(email: string, role: 'supervisor' | 'caseworker') {
  const password = `pw-${randomBytes(8).toString('hex')}`;
  const kdfSalt = toHex(randomBytes(16));
  const { authKey, unwrapKey } = await deriveWorkerSecrets(password, kdfSalt);
  const totpSecret = generateTotpSecret();
  const res = await admin.request('/api/v1/staff/workers', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      email,
      role,
      kdfSalt,
      authKey,
      totpSecret,
      wrappedHelplineKey: toBase64(await wrapHelplineIdentity(admin.identity, unwrapKey)),
    }),
  });
  if (res.status !== 201) throw new Error(`create worker: ${res.status} ${await res.text()}`);
  return { email, password, totpSecret };
}

beforeAll(async () => {
  ensureConsoleBuilt();
  receiver = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => {
      body += c;
    });
    req.on('end', () => {
      if (req.url === '/hotline') {
        hotlineBodies.push(body);
        return void res.writeHead(202).end();
      }
      if (!partnerUp) return void res.writeHead(500).end();
      received.push(body);
      res.writeHead(202).end();
    });
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
  const base = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
  const hook = `${base}/referrals`;
  hotlineKey = await generateIdentity();
  const copied = await copyPackWith(
    'NL',
    [
      {
        file: 'services.yaml',
        from: "'https://partner.example.invalid/offlimits/referrals'",
        to: `'${hook}'`,
      },
      // The NL hotline has no connector yet (docs/hash-only-reports.md); this copy gives it one, with its key.
      {
        file: 'services.yaml',
        from: '    leadTimes: { firstContact: P1D, handover: PT4H }\n    unverified: [leadTimes]\n',
        to: `    leadTimes: { firstContact: P1D, handover: PT4H }\n    connector: { type: webhook, url: '${base}/hotline', secretEnv: ${HOTLINE_SECRET_ENV}, recipient: ${hotlineKey.recipient} }\n    unverified: [leadTimes]\n`,
      },
    ],
    'vangnet-e2e-supervisor-',
  );
  work = copied.work;
  const packDir = copied.packDir;
  process.env[SECRET_ENV] = randomUUID();
  process.env[HOTLINE_SECRET_ENV] = randomUUID();
  smtp = await startSmtpSink();
  process.env.SMTP_URL = smtp.url;
  process.env.MAIL_FROM = 'vangnet@helpwanted.test';
  server = await startServer({
    port: 0,
    host: '127.0.0.1',
    dataDir: join(work, 'data'),
    countryPackDir: packDir,
    logLevel: 'warn',
  });
  const demo = server.demoLogin as { email: string; password: string; totpSecret: string };
  admin = await signInStaff(server.url, demo);
  Object.assign(supervisor, await addAccount(supervisor.email, 'supervisor'));
  await addAccount(caseworkerEmail, 'caseworker');

  const big = await makePng(3, 2400, 1600);
  overdueCase = await submitReport(server.url, {
    images: [big],
    files: [{ bytes: makeWav(), mediaType: 'audio/wav', kind: 'file', name: 'voice-message.wav' }],
  });
  referredCase = await submitReport(server.url, { metadata: { category: 'exposure', role: 'parent' } });
  // The hotline's known-image list, imported by the admin before the hash-only report arrives.
  const imported = await admin.request('/api/v1/staff/known-hash-lists?source=hotline-e2e', {
    method: 'POST',
    headers: { 'content-type': 'text/csv' },
    body: `pdq,quality\n${PHOTO_PDQ},100\n`,
  });
  if (imported.status !== 201) throw new Error(`hash list import: ${imported.status}`);
  hashCase = await submitReport(server.url, {
    description: 'Iemand dreigt mijn foto te delen.',
    links: ['https://social.example/p/123', 'mijn school'],
    metadata: { category: 'sextortion' },
    hashes: [{ kind: 'image', pdq: PHOTO_PDQ, pdqQuality: 90 }],
  });
  browser = await launchBrowser();
  page = await (await browser.newContext({ viewport: DESKTOP })).newPage();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await new Promise((r) => receiver?.close(r));
  delete process.env[SECRET_ENV];
  delete process.env[HOTLINE_SECRET_ENV];
  delete process.env.SMTP_URL;
  delete process.env.MAIL_FROM;
  await smtp?.close();
  await rm(work, { recursive: true, force: true });
});

/** Three days pass for one case: its first-contact target is long gone and the escalation runs. */
async function letFirstContactLapse(caseId: string) {
  const { db, pack } = server.deps;
  await db
    .update(reports)
    .set({ visibleAt: new Date(Date.now() - 3 * 86_400_000) })
    .where(eq(reports.id, caseId));
  // Reminder jobs planned with the old time are planned again from the new one.
  await db.delete(jobs).where(like(jobs.id, `sla:first-contact:%:${caseId}`));
  await scheduleSlaJobs(db, pack.countryPack!);
  // The same mail settings the server took from SMTP_URL at start: the reminder and escalation go out.
  const notify = {
    mail: { url: process.env.SMTP_URL!, from: process.env.MAIL_FROM! },
    publicUrl: server.url,
  };
  await runDueJobs({ db, handlers: slaHandlers(db, notify) });
}

/** From the supervisor screen to a case, in the app (a reload would drop the keys from memory). */
async function openFromSupervisorScreen(caseId: string) {
  await page.getByRole('link', { name: 'Supervisor' }).click();
  await page
    .getByRole('link', { name: `Open case ${caseId.slice(0, 8)}` })
    .first()
    .click();
  await page.locator('.case-head h1').waitFor();
}

describe('console: the supervisor', () => {
  it('sees an overdue first contact and a failed hand-over, retries it and sees it delivered', async () => {
    await letFirstContactLapse(overdueCase.reportId);
    const created = await admin.request(`/api/v1/staff/cases/${referredCase.reportId}/referrals`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        serviceId: 'offlimits',
        consent: true,
        // Sealed like a real package (the server refuses anything that is not age); its content is not read here.
        sealed: toBase64(await sealJson({ note: 'package' }, [hotlineKey.recipient])),
      }),
    });
    expect(created.status).toBe(201);
    ({ referralId } = (await created.json()) as { referralId: string });
    // The partner keeps answering 500; time passes between tries until the attempts are used up.
    const { db } = server.deps;
    const thisJob = and(eq(jobs.queue, REFERRAL_QUEUE), sql`${jobs.payload}->>'referralId' = ${referralId}`);
    await expect
      .poll(
        async () => {
          await db
            .update(jobs)
            .set({ runAt: new Date() })
            .where(and(thisJob, isNull(jobs.deadAt)));
          const [row] = await db.select({ deadAt: jobs.deadAt }).from(jobs).where(thisJob);
          return row?.deadAt != null;
        },
        { timeout: 90_000, interval: 300 },
      )
      .toBe(true);

    await signIn(page, { url: server.url, login: supervisor });
    await page.getByRole('link', { name: 'Supervisor' }).click();
    await page.getByRole('heading', { name: 'Supervisor', level: 1 }).waitFor();
    const overdue = page.getByRole('table', { name: 'First contact overdue' });
    await expect.poll(() => overdue.locator(`tr[data-case-id="${overdueCase.reportId}"]`).count()).toBe(1);
    // Nobody had the case, so the supervisors were told by e-mail: a link, nothing of the report.
    const toSupervisor = () =>
      mails().filter((m) => m.to.includes(supervisor.email) && m.raw.includes(overdueCase.reportId));
    await expect.poll(() => toSupervisor().length, { timeout: 20_000 }).toBeGreaterThanOrEqual(1);
    for (const { raw } of toSupervisor()) {
      expect(raw).toContain(`/console/cases/${overdueCase.reportId}`);
      for (const secret of ['gemene berichten', 'harassment', 'instagram', '13-15'])
        expect(raw).not.toContain(secret);
    }
    const failed = page.getByRole('table', { name: 'Failed hand-overs' });
    const row = failed.locator(`tr[data-referral-id="${referralId}"]`);
    await expect.poll(() => row.count()).toBe(1);
    await expect.poll(() => row.innerText()).toContain('Offlimits');
    expect(await axe(page)).toEqual([]);
    await shot(page, 'supervisor');

    // The partner is fixed; the supervisor retries with the keyboard.
    partnerUp = true;
    await row.getByRole('button', { name: /^Try again/ }).focus();
    await page.keyboard.press('Enter');
    await expect
      .poll(() => page.getByRole('status').innerText())
      .toBe('The hand-over to Offlimits is queued again.');
    await expect.poll(() => row.count()).toBe(0);
    const retried = page.locator(`li[data-referral-id="${referralId}"]`);
    await expect.poll(() => retried.getAttribute('data-state'), { timeout: 30_000 }).toBe('delivered');
    await expect.poll(() => retried.innerText()).toContain('Delivered');
    expect(received).toHaveLength(1);
    expect(await axe(page)).toEqual([]);
  });

  it('sets a legal hold with a reason and assigns the case to a case worker', async () => {
    await openFromSupervisorScreen(referredCase.reportId);
    await page.getByRole('heading', { name: 'Assignment and hold' }).waitFor();
    const hold = page.getByRole('form', { name: 'Legal hold' });
    await expect.poll(() => hold.locator('[data-legal-hold]').getAttribute('data-legal-hold')).toBe('off');
    await page.getByLabel('Why the case is held').selectOption({ label: 'Court order' });
    await hold.getByRole('button', { name: 'Set legal hold' }).click();
    await expect
      .poll(() => hold.getByRole('status').innerText())
      .toBe('Legal hold set. This is in the audit trail.');
    await expect.poll(() => hold.locator('[data-legal-hold]').getAttribute('data-legal-hold')).toBe('on');

    const assign = page.getByRole('form', { name: 'Assignment' });
    await assign.getByLabel('Assigned to').selectOption({ label: caseworkerEmail });
    await assign.getByRole('button', { name: 'Assign' }).click();
    await expect.poll(() => assign.getByRole('status').innerText()).toBe(`Assigned to ${caseworkerEmail}.`);
    expect(await axe(page)).toEqual([]);

    // Both are in the case's audit trail, the hold with its reason code.
    const audit = (await (
      await admin.request(`/api/v1/staff/cases/${referredCase.reportId}/audit`)
    ).json()) as {
      records: { action: string; detail: Record<string, unknown> }[];
    };
    expect(audit.records.find((r) => r.action === 'case.legal-hold-set')?.detail).toEqual({
      reason: 'court-order',
    });
    expect(audit.records.map((r) => r.action)).toContain('case.assign');
  });

  it('opens an image full size with the keyboard, zooms and pans, and closes with Escape', async () => {
    await openFromSupervisorScreen(overdueCase.reportId);
    const open = page.getByRole('button', { name: 'View screenshot-1.png full size' });
    await open.focus();
    await page.keyboard.press('Enter');
    const viewer = page.getByRole('dialog', { name: 'screenshot-1.png, full size' });
    await viewer.waitFor();
    const zoom = viewer.locator('output');
    await expect.poll(() => zoom.innerText()).toBe('Zoom 100%');
    const picture = viewer.getByRole('img', { name: 'screenshot-1.png' });
    await expect.poll(() => picture.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(2400);
    await expect.poll(() => picture.evaluate((img: HTMLImageElement) => img.width)).toBe(2400);
    expect(await axe(page)).toEqual([]);

    await page.keyboard.press('+');
    await expect.poll(() => zoom.innerText()).toBe('Zoom 150%');
    await expect.poll(() => picture.evaluate((img: HTMLImageElement) => img.width)).toBe(3600);
    await page.keyboard.press('-');
    await page.keyboard.press('-');
    await expect.poll(() => zoom.innerText()).toBe('Zoom 75%');
    await page.keyboard.press('0');
    await expect.poll(() => zoom.innerText()).toBe('Zoom 100%');
    const stage = viewer.locator('.viewer-stage');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => stage.evaluate((s) => [s.scrollLeft, s.scrollTop])).toEqual([60, 60]);
    await shot(page, 'evidence-viewer');
    const src = await picture.getAttribute('src');
    expect(src).toMatch(/^blob:/);

    await page.keyboard.press('Escape');
    await expect.poll(() => viewer.count()).toBe(0);
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label')))
      .toBe('View screenshot-1.png full size');
    // The viewer's copy of the picture is gone with it.
    expect(
      await page.evaluate(
        (u) =>
          fetch(u!).then(
            () => 'readable',
            () => 'revoked',
          ),
        src,
      ),
    ).toBe('revoked');
  });

  it('plays an audio file decrypted in the browser, and drops it when the player closes', async () => {
    const play = page.getByRole('button', { name: 'Play voice-message.wav' });
    await play.click();
    const audio = page.locator('audio[aria-label="voice-message.wav"]');
    await audio.waitFor();
    const src = await audio.getAttribute('src');
    expect(src).toMatch(/^blob:/);
    await expect
      .poll(() => audio.evaluate((a: HTMLAudioElement) => (Number.isFinite(a.duration) ? a.duration : 0)))
      .toBeCloseTo(0.5, 1);
    await audio.evaluate((a: HTMLAudioElement) => a.play());
    await expect.poll(() => audio.evaluate((a: HTMLAudioElement) => a.currentTime > 0 || a.ended)).toBe(true);
    expect(await axe(page)).toEqual([]);
    await page.getByRole('button', { name: 'Close player' }).click();
    await expect.poll(() => audio.count()).toBe(0);
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.textContent))
      .toBe('Play voice-message.wav');
    expect(
      await page.evaluate(
        (u) =>
          fetch(u!).then(
            () => 'readable',
            () => 'revoked',
          ),
        src,
      ),
    ).toBe('revoked');
  });

  it('builds a hash submission from a hash-only case and sends it sealed to the hotline', async () => {
    await page.getByRole('link', { name: 'Vangnet console' }).click();
    await page.locator(`tr[data-case-id="${hashCase.reportId}"] a`).click();
    const panel = page.getByRole('region', { name: 'Hash submission to the hotline' });
    await panel.waitFor();
    await expect.poll(() => panel.innerText()).toContain('hotline-e2e (version 1), distance 0');
    await panel.getByRole('checkbox', { name: 'https://social.example/p/123' }).check();
    await panel.getByRole('checkbox', { name: /reporter agreed/ }).check();
    expect(await axe(page)).toEqual([]);
    await panel.getByRole('button', { name: 'Seal and send to Meldpunt Kinderporno' }).click();
    await expect
      .poll(() => panel.getByRole('status').innerText())
      .toBe('Sent to Meldpunt Kinderporno. It is queued and retried until delivered.');
    await expect.poll(() => hotlineBodies.length, { timeout: 30_000 }).toBe(1);

    const delivered = hotlineBodies[0]!;
    const pkg = JSON.parse(delivered) as ReferralPackage;
    expect(pkg.service.id).toBe('meldpunt-kinderporno');
    const opened = await openJson<HashSubmission>(fromBase64(pkg.sealed) as never, [hotlineKey.identity]);
    expect(opened).toEqual({
      type: 'vangnet.hash-submission',
      version: 1,
      country: 'NL',
      category: 'sextortion',
      ageBand: '13-15',
      hashes: [{ kind: 'image', pdq: PHOTO_PDQ, pdqQuality: 90 }],
      urls: ['https://social.example/p/123'],
      matches: [{ source: 'hotline-e2e', version: 1, kind: 'pdq', hashIndex: 0, distance: 0 }],
    });
    // Only the codes travel: not the child's words, and the address only inside the sealed part.
    expect(delivered).not.toContain('dreigt');
    expect(delivered).not.toContain('social.example');
  });
  it('is mailed about a flagged rise, releases it on the figures screen with the keyboard; the partner gets the signal', async () => {
    const { db, pack } = server.deps;
    const helplineId = await ensureHelpline(db, pack);
    // What the daily check stores for a rise (the rule itself: apps/server/test/early-warnings.test.ts).
    const periodEnd = new Date(Date.UTC(2026, 10, 30));
    await db.insert(earlyWarnings).values({
      id: randomUUID(),
      helplineId,
      dimension: 'platform×category',
      series: 'snapchat|sextortion',
      periodEnd,
      current: 24,
      expected: 10,
      pValue: 0.0004,
    });
    const notify = {
      mail: { url: process.env.SMTP_URL!, from: process.env.MAIL_FROM! },
      publicUrl: server.url,
    };
    await mailSupervisorsAboutRises(db, helplineId, notify, new Date());
    const aboutRise = mails().filter((m) => m.raw.includes('unusual rise'));
    expect(aboutRise.map((m) => m.to)).toEqual([[supervisor.email]]);
    expect(aboutRise[0]!.raw).toContain(`${server.url}/console/figures`);
    for (const secret of ['snapchat', 'sextortion', 'doubled', 'reports,'])
      expect(aboutRise[0]!.raw).not.toContain(secret);

    await page.getByRole('link', { name: 'Figures', exact: true }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Figures and early warnings', level: 1 }).waitFor();
    const rise = page
      .getByRole('table', { name: 'Unusual rises' })
      .locator('tr[data-rise="snapchat|sextortion"]');
    await expect.poll(() => rise.innerText()).toContain('Sextortion on snapchat');
    await page.getByRole('table', { name: /Did this help/ }).waitFor();
    await page.getByRole('link', { name: 'Public figures page' }).waitFor();
    expect(await axe(page)).toEqual([]);
    await shot(page, 'figures');

    await rise.getByRole('button', { name: /^Release signal/ }).focus();
    await page.keyboard.press('Enter');
    await expect
      .poll(() => page.getByRole('status').innerText())
      .toMatch(/^Released: .*prevention partners get a signal/);
    await expect.poll(() => rise.count()).toBe(0);
    await page.getByText('No unusual rise is waiting.').waitFor();
    // The server's own job loop sends the signal through the partner's e-mail connector.
    const signal = () => mails().filter((m) => m.to.includes('signalen@preventie.example.invalid'));
    await expect.poll(() => signal().length, { timeout: 20_000 }).toBe(1);
    // Quoted-printable soft line breaks undone.
    expect(signal()[0]!.raw.replace(/=\r?\n/g, '')).toContain(
      'Reports of sextortion on snapchat more than doubled in the week 2026-11-23 to 2026-11-29: 24 reports, against 10 in a usual week.',
    );
    expect(await axe(page)).toEqual([]);
  });
});
