import { randomUUID } from 'node:crypto';
import { sealJson, toBase64 } from '@vangnet/crypto';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, reportEvents } from '../src/db/schema/index.ts';
import { scheduleSlaJobs, slaHandlers } from '../src/jobs/sla-watch.ts';
import { runDueJobs } from '../src/jobs/worker.ts';
import { ensureHelpline } from '../src/services/helpline.ts';
import {
  addHelpline,
  addVisibleReport,
  addWorker,
  signInAs,
  type TestHelpline,
  type TestWorker,
} from './staff-fixtures.ts';
import { databaseKinds } from './support/databases.ts';
import { type SmtpSink, startSmtpSink } from './support/smtp-sink.ts';
import { startTestApp, type TestApp } from './support/test-app.ts';

/**
 * "First contact counts" and "Reminders reach people" (issue 10), on the committed NL pack: the first
 * message (or a recorded call) stops the countdown, moves the case on and is measured; a reporter's
 * message marks the case unread; SLA reminders go by e-mail (to a real SMTP server on loopback) with
 * nothing about the case in them, and show up in the worker's reminders list.
 */
describe.each(databaseKinds())('first contact and reminders on %s', (kind) => {
  let t: TestApp;
  let helpline: TestHelpline;
  let worker: TestWorker;
  let supervisor: TestWorker;
  let cookie: string;
  let supervisorCookie: string;
  let smtp: SmtpSink;
  let mails: SmtpSink['mails'] = [];

  beforeAll(async () => {
    t = await startTestApp(kind);
    helpline = await addHelpline(t.deps.db, 'NL', await ensureHelpline(t.deps.db, t.deps.pack));
    worker = await addWorker(t.deps.db, helpline, 'caseworker');
    supervisor = await addWorker(t.deps.db, helpline, 'supervisor');
    cookie = (await signInAs(t.app, worker)).cookie;
    supervisorCookie = (await signInAs(t.app, supervisor)).cookie;
    smtp = await startSmtpSink();
    mails = smtp.mails;
  });
  afterAll(async () => {
    await smtp?.close();
    await t?.close();
  });

  const get = (url: string, c = cookie) => t.app.inject({ method: 'GET', url, headers: { cookie: c } });
  const post = (url: string, payload: object, headers: Record<string, string> = {}) =>
    t.app.inject({ method: 'POST', url, headers: { cookie, ...headers }, payload });
  const queueRow = async (id: string) => {
    const { cases } = (await get('/api/v1/staff/cases?limit=500')).json() as {
      cases: { id: string; status: string; firstContactAt: string | null; unread: boolean }[];
    };
    return cases.find((c) => c.id === id);
  };
  const reply = async (caseId: string, internal = false) =>
    post(
      `/api/v1/staff/cases/${caseId}/messages`,
      {
        sealed: toBase64(await sealJson({ version: 1, text: 'Hoi, ben je veilig?' }, [helpline.recipient])),
        internal,
      },
      { 'idempotency-key': randomUUID() },
    );
  // The fixtures' receipt is not a real one, so the reporter's timeline is read from its table here
  // (what GET /reports/self shows of it is tested in follow-up-timeline.test.ts).
  const timeline = (reportId: string) =>
    t.deps.db.select().from(reportEvents).where(eq(reportEvents.reportId, reportId));

  it('the first message to the reporter stops the countdown, moves the case on and is measured', async () => {
    const visibleAt = new Date(Date.now() - 30 * 60_000);
    const report = await addVisibleReport(t.deps.db, t.deps.blobs, helpline, { visibleAt });
    expect(await queueRow(report.id)).toMatchObject({ status: 'new', firstContactAt: null });

    // A note between workers is not contact.
    expect((await reply(report.id, true)).statusCode).toBe(201);
    expect(await queueRow(report.id)).toMatchObject({ status: 'new', firstContactAt: null });

    expect((await reply(report.id)).statusCode).toBe(201);
    const row = await queueRow(report.id);
    expect(row?.status).toBe('contacted');
    expect(row?.firstContactAt).not.toBeNull();
    // The reporter sees the step in plain status terms; the worker and channel stay out of it.
    expect(await timeline(report.id)).toContainEqual(
      expect.objectContaining({ event: 'status-changed', detail: { status: 'contacted' } }),
    );
    // A second message changes nothing about the first contact.
    expect((await reply(report.id)).statusCode).toBe(201);
    expect((await queueRow(report.id))?.firstContactAt).toBe(row?.firstContactAt);

    // The countdown stopped: the escalation at the target finds nothing missing.
    await scheduleSlaJobs(t.deps.db, t.deps.pack.countryPack!);
    await runDueJobs({
      db: t.deps.db,
      handlers: slaHandlers(t.deps.db),
      clock: () => new Date(Date.now() + 48 * 3_600_000),
    });
    const escalated = await t.deps.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.caseId, report.id), eq(auditLog.action, 'sla.escalated')));
    expect(escalated).toEqual([]);
    const [first] = await t.deps.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.caseId, report.id), eq(auditLog.action, 'case.first-contact')));
    expect(first?.detail).toMatchObject({ via: 'message', from: 'new', to: 'contacted' });
    expect(Number((first!.detail as { afterMs: number }).afterMs)).toBeGreaterThanOrEqual(30 * 60_000);

    const figures = (
      await get(
        `/api/v1/staff/sla/first-contact?since=${encodeURIComponent(new Date(visibleAt.getTime() - 1000).toISOString())}`,
        supervisorCookie,
      )
    ).json();
    expect(figures.contacted).toBeGreaterThanOrEqual(1);
    expect(figures.medianMs).toBeGreaterThanOrEqual(30 * 60_000);
    expect(figures.withinTarget).toBe(1);
  });

  it('a phone call the worker records counts as first contact too', async () => {
    const report = await addVisibleReport(t.deps.db, t.deps.blobs, helpline);
    const bad = await post(`/api/v1/staff/cases/${report.id}/contact`, { via: 'pigeon' });
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toContain('application/problem+json');
    expect((await queueRow(report.id))?.firstContactAt).toBeNull();

    const call = await post(`/api/v1/staff/cases/${report.id}/contact`, { via: 'phone' });
    expect(call.statusCode).toBe(200);
    expect(call.json()).toMatchObject({ via: 'phone', status: 'contacted' });
    const again = await post(`/api/v1/staff/cases/${report.id}/contact`, { via: 'chat' });
    expect(again.json()).toMatchObject({ via: 'phone', firstContactAt: call.json().firstContactAt });
    expect((await post(`/api/v1/staff/cases/nope/contact`, { via: 'phone' })).statusCode).toBe(404);
  });

  it("a reporter's message marks the case unread until a worker opens it", async () => {
    const report = await addVisibleReport(t.deps.db, t.deps.blobs, helpline);
    expect((await queueRow(report.id))?.unread).toBe(false);
    const sent = await t.app.inject({
      method: 'POST',
      url: '/api/v1/reports/self/messages',
      headers: { authorization: `Bearer ${report.accessToken}`, 'idempotency-key': randomUUID() },
      payload: { sealed: toBase64(await sealJson({ version: 1, text: 'nog iets' }, [helpline.recipient])) },
    });
    expect(sent.statusCode).toBe(201);
    expect((await queueRow(report.id))?.unread).toBe(true);
    expect((await get(`/api/v1/staff/cases/${report.id}`)).statusCode).toBe(200);
    expect((await queueRow(report.id))?.unread).toBe(false);
  });

  it('mails reminders and escalations without case content, and lists them for the people told', async () => {
    const visibleAt = new Date(Date.now() - 60_000);
    const mine = await addVisibleReport(t.deps.db, t.deps.blobs, helpline, {
      visibleAt,
      category: 'sextortion',
    });
    expect((await post(`/api/v1/staff/cases/${mine.id}/take`, {})).statusCode).toBe(200);
    await scheduleSlaJobs(t.deps.db, t.deps.pack.countryPack!);
    const notify = {
      mail: { url: smtp.url, from: 'vangnet@helpwanted.test' },
      publicUrl: 'https://vangnet.test',
    };
    const ran = await runDueJobs({
      db: t.deps.db,
      handlers: slaHandlers(t.deps.db, notify),
      clock: () => new Date(Date.now() + 23 * 3_600_000),
    });
    expect(ran).toBeGreaterThanOrEqual(1);
    const toWorker = mails.filter((m) => m.to.includes(worker.email));
    expect(toWorker).toHaveLength(1);
    const raw = toWorker[0]!.raw;
    expect(raw).toContain(`https://vangnet.test/console/cases/${mine.id}`);
    expect(raw).toMatch(/Subject: Vangnet reminder/);
    for (const secret of [mine.marker, 'sextortion', 'instagram', '13-15', 'Helpline NL']) {
      expect(raw).not.toContain(secret);
    }
    const listed = (await get('/api/v1/staff/reminders')).json().reminders as {
      caseId: string;
      step: string;
    }[];
    expect(listed).toContainEqual(expect.objectContaining({ caseId: mine.id, step: 'reminder' }));

    // At the target the escalation goes to the supervisors, not to the assignee again.
    await runDueJobs({
      db: t.deps.db,
      handlers: slaHandlers(t.deps.db, notify),
      clock: () => new Date(Date.now() + 25 * 3_600_000),
    });
    const escalations = mails.filter(
      (m) => /Subject: Vangnet escalation/.test(m.raw) && m.raw.includes(mine.id),
    );
    expect(escalations.map((m) => m.to)).toEqual([[supervisor.email]]);
    const supervisorList = (await get('/api/v1/staff/reminders', supervisorCookie)).json().reminders;
    expect(supervisorList).toContainEqual(expect.objectContaining({ caseId: mine.id, step: 'escalation' }));

    // Once the reporter is reached, the reminders drop out of the list.
    expect((await reply(mine.id)).statusCode).toBe(201);
    const after = (await get('/api/v1/staff/reminders')).json().reminders as { caseId: string }[];
    expect(after.map((r) => r.caseId)).not.toContain(mine.id);
  });
});
