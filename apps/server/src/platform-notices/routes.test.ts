import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { and, eq } from 'drizzle-orm';
import Fastify, { type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds, openTestDatabase, type TestDatabase } from '../../test/support/databases.ts';
import { type SmtpSink, startSmtpSink } from '../../test/support/smtp-sink.ts';
import { auditLog, platformNotices, reportEvents, reports } from '../db/schema/index.ts';
import { registerProblemHandling } from '../http/problem.ts';
import { packWithConnectors, seedCase } from '../referrals/test-fixtures.ts';
import { reporterTimelineEntry } from '../routes/reporter-timeline.ts';
import { SESSION_COOKIE } from '../staff/session-token.ts';
import { startSession } from '../staff/sessions.ts';
import { totpKeyOf } from '../staff/totp-at-rest.ts';
import { createWorker } from '../staff/workers.ts';
import { platformNoticeRoutes } from './routes.ts';

const DAY = 24 * 3_600_000;
const NOTICE_TEXT = 'They post my photo with threats: https://www.instagram.com/p/abc123';

describe.each(databaseKinds())('trusted-flagger notice routes on %s', (kind) => {
  let database: TestDatabase;
  let app: FastifyInstance;
  let sink: SmtpSink;
  let endpoint: Server;
  const posted: string[] = [];
  let caseId: string;
  let tiktokCase: string;
  let offset = 0;
  const cookies: Record<string, string> = {};

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    const { db } = database;
    sink = await startSmtpSink();
    endpoint = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => {
        body += c;
      });
      req.on('end', () => {
        posted.push(body);
        res.writeHead(202).end();
      });
    });
    await new Promise<void>((r) => endpoint.listen(0, '127.0.0.1', r));
    ({ caseId } = await seedCase(db, 'helpline-n'));
    ({ caseId: tiktokCase } = await seedCase(db, 'helpline-n'));
    await seedCase(db, 'helpline-other');
    const pack = await packWithConnectors({});
    const tiktok = pack.platforms.find((p) => p.id === 'tiktok')!;
    // TikTok takes notices on an endpoint here (the pack allows either); the schema wants https, the
    // test's receiver is plain http on loopback, so the parsed pack is changed after validation.
    tiktok.dsaContact = { url: `http://127.0.0.1:${(endpoint.address() as AddressInfo).port}/notices` };
    await db.update(reports).set({ platform: 'tiktok' }).where(eq(reports.id, tiktokCase));
    for (const [name, role, helplineId] of [
      ['worker', 'caseworker', 'helpline-n'],
      ['supervisor', 'supervisor', 'helpline-n'],
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
        totpKeyOf('cd'.repeat(32)),
      );
      cookies[name] = `${SESSION_COOKIE}=${await startSession(db, worker.id)}`;
    }
    app = Fastify().withTypeProvider<ZodTypeProvider>();
    app.setValidatorCompiler(validatorCompiler);
    app.setSerializerCompiler(serializerCompiler);
    registerProblemHandling(app);
    await app.register(platformNoticeRoutes, {
      notices: {
        db,
        pack,
        helpline: { id: 'helpline-n', name: 'Helpwanted' },
        mail: { url: sink.url, from: 'notices@helpwanted.test' },
        now: () => new Date(Date.now() + offset),
      },
      prefix: '/api/v1/staff',
    });
    await app.ready();
  });
  afterAll(async () => {
    await app?.close();
    await sink?.close();
    await new Promise((r) => endpoint?.close(r));
    await database?.close();
  });

  const staff = (who: string, method: 'GET' | 'POST', url: string, payload?: object) =>
    app.inject({
      method,
      url: `/api/v1/staff${url}`,
      headers: { cookie: cookies[who] ?? '' },
      ...(payload ? { payload } : {}),
    });
  const send = (who: string, id: string, over: object = {}) =>
    staff(who, 'POST', `/cases/${id}/platform-notices`, {
      idempotencyKey: randomUUID(),
      consent: true,
      subject: 'Notice to Instagram',
      text: NOTICE_TEXT,
      ...over,
    });
  let noticeId = '';
  let sentAt = '';

  it('shows where the notice goes (the pack’s unverified DSA contact) and the DSA label', async () => {
    const res = await staff('worker', 'GET', `/cases/${caseId}/platform-notices`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      contact: {
        platform: 'instagram',
        name: 'Instagram',
        channel: 'email',
        address: 'dsa-notices@instagram.example.invalid',
        unverified: true,
      },
      tdb: { category: 'STATEMENT_CATEGORY_PROTECTION_OF_MINORS', keyword: expect.any(String) },
      notices: [],
    });
    const views = await database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.caseId, caseId), eq(auditLog.action, 'case.notices-view')));
    expect(views).toHaveLength(1);
  });

  it('refuses without consent, for another helpline’s case, and for a stranger: nothing sent', async () => {
    expect((await send('worker', caseId, { consent: false })).statusCode).toBe(400);
    const other = await send('stranger', caseId);
    expect(other.statusCode).toBe(404);
    expect(other.headers['content-type']).toContain('application/problem+json');
    expect(sink.mails).toHaveLength(0);
    expect(await database.db.select().from(platformNotices)).toHaveLength(0);
  });

  it('relays the notice by e-mail once; a retry with the same key sends nothing more', async () => {
    const idempotencyKey = randomUUID();
    const first = await send('worker', caseId, { idempotencyKey });
    expect(first.statusCode).toBe(201);
    const again = await send('worker', caseId, { idempotencyKey });
    expect(again.statusCode).toBe(200);
    expect(again.json().noticeId).toBe(first.json().noticeId);
    ({ noticeId, sentAt } = first.json());
    expect(first.json()).toMatchObject({ platform: 'instagram', category: 'sextortion', channel: 'email' });
    expect(sink.mails).toHaveLength(1);
    expect(sink.mails[0]!.to).toEqual(['dsa-notices@instagram.example.invalid']);
    expect(sink.mails[0]!.raw).toContain('https://www.instagram.com/p/abc123');
    // Only clear metadata is stored: no column holds the text.
    const [row] = await database.db.select().from(platformNotices);
    expect(JSON.stringify(row)).not.toContain('instagram.com/p/abc123');
    expect(row).toMatchObject({
      workerId: expect.any(String),
      tdbCategory: 'STATEMENT_CATEGORY_PROTECTION_OF_MINORS',
    });
    const audit = await database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.caseId, caseId), eq(auditLog.action, 'notice.sent')));
    expect(audit).toHaveLength(1);
    expect(JSON.stringify(audit[0]!.detail)).not.toContain('abc123');
  });

  it('posts to a platform endpoint when the pack names one', async () => {
    const res = await send('worker', tiktokCase, { subject: 'Notice to TikTok' });
    expect(res.statusCode).toBe(201);
    expect(res.json().channel).toBe('endpoint');
    expect(posted).toHaveLength(1);
    expect(JSON.parse(posted[0]!)).toMatchObject({
      trustedFlagger: 'Helpwanted',
      text: NOTICE_TEXT,
      transparencyDatabase: { category: 'STATEMENT_CATEGORY_PROTECTION_OF_MINORS' },
    });
  });

  it.each([
    {
      name: 'a decision before the notice was sent',
      body: () => ({ decidedAt: ago(DAY) }),
      code: 'decision.before-sent',
    },
    {
      name: 'a decision in the future',
      body: () => ({ decidedAt: later(10 * DAY) }),
      code: 'decision.in-future',
    },
    {
      name: 'received after the decision',
      body: () => ({ receivedAt: later(2 * DAY), decidedAt: later(DAY) }),
      code: 'decision.received-after',
    },
    {
      name: 'a statement of reasons id with spaces',
      body: () => ({ decidedAt: later(DAY), statementOfReasonsId: 'not an id' }),
      code: 'decision.bad-statement-id',
    },
  ])('refuses $name with problem+json and changes nothing', async ({ body, code }) => {
    offset = 3 * DAY;
    const res = await staff('worker', 'POST', `/platform-notices/${noticeId}/decision`, {
      outcome: 'removed',
      ...body(),
    });
    expect(res.statusCode).toBe(422);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json().code).toBe(code);
    const [row] = await database.db.select().from(platformNotices).where(eq(platformNotices.id, noticeId));
    expect(row!.outcome).toBeNull();
  });

  it('records the decision two days later; the child’s timeline says the platform answered', async () => {
    offset = 2 * DAY + 60_000;
    const body = {
      receivedAt: later(3_600_000),
      decidedAt: later(2 * DAY),
      outcome: 'removed',
      statementOfReasonsId: '8e3f1c2a-55b6-4c8e-9d0f-1a2b3c4d5e6f',
    };
    const res = await staff('worker', 'POST', `/platform-notices/${noticeId}/decision`, body);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ outcome: 'removed', decidedAt: body.decidedAt });
    // The same answer again is fine; a different one is a conflict.
    expect((await staff('worker', 'POST', `/platform-notices/${noticeId}/decision`, body)).statusCode).toBe(
      200,
    );
    const changed = await staff('worker', 'POST', `/platform-notices/${noticeId}/decision`, {
      ...body,
      outcome: 'no-action',
    });
    expect(changed.statusCode).toBe(409);
    const events = await database.db
      .select()
      .from(reportEvents)
      .where(and(eq(reportEvents.reportId, caseId), eq(reportEvents.event, 'platform-answered')));
    expect(events).toHaveLength(1);
    expect(reporterTimelineEntry(events[0]!)).toEqual({
      at: body.decidedAt,
      event: 'platform-answered',
      detail: { platform: 'instagram', outcome: 'removed' },
    });
    // Another helpline's worker cannot record an answer.
    expect((await staff('stranger', 'POST', `/platform-notices/${noticeId}/decision`, body)).statusCode).toBe(
      404,
    );
  });

  it('gives supervisors the figures per platform and category, with the DSA label; not caseworkers', async () => {
    expect((await staff('worker', 'GET', '/platform-notices/figures')).statusCode).toBe(403);
    const res = await staff('supervisor', 'GET', '/platform-notices/figures');
    expect(res.statusCode).toBe(200);
    expect(res.json().rows).toEqual([
      {
        platform: 'instagram',
        platformName: 'Instagram',
        category: 'sextortion',
        tdb: { category: 'STATEMENT_CATEGORY_PROTECTION_OF_MINORS', keyword: expect.any(String) },
        sent: 1,
        answered: 1,
        answeredShare: 1,
        medianHours: expect.closeTo(48, 1),
        p90Hours: expect.closeTo(48, 1),
        actedShare: 1,
      },
      expect.objectContaining({ platform: 'tiktok', sent: 1, answered: 0, medianHours: null }),
    ]);
    const audit = await database.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, 'stats.platform-figures'));
    expect(audit.length).toBeGreaterThanOrEqual(1);
  });

  const later = (ms: number) => new Date(new Date(sentAt).getTime() + ms).toISOString();
  const ago = (ms: number) => new Date(new Date(sentAt).getTime() - ms).toISOString();
});
