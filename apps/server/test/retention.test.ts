import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ActivePack, loadActivePack } from '../src/active-pack.ts';
import { verifyStoredAuditChain } from '../src/audit/verify-stored-chain.ts';
import { chatPhotoKey, putChatPhoto } from '../src/chat/chat-photos.ts';
import { repoRoot } from '../src/config.ts';
import {
  auditLog,
  chatMessages,
  chatPhotos,
  chats,
  idempotencyKeys,
  jobs,
  messages,
  reportEvents,
  reportItems,
  reports,
} from '../src/db/schema/index.ts';
import { runDueJobs } from '../src/jobs/worker.ts';
import { RETENTION_QUEUE, retentionHandlers, scheduleRetention } from '../src/retention/jobs.ts';
import { runRetention } from '../src/retention/run-retention.ts';
import { ensureHelpline } from '../src/services/helpline.ts';
import { recordReportEvent } from '../src/services/report-events.ts';
import {
  addHelpline,
  addVisibleReport,
  addWorker,
  signInAs,
  type TestHelpline,
  type TestReport,
} from './staff-fixtures.ts';
import { databaseKinds } from './support/databases.ts';
import { startTestApp, type TestApp } from './support/test-app.ts';

const DAY = 24 * 60 * 60 * 1000;
const RETENTION_DAYS = 30;

/** The committed NL pack with its retention period shortened to 30 days. */
async function shortenedPack(): Promise<ActivePack> {
  const nl = await loadActivePack(join(repoRoot, 'country-packs/NL'));
  const countryPack = nl.countryPack!;
  return {
    ...nl,
    countryPack: {
      ...countryPack,
      meta: { ...countryPack.meta, retention: { closedCaseDays: RETENTION_DAYS, legalHoldAllowed: true } },
    },
  };
}

