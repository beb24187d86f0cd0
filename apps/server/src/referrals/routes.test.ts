import { type AgeRecipient, sealJson, toBase64 } from '@vangnet/crypto';
import { eq } from 'drizzle-orm';
import Fastify, { type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds, openTestDatabase, type TestDatabase } from '../../test/support/databases.ts';
import { auditLog } from '../db/schema/index.ts';
import { registerProblemHandling } from '../http/problem.ts';
import { runDueJobs } from '../jobs/worker.ts';
import { SESSION_COOKIE } from '../staff/session-token.ts';
import { startSession } from '../staff/sessions.ts';
import { staffPolicyOf } from '../staff/staff-policy.ts';
import { totpKeyOf } from '../staff/totp-at-rest.ts';
import { createWorker } from '../staff/workers.ts';
import { workflowRoute } from '../staff/workflow-route.ts';
import { DEMO_PARTNER_RECIPIENT } from './demo-partner.ts';
import { REFERRAL_QUEUE, type ReferralDeps, referralDeliveryHandler } from './referrals.ts';
import { partnerReferralRoutes, staffReferralRoutes } from './routes.ts';
import { deriveLinkKey, partnerToken } from './signing.ts';
import { packWithConnectors, seedCase } from './test-fixtures.ts';

let sealed: string;
beforeAll(async () => {
  sealed = toBase64(
    await sealJson({ description: 'sealed to the partner' }, [DEMO_PARTNER_RECIPIENT as AgeRecipient]),
  );
});

