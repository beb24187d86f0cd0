import { randomBytes, randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { sealJson, toBase64 } from '@vangnet/crypto';
import { and, eq } from 'drizzle-orm';
import type { FastifyBaseLogger } from 'fastify';
import pino, { type LoggerOptions } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import webpush from 'web-push';
import { jobs, pushSubscriptions, reportEvents, reports } from '../src/db/schema/index.ts';
import { loggerOptions } from '../src/http/logging.ts';
import { runDueJobs } from '../src/jobs/worker.ts';
import { PUSH_QUEUE, pushHandlers } from '../src/push/send-news.ts';
import { subscriptionKeyOf } from '../src/push/subscriptions.ts';
import type { ReferralPackage } from '../src/referrals/referral-package.ts';
import {
  acknowledgeReferral,
  createReferral,
  REFERRAL_QUEUE,
  type ReferralDeps,
  recordOutcome,
  referralDeliveryHandler,
} from '../src/referrals/referrals.ts';
import { deriveLinkKey } from '../src/referrals/signing.ts';
import { packWithConnectors } from '../src/referrals/test-fixtures.ts';
import { ensureHelpline } from '../src/services/helpline.ts';
import {
  addHelpline,
  addVisibleReport,
  addWorker,
  signInAs,
  type TestHelpline,
  type TestReport,
} from './staff-fixtures.ts';
import { databaseKinds } from './support/databases.ts';
import { PushReceiver } from './support/push-receiver.ts';
import { startTestApp, type TestApp } from './support/test-app.ts';

/** A partner's webhook that accepts every referral (the referral tests cover its failures). */
async function webhookPartner(): Promise<{ url: string; packages: ReferralPackage[]; server: Server }> {
  const packages: ReferralPackage[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => {
      body += c;
    });
    req.on('end', () => {
      packages.push(JSON.parse(body) as ReferralPackage);
      res.writeHead(202).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/referrals`, packages, server };
}

describe.each(databaseKinds())('"there is news" web push on %s', (kind) => {
  let t: TestApp;
  let receiver: PushReceiver;
  let partner: Awaited<ReturnType<typeof webhookPartner>>;
  let helpline: TestHelpline;
  let cookie: string;
  let referrals: ReferralDeps;
  const vapid = webpush.generateVAPIDKeys();
  let logs = '';

  beforeAll(async () => {
    receiver = new PushReceiver();
    await receiver.start();
    partner = await webhookPartner();
    const signingKey = { privateKey: randomBytes(32).toString('hex'), publicKey: 'unused' };
    const sink = new Writable({
      write(chunk, _encoding, done) {
        logs += chunk.toString();
        done();
      },
    });
    // The server's own logger options, at the chattiest level.
    const logger = pino(loggerOptions('trace') as LoggerOptions, sink) as unknown as FastifyBaseLogger;
    t = await startTestApp(kind, {
      logger,
      push: {
        vapid: { ...vapid, subject: 'mailto:push-test@vangnet.test' },
        subscriptionKey: subscriptionKeyOf(signingKey.privateKey),
        extraOrigins: [receiver.origin],
      },
    });
    helpline = await addHelpline(t.deps.db, 'NL', await ensureHelpline(t.deps.db, t.deps.pack));
    cookie = (await signInAs(t.app, await addWorker(t.deps.db, helpline, 'caseworker'))).cookie;
    referrals = {
      db: t.deps.db,
      pack: await packWithConnectors({
        offlimits: { type: 'webhook', url: partner.url, secretEnv: 'TEST_PUSH_OFFLIMITS_SECRET' },
      }),
      helpline: { id: helpline.id, name: 'Helpwanted' },
      publicUrl: 'http://vangnet.test',
      linkKey: deriveLinkKey('cd'.repeat(32)),
      secretOf: () => 'test-secret',
    };
  });
  afterAll(async () => {
    await t?.close();
    await receiver?.stop();
    await new Promise((r) => partner?.server.close(r));
  });

  /** Runs every due push and referral job, as the server's job loop would. */
  const runJobs = async () => {
    const handlers = {
      ...pushHandlers(t.deps.db, t.deps.push),
      [REFERRAL_QUEUE]: referralDeliveryHandler(referrals),
    };
    while ((await runDueJobs({ db: t.deps.db, handlers })) > 0) {}
  };
  const reporter = (report: TestReport, method: 'GET' | 'PUT' | 'DELETE', payload?: object) =>
    t.app.inject({
      method,
      url: '/api/v1/reports/self/push',
      headers: { authorization: `Bearer ${report.accessToken}` },
      ...(payload ? { payload } : {}),
    });
  const staff = (url: string, payload: object, headers: Record<string, string> = {}) =>
    t.app.inject({ method: 'POST', url, headers: { cookie, ...headers }, payload });
  const newsEvents = async (reportId: string) =>
    (await t.deps.db.select().from(reportEvents).where(eq(reportEvents.reportId, reportId))).filter((e) =>
      ['helpline-replied', 'status-changed', 'handed-over', 'partner-confirmed', 'partner-outcome'].includes(
        e.event,
      ),
    );

  it('tells the config and the reporter the VAPID key, and says whether this report is subscribed', async () => {
    const config = await t.app.inject({ method: 'GET', url: '/api/v1/config' });
    expect(config.json().vapidPublicKey).toBe(vapid.publicKey);
    const report = await addVisibleReport(t.deps.db, t.deps.blobs, helpline);
    expect((await reporter(report, 'GET')).json()).toEqual({
      enabled: false,
      vapidPublicKey: vapid.publicKey,
    });
    // Without the access token: the same answer as any wrong token, nothing about the report.
    const anonymous = await t.app.inject({ method: 'GET', url: '/api/v1/reports/self/push' });
    expect(anonymous.statusCode).toBe(401);
  });

  it('sends exactly one neutral, decryptable push per event the child sees, and none with report content', async () => {
    const report = await addVisibleReport(t.deps.db, t.deps.blobs, helpline);
    const sub = receiver.subscribe();
    const put = await reporter(report, 'PUT', { endpoint: sub.endpoint, keys: sub.keys, lang: 'fr' });
    expect(put.statusCode).toBe(204);
    expect((await reporter(report, 'GET')).json().enabled).toBe(true);
    // Stored sealed: the endpoint and keys are not in the table in the clear.
    const [row] = await t.deps.db
      .select()
      .from(pushSubscriptions)
      .where(eq(pushSubscriptions.reportId, report.id));
    expect(row?.sealed).not.toContain(sub.id);
    expect(row?.sealed).not.toContain(sub.keys.auth);

    const sealed = toBase64(
      await sealJson({ version: 1, text: `hoi ${report.marker}` }, [helpline.recipient]),
    );
    const messages = `/api/v1/staff/cases/${report.id}/messages`;
    const key = randomUUID();
    // A worker's message; its retry (same key) is not a second event.
    expect((await staff(messages, { sealed }, { 'idempotency-key': key })).statusCode).toBe(201);
    expect((await staff(messages, { sealed }, { 'idempotency-key': key })).statusCode).toBe(200);
    await runJobs();
    // Two events: the message, and (as the first contact) the step to "contacted".
    expect(receiver.for(sub.id)).toHaveLength(2);
    // A note between workers is not for the child: no push.
    expect(
      (await staff(messages, { sealed, internal: true }, { 'idempotency-key': randomUUID() })).statusCode,
    ).toBe(201);
    await runJobs();
    expect(receiver.for(sub.id)).toHaveLength(2);
    // A status change the child sees.
    expect(
      (await staff(`/api/v1/staff/cases/${report.id}/status`, { status: 'in-progress' })).statusCode,
    ).toBe(200);
    await runJobs();
    expect(receiver.for(sub.id)).toHaveLength(3);
    // A referral: delivered, confirmed by the partner, outcome.
    const created = await createReferral(referrals, {
      caseId: report.id,
      workerId: 'w-push',
      serviceId: 'offlimits',
      sealed: toBase64(new Uint8Array([1, 2, 3])),
    });
    expect(created.ok).toBe(true);
    await runJobs();
    expect(receiver.for(sub.id)).toHaveLength(4);
    const pkg = partner.packages.at(-1)!;
    expect((await acknowledgeReferral(referrals, pkg.referralId, pkg.token)).ok).toBe(true);
    // The partner's page clicked twice: one event, one push.
    expect((await acknowledgeReferral(referrals, pkg.referralId, pkg.token)).ok).toBe(true);
    expect((await recordOutcome(referrals, pkg.referralId, pkg.token, 'accepted')).ok).toBe(true);
    await runJobs();
    await runJobs();

    const pushes = receiver.for(sub.id);
    expect(receiver.rejected).toEqual([]);
    expect(pushes).toHaveLength(6);
    expect(pushes).toHaveLength((await newsEvents(report.id)).length);
    const forbidden = [
      report.marker,
      report.id,
      'Offlimits',
      'offlimits',
      'in-progress',
      'contacted',
      'Helpwanted',
    ];
    for (const push of pushes) {
      // The only thing in the payload: which language to say "there is news" in.
      expect(JSON.parse(push.plaintext)).toEqual({ lang: 'fr' });
      expect(push.vapidKey).toBe(vapid.publicKey);
      expect(push.claims.aud).toBe(receiver.origin);
      const seen = `${JSON.stringify(push.headers)}${push.raw.toString('latin1')}${push.plaintext}`;
      for (const word of forbidden) expect(seen).not.toContain(word);
    }
  });

  it('sends nothing after the child turns it off, and nothing to a report without a subscription', async () => {
    const report = await addVisibleReport(t.deps.db, t.deps.blobs, helpline);
    const silent = await addVisibleReport(t.deps.db, t.deps.blobs, helpline);
    const sub = receiver.subscribe();
    await reporter(report, 'PUT', { endpoint: sub.endpoint, keys: sub.keys, lang: 'nl' });
    expect((await reporter(report, 'DELETE')).statusCode).toBe(204);
    expect((await reporter(report, 'DELETE')).statusCode).toBe(204);
    expect((await reporter(report, 'GET')).json().enabled).toBe(false);
    const before = receiver.received.length;
    for (const r of [report, silent]) {
      expect((await staff(`/api/v1/staff/cases/${r.id}/status`, { status: 'in-progress' })).statusCode).toBe(
        200,
      );
    }
    await runJobs();
    expect(receiver.received.length).toBe(before);
  });

  it('forgets a subscription the push service says is gone, and one whose report is deleted', async () => {
    const report = await addVisibleReport(t.deps.db, t.deps.blobs, helpline);
    const sub = receiver.subscribe();
    await reporter(report, 'PUT', { endpoint: sub.endpoint, keys: sub.keys, lang: 'en' });
    receiver.answer.set(sub.id, 410);
    await staff(`/api/v1/staff/cases/${report.id}/status`, { status: 'in-progress' });
    await runJobs();
    expect(receiver.for(sub.id)).toHaveLength(1);
    expect((await reporter(report, 'GET')).json().enabled).toBe(false);

    const deleted = await addVisibleReport(t.deps.db, t.deps.blobs, helpline);
    const other = receiver.subscribe();
    await reporter(deleted, 'PUT', { endpoint: other.endpoint, keys: other.keys, lang: 'en' });
    await t.deps.db.delete(reports).where(eq(reports.id, deleted.id));
    expect(
      await t.deps.db.select().from(pushSubscriptions).where(eq(pushSubscriptions.reportId, deleted.id)),
    ).toEqual([]);
  });

  it('refuses an endpoint that is not a push service, and bad keys, changing nothing', async () => {
    const report = await addVisibleReport(t.deps.db, t.deps.blobs, helpline);
    const sub = receiver.subscribe();
    const cases: [object, number, string][] = [
      [
        { endpoint: 'http://127.0.0.1:1/internal', keys: sub.keys, lang: 'nl' },
        422,
        'push.endpoint-not-allowed',
      ],
      [{ endpoint: 'https://example.com/x', keys: sub.keys, lang: 'nl' }, 422, 'push.endpoint-not-allowed'],
      [
        { endpoint: sub.endpoint, keys: { ...sub.keys, auth: 'short' }, lang: 'nl' },
        400,
        'push.invalid-subscription',
      ],
      [{ endpoint: sub.endpoint, keys: sub.keys, lang: 'xx' }, 400, 'push.invalid-language'],
    ];
    for (const [payload, status, code] of cases) {
      const res = await reporter(report, 'PUT', payload);
      expect(res.statusCode).toBe(status);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json().code).toBe(code);
      // The endpoint is never echoed back.
      expect(res.body).not.toContain((payload as { endpoint: string }).endpoint);
    }
    expect((await reporter(report, 'GET')).json().enabled).toBe(false);
  });

  it('never puts the endpoint or its keys in a log line or a job error', async () => {
    const report = await addVisibleReport(t.deps.db, t.deps.blobs, helpline);
    const sub = receiver.subscribe();
    await reporter(report, 'PUT', { endpoint: sub.endpoint, keys: sub.keys, lang: 'nl' });
    await reporter(report, 'PUT', {
      endpoint: `${sub.endpoint}x`,
      keys: { ...sub.keys, auth: 'x' },
      lang: 'nl',
    });
    // The push service fails: the job records why, by status only.
    receiver.answer.set(sub.id, 500);
    await staff(`/api/v1/staff/cases/${report.id}/status`, { status: 'in-progress' });
    await runJobs();
    const [job] = await t.deps.db
      .select()
      .from(jobs)
      .where(and(eq(jobs.queue, PUSH_QUEUE), eq(jobs.lastError, 'push service answered 500')));
    expect(job).toBeDefined();
    expect(logs.length).toBeGreaterThan(0);
    for (const secret of [sub.id, sub.keys.p256dh, sub.keys.auth]) {
      expect(logs).not.toContain(secret);
      expect(JSON.stringify(job)).not.toContain(secret);
    }
  });
});