describe.each(databaseKinds())('retention on %s', (kind) => {
  let t: TestApp;
  let home: TestHelpline;
  let supervisorCookie: string;
  const now = new Date();
  const blobFile = (report: Pick<TestReport, 'id' | 'itemId'>) =>
    join(t.database.dataDir, 'blobs', 'reports', report.id, report.itemId);

  async function closedCase(daysAgo: number): Promise<TestReport> {
    const report = await addVisibleReport(t.deps.db, t.deps.blobs, home, {
      visibleAt: new Date(now.getTime() - (daysAgo + 5) * DAY),
    });
    await t.deps.db
      .update(reports)
      .set({ status: 'closed', closedAt: new Date(now.getTime() - daysAgo * DAY) })
      .where(eq(reports.id, report.id));
    return report;
  }

  const setHold = (id: string, hold: unknown, cookie = supervisorCookie) =>
    t.app.inject({
      method: 'PUT',
      url: `/api/v1/staff/cases/${id}/legal-hold`,
      headers: { cookie },
      // Setting a hold needs a reason code (apps/server/src/retention/routes.ts).
      payload: (hold === true ? { hold, reason: 'police-request' } : { hold }) as object,
    });

  const exists = async (id: string) =>
    (await t.deps.db.select({ id: reports.id }).from(reports).where(eq(reports.id, id))).length === 1;

  beforeAll(async () => {
    t = await startTestApp(kind, { pack: await shortenedPack() });
    home = await addHelpline(t.deps.db, 'NL', await ensureHelpline(t.deps.db, t.deps.pack));
    supervisorCookie = (await signInAs(t.app, await addWorker(t.deps.db, home, 'supervisor'))).cookie;
  });
  afterAll(async () => t?.close());

  it('deletes an expired closed case with its blobs, keeps held, open and recent ones, and audits it', async () => {
    const { db, blobs } = t.deps;
    const expired = await closedCase(RETENTION_DAYS + 10);
    await recordReportEvent(db, expired.id, 'received', undefined, new Date(now.getTime() - 45 * DAY));
    await db.insert(idempotencyKeys).values({
      scope: `report.message:${expired.id}`,
      key: randomUUID(),
      requestHash: 'x',
      response: {},
      statusCode: 201,
    });
    const held = await closedCase(RETENTION_DAYS + 10);
    expect((await setHold(held.id, true)).json()).toEqual({ legalHold: true, changed: true });
    const recent = await closedCase(RETENTION_DAYS - 1);
    const open = await addVisibleReport(db, blobs, home, { visibleAt: new Date(now.getTime() - 400 * DAY) });
    expect(existsSync(blobFile(expired))).toBe(true);

    const result = await runRetention(t.deps, now);

    expect(result.closed).toEqual([expired.id]);
    expect(result.blobsDeleted).toBe(1);
    expect(await exists(expired.id)).toBe(false);
    expect(existsSync(blobFile(expired))).toBe(false);
    expect(await db.select().from(reportItems).where(eq(reportItems.reportId, expired.id))).toEqual([]);
    expect(await db.select().from(messages).where(eq(messages.reportId, expired.id))).toEqual([]);
    expect(await db.select().from(reportEvents).where(eq(reportEvents.reportId, expired.id))).toEqual([]);
    expect(
      await db
        .select()
        .from(idempotencyKeys)
        .where(eq(idempotencyKeys.scope, `report.message:${expired.id}`)),
    ).toEqual([]);
    for (const kept of [held, recent, open]) {
      expect(await exists(kept.id)).toBe(true);
      expect(existsSync(blobFile(kept))).toBe(true);
    }

    const records = await db.select().from(auditLog).where(eq(auditLog.caseId, expired.id));
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({
      actor: 'system',
      action: 'case.deleted-by-retention',
      detail: { items: 1, blobs: 1, messages: 1, events: 1, hashMatches: 0, idempotencyKeys: 1, jobs: 0 },
    });
    expect(JSON.stringify(records)).not.toContain(expired.marker);
    expect(await verifyStoredAuditChain(db)).toMatchObject({ ok: true });

    // A second run finds nothing more to do.
    expect(await runRetention(t.deps, now)).toMatchObject({ closed: [], abandoned: [], blobsDeleted: 0 });
  });

  it('deletes an ended chat with its sealed messages and photos once the period has passed', async () => {
    const { db, blobs } = t.deps;
    const chat = async (status: string, endedDaysAgo: number, reportId: string | null = null) => {
      const id = randomUUID();
      const ended = new Date(now.getTime() - endedDaysAgo * DAY);
      await db.insert(chats).values({
        id,
        helplineId: home.id,
        tokenHash: randomUUID(),
        childRecipient: 'age1chat',
        lang: 'nl',
        flags: {},
        status,
        lastSeq: 1,
        createdAt: new Date(ended.getTime() - 3_600_000),
        closedAt: status === 'closed' ? ended : null,
        reportId,
      });
      await db.insert(chatMessages).values({
        chatId: id,
        seq: 1,
        clientId: randomUUID(),
        author: 'child',
        sealed: new Uint8Array([1, 2, 3]),
      });
      await putChatPhoto(t.deps, id, 'photo-0123456789abcdef', new Uint8Array([4, 5, 6]));
      return id;
    };
    const photoFile = (id: string) =>
      join(t.database.dataDir, 'blobs', ...chatPhotoKey(id, 'photo-0123456789abcdef').split('/'));
    // A chat that became a report whose own retention comes first: the report goes, the chat stays.
    const becameReport = await closedCase(RETENTION_DAYS + 10);
    const old = await chat('closed', RETENTION_DAYS + 2, becameReport.id);
    const leftBeforeAnswer = await chat('abandoned', RETENTION_DAYS + 1);
    const recent = await chat('closed', RETENTION_DAYS - 1);
    const live = await chat('active', RETENTION_DAYS + 30);
    expect(existsSync(photoFile(old))).toBe(true);

    const result = await runRetention(t.deps, now);

    expect(result.closed).toContain(becameReport.id);
    expect(result.chats.sort()).toEqual([old, leftBeforeAnswer].sort());
    for (const gone of [old, leftBeforeAnswer]) {
      expect(await db.select().from(chats).where(eq(chats.id, gone))).toEqual([]);
      expect(await db.select().from(chatMessages).where(eq(chatMessages.chatId, gone))).toEqual([]);
      expect(await db.select().from(chatPhotos).where(eq(chatPhotos.chatId, gone))).toEqual([]);
      expect(existsSync(photoFile(gone))).toBe(false);
    }
    for (const kept of [recent, live]) {
      expect(await db.select({ id: chats.id }).from(chats).where(eq(chats.id, kept))).toHaveLength(1);
      expect(existsSync(photoFile(kept))).toBe(true);
      expect(await blobs.has(chatPhotoKey(kept, 'photo-0123456789abcdef'))).toBe(true);
    }
    const records = await db
      .select({ action: auditLog.action, detail: auditLog.detail })
      .from(auditLog)
      .where(eq(auditLog.action, 'chat.deleted-by-retention'));
    expect(records.map((r) => r.detail)).toEqual(
      expect.arrayContaining([
        { chatId: old, messages: 1, photos: 1 },
        { chatId: leftBeforeAnswer, messages: 1, photos: 1 },
      ]),
    );
    expect(await verifyStoredAuditChain(db)).toMatchObject({ ok: true });
    expect((await runRetention(t.deps, now)).chats).toEqual([]);
  });

  it('deletes a held case once its legal hold is cleared, and only then', async () => {
    const held = await closedCase(RETENTION_DAYS + 3);
    expect((await setHold(held.id, true)).statusCode).toBe(200);
    // Setting it again changes nothing and writes no second record.
    expect((await setHold(held.id, true)).json()).toEqual({ legalHold: true, changed: false });
    expect((await runRetention(t.deps, now)).closed).not.toContain(held.id);
    expect((await setHold(held.id, false)).json()).toEqual({ legalHold: false, changed: true });
    expect((await runRetention(t.deps, now)).closed).toEqual([held.id]);
    expect(existsSync(blobFile(held))).toBe(false);
    const actions = await t.deps.db
      .select({ action: auditLog.action, actor: auditLog.actor })
      .from(auditLog)
      .where(eq(auditLog.caseId, held.id))
      .orderBy(auditLog.seq);
    expect(actions.map((a) => a.action)).toEqual([
      'case.legal-hold-set',
      'case.legal-hold-cleared',
      'case.deleted-by-retention',
    ]);
    expect(actions[0]!.actor).toMatch(/^worker:/);
    expect(await verifyStoredAuditChain(t.deps.db)).toMatchObject({ ok: true });
  });

  it('lets only a supervisor of the same helpline set a legal hold, and refuses bad input', async () => {
    const { db, blobs } = t.deps;
    const report = await closedCase(RETENTION_DAYS + 5);
    const caseworker = (await signInAs(t.app, await addWorker(db, home, 'caseworker'))).cookie;
    const abroad = await addHelpline(db, 'BE-VL');
    const foreignSupervisor = (await signInAs(t.app, await addWorker(db, abroad, 'supervisor'))).cookie;
    const refusals = [
      [await setHold(report.id, true, caseworker), 403, 'staff.forbidden'],
      [await setHold(report.id, true, foreignSupervisor), 404, 'case.not-found'],
      [await setHold(report.id, true, ''), 401, 'staff.signed-out'],
      [await setHold(report.id, 'yes'), 400, undefined],
    ] as const;
    for (const [response, status, code] of refusals) {
      expect(response.statusCode).toBe(status);
      expect(response.headers['content-type']).toContain('application/problem+json');
      if (code) expect(response.json().code).toBe(code);
    }
    const [row] = await db
      .select({ legalHold: reports.legalHold })
      .from(reports)
      .where(eq(reports.id, report.id));
    expect(row!.legalHold).toBe(false);
    expect(await db.select().from(auditLog).where(eq(auditLog.caseId, report.id))).toEqual([]);
    // The other helpline's own case is not affected by this pack's run either way.
    const foreign = await addVisibleReport(db, blobs, abroad, {
      visibleAt: new Date(now.getTime() - 90 * DAY),
    });
    await db
      .update(reports)
      .set({ status: 'closed', closedAt: new Date(now.getTime() - 60 * DAY) })
      .where(eq(reports.id, foreign.id));
    const result = await runRetention(t.deps, now);
    expect(result.closed).toEqual([report.id]);
    expect(await exists(foreign.id)).toBe(true);
  });

  it('deletes a report whose evidence never arrived after a week, with its blobs and staged uploads', async () => {
    const { db, blobs } = t.deps;
    const make = async (daysAgo: number) => {
      const report = await addVisibleReport(db, blobs, home, {
        visibleAt: new Date(now.getTime() - daysAgo * DAY),
      });
      await db
        .update(reports)
        .set({ status: 'awaiting-evidence', visibleAt: null })
        .where(eq(reports.id, report.id));
      // A second item that is still on its way: staged by tus under DATA_DIR/uploads.
      await db
        .insert(reportItems)
        .values({ reportId: report.id, itemId: 'item-2', sha256: '0'.repeat(64), size: 9 });
      const uploadId = randomUUID().replaceAll('-', '');
      const uploads = join(t.database.dataDir, 'uploads');
      mkdirSync(uploads, { recursive: true });
      writeFileSync(join(uploads, uploadId), 'partial');
      writeFileSync(
        join(uploads, `${uploadId}.json`),
        JSON.stringify({
          id: uploadId,
          size: 9,
          offset: 7,
          metadata: { reportId: report.id, itemId: 'item-2' },
        }),
      );
      return { report, staged: join(uploads, uploadId) };
    };
    const abandoned = await make(8);
    const fresh = await make(1);
    const result = await runRetention({ ...t.deps, uploadsDir: join(t.database.dataDir, 'uploads') }, now);
    expect(result.abandoned).toEqual([abandoned.report.id]);
    expect(result.stagedUploadsDeleted).toBe(1);
    expect(await exists(abandoned.report.id)).toBe(false);
    expect(existsSync(blobFile(abandoned.report))).toBe(false);
    expect(existsSync(abandoned.staged)).toBe(false);
    expect(existsSync(`${abandoned.staged}.json`)).toBe(false);
    expect(await exists(fresh.report.id)).toBe(true);
    expect(existsSync(blobFile(fresh.report))).toBe(true);
    expect(existsSync(fresh.staged)).toBe(true);
    const [record] = await db.select().from(auditLog).where(eq(auditLog.caseId, abandoned.report.id));
    expect(record).toMatchObject({ action: 'report.deleted-unfinished', detail: { items: 2, blobs: 1 } });
    expect(await verifyStoredAuditChain(db)).toMatchObject({ ok: true });
  });

  it('runs from the job loop once an hour', async () => {
    const { db } = t.deps;
    const expired = await closedCase(RETENTION_DAYS + 1);
    expect(await scheduleRetention(db, now)).toBe(true);
    // Every replica plans the same hour's run: it is queued once.
    expect(await scheduleRetention(db, now)).toBe(false);
    const ran = await runDueJobs({ db, handlers: retentionHandlers(t.deps), clock: () => now });
    expect(ran).toBe(1);
    expect(await exists(expired.id)).toBe(false);
    expect(existsSync(blobFile(expired))).toBe(false);
    const queued = await db
      .select()
      .from(jobs)
      .where(inArray(jobs.queue, [RETENTION_QUEUE]));
    expect(queued.every((j) => j.doneAt !== null)).toBe(true);
  });
});