describe.each(databaseKinds())('referral HTTP routes on %s', (kind) => {
  let database: TestDatabase;
  let app: FastifyInstance;
  let referrals: ReferralDeps;
  let caseId: string;
  const cookies: Record<string, string> = {};
  const delivered: string[] = [];

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    const { db } = database;
    ({ caseId } = await seedCase(db, 'helpline-r'));
    await seedCase(db, 'helpline-other');
    referrals = {
      db,
      pack: await packWithConnectors({
        offlimits: {
          type: 'webhook',
          url: 'http://127.0.0.1:9/unused',
          secretEnv: 'X_SECRET',
          recipient: DEMO_PARTNER_RECIPIENT,
        },
      }),
      helpline: { id: 'helpline-r', name: 'Helpwanted' },
      publicUrl: 'http://vangnet.test',
      linkKey: deriveLinkKey('cd'.repeat(32)),
      secretOf: () => 'secret',
    };
    for (const [name, role, helplineId] of [
      ['worker', 'caseworker', 'helpline-r'],
      ['supervisor', 'supervisor', 'helpline-r'],
      ['stranger', 'caseworker', 'helpline-other'],
    ] as const) {
      const worker = await createWorker(
        db,
        {
          helplineId,
          email: `${name}@helpline.test`,
          role,
          kdfSalt: '00'.repeat(16),
          authKey: 'ab'.repeat(32),
          totpSecret: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP',
          wrappedHelplineKey: new Uint8Array([1, 2, 3]),
        },
        'system',
        // No app here to register the server's key; any key will do (these tests never check a code).
        totpKeyOf('cd'.repeat(32)),
      );
      cookies[name] = `${SESSION_COOKIE}=${await startSession(db, worker.id)}`;
    }
    app = Fastify().withTypeProvider<ZodTypeProvider>();
    app.setValidatorCompiler(validatorCompiler);
    app.setSerializerCompiler(serializerCompiler);
    registerProblemHandling(app);
    await app.register(staffReferralRoutes, { db, referrals, prefix: '/api/v1/staff' });
    await app.register(partnerReferralRoutes, { referrals, prefix: '/api/v1/partner' });
    await app.register(workflowRoute, { db, policy: staffPolicyOf(referrals.pack), prefix: '/api/v1/staff' });
    await app.ready();
  });
  afterAll(async () => {
    await app.close();
    await database.close();
  });

  const staff = (who: string, method: 'GET' | 'POST', url: string, payload?: object) =>
    app.inject({
      method,
      url: `/api/v1/staff${url}`,
      headers: { cookie: cookies[who] ?? '' },
      ...(payload ? { payload } : {}),
    });

  it('proposes the routing engine’s services for the case, with lead times and connectors', async () => {
    const res = await staff('worker', 'GET', `/cases/${caseId}/referrals`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.proposed.map((p: { serviceId: string }) => p.serviceId)).toEqual([
      'helpwanted',
      'politie',
      'meldpunt-kinderporno',
    ]);
    expect(body.proposed[0]).toMatchObject({ order: 1, firstContact: 'PT4H', name: 'Helpwanted' });
    expect(body.advice).toContain('report-to-police');
    expect(body.referrals).toEqual([]);
    // How each is reached, the key to seal to, and whether the pack's lead times are agreed yet.
    expect(
      body.proposed.map((p: Record<string, unknown>) => [
        p.serviceId,
        p.reach,
        p.recipient,
        p.leadTimesUnverified,
      ]),
    ).toEqual([
      ['helpwanted', 'call-together', null, true],
      ['politie', 'email', DEMO_PARTNER_RECIPIENT, true],
      ['meldpunt-kinderporno', 'hash-submission', null, true],
    ]);
  });

  it('audits who looked at a case’s referrals, once per worker and case while the console polls', async () => {
    const views = async () =>
      (await database.db.select().from(auditLog).where(eq(auditLog.caseId, caseId))).filter(
        (r) => r.action === 'case.referrals-view',
      ).length;
    const before = await views();
    for (let i = 0; i < 3; i++)
      expect((await staff('worker', 'GET', `/cases/${caseId}/referrals`)).statusCode).toBe(200);
    // The first test above already looked once within the window: no new row for the same worker.
    expect(await views()).toBe(before);
    expect(before).toBeGreaterThanOrEqual(1);
  });

  it('sends the pack’s status workflow with each step’s required fields, to signed-in staff only', async () => {
    const res = await staff('worker', 'GET', '/workflow');
    expect(res.statusCode).toBe(200);
    expect(res.json().transitions).toContainEqual({
      from: ['new', 'contacted', 'in-progress'],
      to: 'referred',
      requires: ['serviceId', 'consent'],
    });
    expect((await staff('nobody', 'GET', '/workflow')).statusCode).toBe(401);
  });

  it('refuses a package that is not sealed in the age format, and keeps nothing', async () => {
    const plain = await staff('worker', 'POST', `/cases/${caseId}/referrals`, {
      serviceId: 'offlimits',
      consent: true,
      sealed: Buffer.from(JSON.stringify({ description: 'Hij wil geld' })).toString('base64'),
    });
    expect(plain.statusCode).toBe(422);
    expect(plain.json().code).toBe('referral.not-sealed');
    expect(plain.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(plain.body).not.toContain('Hij wil geld');
    expect((await staff('worker', 'GET', `/cases/${caseId}/referrals`)).json().referrals).toEqual([]);
  });

  it('refuses without consent, for a service without hand-over, without a session, and for another helpline', async () => {
    const noConsent = await staff('worker', 'POST', `/cases/${caseId}/referrals`, {
      serviceId: 'offlimits',
      sealed,
    });
    expect(noConsent.statusCode).toBe(400);
    const noConnector = await staff('worker', 'POST', `/cases/${caseId}/referrals`, {
      serviceId: 'kindertelefoon',
      consent: true,
      sealed,
    });
    expect(noConnector.statusCode).toBe(422);
    expect(noConnector.json().code).toBe('referral.no-connector');
    expect(noConnector.headers['content-type']).toMatch(/^application\/problem\+json/);
    const signedOut = await staff('nobody', 'POST', `/cases/${caseId}/referrals`, {
      serviceId: 'offlimits',
      consent: true,
      sealed,
    });
    expect(signedOut.statusCode).toBe(401);
    const stranger = await staff('stranger', 'POST', `/cases/${caseId}/referrals`, {
      serviceId: 'offlimits',
      consent: true,
      sealed,
    });
    expect(stranger.statusCode).toBe(404);
    expect((await staff('worker', 'GET', `/cases/${caseId}/referrals`)).json().referrals).toEqual([]);
  });

  it('queues a referral once; the partner link confirms it and reports the outcome', async () => {
    const body = { serviceId: 'offlimits', consent: true, sealed, shared: ['description', 'contact'] };
    const first = await staff('worker', 'POST', `/cases/${caseId}/referrals`, body);
    expect(first.statusCode).toBe(201);
    const again = await staff('worker', 'POST', `/cases/${caseId}/referrals`, body);
    expect(again.statusCode).toBe(200);
    const { referralId } = first.json();
    expect(again.json().referralId).toBe(referralId);

    const token = partnerToken(referrals.linkKey, referralId);
    // The page itself tells nothing without the token; the token goes in a POST body, never in a URL.
    const page = await app.inject({ url: `/api/v1/partner/referrals/${referralId}` });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.body).not.toContain('Offlimits');
    expect(page.body).not.toContain(caseId);
    expect(page.body).toContain('<script src="/api/v1/partner/partner-link.js" defer></script>');
    const script = await app.inject({ url: '/api/v1/partner/partner-link.js' });
    expect(script.headers['content-type']).toMatch(/^text\/javascript/);
    expect(script.body).toContain('history.replaceState');
    const view = (t: string) =>
      app.inject({
        method: 'POST',
        url: `/api/v1/partner/referrals/${referralId}/view`,
        payload: { token: t },
      });
    expect((await view('x'.repeat(43))).statusCode).toBe(404);
    expect((await view(token)).json()).toEqual({
      serviceName: 'Offlimits',
      state: 'queued',
      stateText: 'Not confirmed yet.',
      acknowledgedAt: null,
      outcome: null,
    });

    const ack = await app.inject({
      method: 'POST',
      url: `/api/v1/partner/referrals/${referralId}/ack`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ token }).toString(),
    });
    expect(ack.statusCode).toBe(200);
    expect(ack.body).toContain('Receipt confirmed.');
    const outcome = await app.inject({
      method: 'POST',
      url: `/api/v1/partner/referrals/${referralId}/outcome`,
      payload: { token, outcome: 'resolved' },
    });
    expect(outcome.json()).toEqual({ state: 'outcome' });
    const forged = await app.inject({
      method: 'POST',
      url: `/api/v1/partner/referrals/${referralId}/outcome`,
      payload: { token: token.replace(/^./, (c) => (c === 'A' ? 'B' : 'A')), outcome: 'declined' },
    });
    expect(forged.statusCode).toBe(404);

    const [progress] = (await staff('worker', 'GET', `/cases/${caseId}/referrals`)).json().referrals;
    expect(progress).toMatchObject({
      referralId,
      serviceId: 'offlimits',
      state: 'outcome',
      outcome: 'resolved',
      shared: ['description', 'contact'],
    });
  });

  it('lists failed hand-overs to supervisors only', async () => {
    expect((await staff('worker', 'GET', '/referrals/failed')).statusCode).toBe(403);
    const res = await staff('supervisor', 'GET', '/referrals/failed');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ referrals: [] });
  });

  it('does not send a referral again once the partner has confirmed it', async () => {
    // The referral above was confirmed before its delivery was recorded (say the mail went out and the
    // server stopped): the queued job completes without contacting the partner (port 9 would refuse).
    const ran = await runDueJobs({
      db: database.db,
      handlers: { [REFERRAL_QUEUE]: referralDeliveryHandler(referrals) },
      onFailure: (f) => delivered.push(f.outcome),
    });
    expect(ran).toBe(1);
    expect(delivered).toEqual([]);
  });
});
