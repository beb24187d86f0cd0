import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds, openTestDatabase, type TestDatabase } from '../../test/support/databases.ts';
import { type SmtpSink, startSmtpSink } from '../../test/support/smtp-sink.ts';
import { auditLog, reportEvents } from '../db/schema/index.ts';
import { backoffMs } from '../jobs/queue.ts';
import { runDueJobs } from '../jobs/worker.ts';
import { measureReferralLeadTimes } from './lead-times.ts';
import type { ReferralPackage } from './referral-package.ts';
import {
  acknowledgeReferral,
  caseReferrals,
  createReferral,
  failedReferrals,
  REFERRAL_QUEUE,
  type ReferralDeps,
  recordOutcome,
  referralDeliveryHandler,
  retryReferral,
} from './referrals.ts';
import { DELIVERY_ID_HEADER, deriveLinkKey, SIGNATURE_HEADER, verifyWebhook } from './signing.ts';
import { packWithConnectors, seedCase } from './test-fixtures.ts';

const SECRET = 'test-secret-for-offlimits';
const sealed = Buffer.from('age-encryption.org/v1 pretend ciphertext').toString('base64');

/** A partner's webhook endpoint that can be down (port closed) and comes back on the same port. */
class Receiver {
  received: { headers: IncomingHttpHeaders; body: string }[] = [];
  private server?: Server;
  readonly port: number;
  constructor(port: number) {
    this.port = port;
  }
  static async onFreePort(): Promise<Receiver> {
    const probe = createServer();
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
    const { port } = probe.address() as AddressInfo;
    await new Promise((r) => probe.close(r));
    return new Receiver(port);
  }
  get url() {
    return `http://127.0.0.1:${this.port}/vangnet/referrals`;
  }
  async up() {
    this.server = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => {
        body += c;
      });
      req.on('end', () => {
        this.received.push({ headers: req.headers, body });
        res.writeHead(202).end();
      });
    });
    await new Promise<void>((r) => this.server!.listen(this.port, '127.0.0.1', r));
  }
  async down() {
    await new Promise((r) => (this.server ? this.server.close(r) : r(undefined)));
    this.server = undefined;
  }
}

