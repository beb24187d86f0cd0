import { join } from 'node:path';
import { desc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds, openTestDatabase, type TestDatabase } from '../../test/support/databases.ts';
import { loadCountryPack } from '../country-pack/load.ts';
import { auditLog, helplines, jobs, reports } from '../db/schema/index.ts';
import { REFERRAL_QUEUE } from '../referrals/referrals.ts';
import { overdueCases, overdueReferrals, scheduleSlaJobs, slaHandlers } from './sla-watch.ts';
import { runDueJobs } from './worker.ts';

const t0 = new Date('2026-11-24T10:00:00.000Z');
const at = (minutes: number) => new Date(t0.getTime() + minutes * 60_000);
const noFlags = { ongoing: false, danger: false, selfHarm: false, imageAbuse: false };

describe.each(databaseKinds())('lead-time jobs on %s', (kind) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await openTestDatabase(kind);
    const { db } = database;
    await db.insert(helplines).values({ id: 'h1', country: 'NL', name: 'Helpwanted' });
    const base = {
      helplineId: 'h1',
      country: 'NL',
      platform: 'tiktok',
      role: 'self',
      ageBand: '13-15',
      reporterRecipient: 'age1x',
      body: new Uint8Array([1]),
      bodySha256: '0'.repeat(64),
      visibleAt: t0,
    };
    await db.insert(reports).values([
      {
        ...base,
        id: 'urgent',
        category: 'threats',
        flags: { ...noFlags, danger: true },
        status: 'new',
        accessTokenHash: 'a',
      },
      { ...base, id: 'normal', category: 'harassment', flags: noFlags, status: 'new', accessTokenHash: 'b' },
      {
        ...base,
        id: 'done',
        category: 'harassment',
        flags: noFlags,
        status: 'contacted',
        accessTokenHash: 'c',
      },
      {
        ...base,
        id: 'half',
        category: 'harassment',
        flags: noFlags,
        status: 'awaiting-evidence',
        visibleAt: null,
        accessTokenHash: 'd',
      },
    ]);
  });
  afterAll(() => database.close());

  it('reminds before a missed first-contact target and escalates after, only for cases still waiting', async () => {
    const { db } = database;
    const pack = await loadCountryPack(join(import.meta.dirname, '../../../../country-packs/NL'));
    expect(await scheduleSlaJobs(db, pack)).toBe(2);
    expect(await scheduleSlaJobs(db, pack)).toBe(0);
    const step = (now: Date) => runDueJobs({ db, handlers: slaHandlers(db), clock: () => now });

    // Urgent: target 1 h, reminder 2 h before, so at once. Normal: target 24 h, reminder at 22 h.
    expect(await step(at(1))).toBe(1);
    expect(await step(at(61))).toBe(1);
    // The normal case is contacted before its reminder: both its jobs run and do nothing.
    await db.update(reports).set({ status: 'contacted' }).where(eq(reports.id, 'normal'));
    expect(await step(at(25 * 60))).toBe(2);

    const actions = await db
      .select({ caseId: auditLog.caseId, action: auditLog.action, at: auditLog.at, detail: auditLog.detail })
      .from(auditLog)
      .orderBy(auditLog.seq);
    expect(actions).toEqual([
      {
        caseId: 'urgent',
        action: 'sla.reminder',
        at: at(1),
        // No worker in this helpline to tell: recorded as told nobody, mailed nothing.
        detail: { kind: 'first-contact', deadline: at(60).toISOString(), notified: '', mailed: false },
      },
      {
        caseId: 'urgent',
        action: 'sla.escalated',
        at: at(61),
        // No worker in this helpline to tell: recorded as told nobody, mailed nothing.
        detail: { kind: 'first-contact', deadline: at(60).toISOString(), notified: '', mailed: false },
      },
    ]);
    expect(await overdueCases(db, 'h1')).toEqual([
      { caseId: 'urgent', deadline: at(60).toISOString(), escalatedAt: at(61).toISOString() },
    ]);
    expect(await overdueCases(db, 'another-helpline')).toEqual([]);
    // Once someone makes contact, it is no longer overdue.
    await db.update(reports).set({ status: 'contacted' }).where(eq(reports.id, 'urgent'));
    expect(await overdueCases(db, 'h1')).toEqual([]);
  });

  it('escalates a delivered referral the partner did not confirm within its lead time', async () => {
    const { db } = database;
    const pack = await loadCountryPack(join(import.meta.dirname, '../../../../country-packs/NL'));
    const referral = { referralId: 'r-1', caseId: 'done', serviceId: 'offlimits', helplineId: 'h1' };
    await db.insert(jobs).values({
      id: 'referral:done:offlimits',
      queue: REFERRAL_QUEUE,
      payload: { ...referral, sealed: null, deliveredAt: t0.toISOString(), createdAt: t0.toISOString() },
      runAt: t0,
      attempts: 1,
      doneAt: t0,
    });
    expect(await scheduleSlaJobs(db, pack)).toBe(1);
    const step = (now: Date) => runDueJobs({ db, handlers: slaHandlers(db), clock: () => now });
    // Offlimits' first contact is 2 days: reminder 2 hours before, escalation at the target.
    expect(await step(at(2 * 24 * 60 - 119))).toBe(1);
    expect(await step(at(2 * 24 * 60 + 1))).toBe(1);
    const deadline = at(2 * 24 * 60).toISOString();
    expect(await overdueReferrals(db, 'h1')).toEqual([
      {
        referralId: 'r-1',
        caseId: 'done',
        serviceId: 'offlimits',
        deadline,
        escalatedAt: at(2 * 24 * 60 + 1).toISOString(),
      },
    ]);
    const [last] = await db.select().from(auditLog).orderBy(desc(auditLog.seq)).limit(1);
    expect(last).toMatchObject({
      action: 'sla.escalated',
      caseId: 'done',
      detail: { kind: 'partner-confirmation', deadline, referralId: 'r-1', serviceId: 'offlimits' },
    });
    // The partner confirms: no longer overdue.
    await db
      .update(jobs)
      .set({
        payload: {
          ...referral,
          sealed: null,
          deliveredAt: t0.toISOString(),
          acknowledgedAt: at(3000).toISOString(),
        },
      })
      .where(eq(jobs.id, 'referral:done:offlimits'));
    expect(await overdueReferrals(db, 'h1')).toEqual([]);
  });
});