describe.each(databaseKinds())('warm referral on %s', (kind) => {
  let database: TestDatabase;
  let receiver: Receiver;
  let smtp: SmtpSink;
  let mails: SmtpSink['mails'] = [];
  let deps: ReferralDeps;

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    receiver = await Receiver.onFreePort();
    smtp = await startSmtpSink();
    mails = smtp.mails;
    const pack = await packWithConnectors({
      offlimits: { type: 'webhook', url: receiver.url, secretEnv: 'TEST_OFFLIMITS_SECRET' },
      politie: { type: 'email', to: 'intake@politie.test' },
      'meld-misdaad-anoniem': { type: 'webhook', url: receiver.url, secretEnv: 'TEST_UNSET_SECRET' },
    });
    deps = {
      db: database.db,
      pack,
      helpline: { id: 'helpline-nl', name: 'Helpwanted' },
      publicUrl: 'http://vangnet.test',
      linkKey: deriveLinkKey('ab'.repeat(32)),
      secretOf: (name) => (name === 'TEST_OFFLIMITS_SECRET' ? SECRET : undefined),
      mail: { url: smtp.url, from: 'vangnet@helpwanted.test' },
    };
  });
  afterAll(async () => {
    await receiver.down();
    await smtp?.close();
    await database.close();
  });

  const step = (now: Date) =>
    runDueJobs({
      db: deps.db,
      handlers: { [REFERRAL_QUEUE]: referralDeliveryHandler(deps) },
      clock: () => now,
    });

  it('delivers a webhook referral exactly once after the receiver was down for the first attempts', async () => {
    const { caseId } = await seedCase(deps.db, 'helpline-nl');
    const t0 = new Date();
    const created = await createReferral(
      deps,
      { caseId, workerId: 'w1', serviceId: 'offlimits', sealed },
      t0,
    );
    expect(created).toMatchObject({ ok: true, created: true });
    // Asking again (a double click, a retried request) queues nothing new.
    const again = await createReferral(deps, { caseId, workerId: 'w1', serviceId: 'offlimits', sealed }, t0);
    expect(again).toEqual({ ok: true, created: false, referralId: created.ok ? created.referralId : '' });

    // Down: three attempts fail, each after a longer pause.
    let now = t0;
    for (let attempt = 1; attempt <= 3; attempt++) {
      expect(await step(now)).toBe(1);
      now = new Date(now.getTime() + backoffMs(attempt));
    }
    expect(receiver.received).toHaveLength(0);
    expect((await caseReferrals(deps, caseId))[0]).toMatchObject({ state: 'queued', attempts: 3 });
    expect((await caseReferrals(deps, caseId))[0]?.lastError).toMatch(/^webhook unreachable/);

    await receiver.up();
    expect(await step(now)).toBe(1);
    // Later runs find nothing to do: the job is done.
    for (let i = 1; i <= 5; i++) expect(await step(new Date(now.getTime() + i * 3_600_000))).toBe(0);

    expect(receiver.received).toHaveLength(1);
    const [delivery] = receiver.received;
    expect(verifyWebhook(SECRET, delivery!.body, delivery!.headers[SIGNATURE_HEADER] as string, now)).toBe(
      true,
    );
    expect(verifyWebhook('wrong', delivery!.body, delivery!.headers[SIGNATURE_HEADER] as string, now)).toBe(
      false,
    );
    const pkg = JSON.parse(delivery!.body) as ReferralPackage;
    expect(delivery!.headers[DELIVERY_ID_HEADER]).toBe(pkg.referralId);
    expect(pkg).toMatchObject({
      version: 1,
      country: 'NL',
      service: { id: 'offlimits', name: 'Offlimits' },
      metadata: { category: 'sextortion', ageBand: '13-15' },
      sealed,
    });
    expect(pkg.partnerUrl).toBe(`http://vangnet.test/api/v1/partner/referrals/${pkg.referralId}`);
    expect(pkg.link).toBe(`${pkg.partnerUrl}#token=${pkg.token}`);
    expect(JSON.stringify(pkg)).not.toContain(caseId);

    const [view] = await caseReferrals(deps, caseId);
    expect(view).toMatchObject({ state: 'delivered', attempts: 4 });

    // The partner confirms (twice: the second changes nothing), then reports the outcome.
    const ackAt = new Date(now.getTime() + 60_000);
    expect((await acknowledgeReferral(deps, pkg.referralId, 'forged', ackAt)).ok).toBe(false);
    expect((await acknowledgeReferral(deps, pkg.referralId, pkg.token, ackAt)).ok).toBe(true);
    expect((await acknowledgeReferral(deps, pkg.referralId, pkg.token, ackAt)).ok).toBe(true);
    const outcome = await recordOutcome(
      deps,
      pkg.referralId,
      pkg.token,
      'accepted',
      new Date(ackAt.getTime() + 1),
    );
    expect(outcome.ok && outcome.referral.state).toBe('outcome');

    const timeline = await deps.db
      .select({ event: reportEvents.event, detail: reportEvents.detail })
      .from(reportEvents)
      .where(eq(reportEvents.reportId, caseId))
      .orderBy(reportEvents.at);
    expect(timeline).toEqual([
      { event: 'handed-over', detail: { serviceId: 'offlimits', service: 'Offlimits' } },
      { event: 'partner-confirmed', detail: { serviceId: 'offlimits', service: 'Offlimits' } },
      {
        event: 'partner-outcome',
        detail: { serviceId: 'offlimits', service: 'Offlimits', outcome: 'accepted' },
      },
    ]);
    const audit = await deps.db
      .select({ action: auditLog.action, actor: auditLog.actor })
      .from(auditLog)
      .where(eq(auditLog.caseId, caseId))
      .orderBy(auditLog.seq);
    expect(audit).toEqual([
      { action: 'case.referral', actor: 'worker:w1' },
      { action: 'referral.delivered', actor: 'system' },
      { action: 'referral.acknowledged', actor: 'partner:offlimits' },
      { action: 'referral.outcome', actor: 'partner:offlimits' },
    ]);
  });

  it('sends an e-mail referral to a real SMTP server, with the sealed part attached and no content in the text', async () => {
    const { caseId } = await seedCase(deps.db, 'helpline-nl');
    const created = await createReferral(deps, { caseId, workerId: 'w1', serviceId: 'politie', sealed });
    expect(created.ok).toBe(true);
    const before = mails.length;
    expect(await step(new Date())).toBe(1);
    expect(mails).toHaveLength(before + 1);
    const mail = mails.at(-1)!;
    // Undo header folding and quoted-printable soft breaks, as a mail client would.
    const raw = mail.raw
      .replace(/=\r?\n/g, '')
      .replace(/\r?\n[ \t]+/g, ' ')
      .replace(/=3D/g, '=');
    expect(mail.to).toEqual(['intake@politie.test']);
    const referralId = created.ok ? created.referralId : '';
    expect(raw).toContain(`Subject: Vangnet referral ${referralId} from Helpwanted`);
    expect(raw).toContain(`filename=referral-${referralId}.age`);
    expect(mail.raw).toContain(Buffer.from(sealed, 'base64').toString('base64'));
    expect(raw).toMatch(/partner\/referrals\/[0-9a-f-]+#token=[A-Za-z0-9_-]{43}/);
    const [view] = await caseReferrals(deps, caseId);
    expect(view?.state).toBe('delivered');
  });

  it('dead-letters a referral that keeps failing, shows it to a supervisor, and a retry can succeed', async () => {
    const { caseId } = await seedCase(deps.db, 'helpline-nl');
    const created = await createReferral(deps, {
      caseId,
      workerId: 'w2',
      serviceId: 'meld-misdaad-anoniem',
      sealed,
    });
    expect(created.ok).toBe(true);
    let now = new Date();
    for (let attempt = 1; attempt <= 12; attempt++) {
      expect(await step(now)).toBe(1);
      now = new Date(now.getTime() + backoffMs(attempt));
    }
    expect(await step(new Date(now.getTime() + 86_400_000))).toBe(0);
    const failed = await failedReferrals(deps);
    expect(failed).toEqual([
      expect.objectContaining({
        caseId,
        serviceId: 'meld-misdaad-anoniem',
        state: 'failed',
        attempts: 12,
        lastError: 'environment variable TEST_UNSET_SECRET is not set',
      }),
    ]);
    // Another helpline's supervisor does not see it.
    expect(await failedReferrals({ ...deps, helpline: { id: 'other', name: 'Other' } })).toEqual([]);

    // The administrator sets the secret; the supervisor retries.
    const fixed = {
      ...deps,
      secretOf: (name: string) => (name === 'TEST_UNSET_SECRET' ? 'now-set' : undefined),
    };
    expect(await retryReferral(fixed, failed[0]!.referralId, now)).toMatchObject({
      caseId: failed[0]!.caseId,
    });
    const received = receiver.received.length;
    await runDueJobs({
      db: deps.db,
      handlers: { [REFERRAL_QUEUE]: referralDeliveryHandler(fixed) },
      clock: () => now,
    });
    expect(receiver.received).toHaveLength(received + 1);
    expect(await failedReferrals(deps)).toEqual([]);
  });

  it('refuses a service without a connector, an unknown service and another helpline’s case', async () => {
    const { caseId } = await seedCase(deps.db, 'helpline-nl');
    const input = { caseId, workerId: 'w1', sealed };
    expect(await createReferral(deps, { ...input, serviceId: 'kindertelefoon' })).toEqual({
      ok: false,
      code: 'referral.no-connector',
    });
    expect(await createReferral(deps, { ...input, serviceId: 'nobody' })).toEqual({
      ok: false,
      code: 'referral.unknown-service',
    });
    const other = { ...deps, helpline: { id: 'helpline-elsewhere', name: 'Elsewhere' } };
    expect(await createReferral(other, { ...input, serviceId: 'offlimits' })).toEqual({
      ok: false,
      code: 'case.not-found',
    });
    const events = await deps.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.caseId, caseId)));
    expect(events).toEqual([]);
  });

  it('measures lead times per service from the kept timestamps, without case ids', async () => {
    const figures = await measureReferralLeadTimes(deps.db, deps.pack, new Date(0));
    expect(figures.map((f) => [f.serviceId, f.referrals, f.delivered, f.confirmed])).toEqual([
      ['meld-misdaad-anoniem', 1, 1, 0],
      ['offlimits', 1, 1, 1],
      ['politie', 1, 1, 0],
    ]);
    expect(JSON.stringify(figures)).not.toMatch(/rep_/);
  });
});
