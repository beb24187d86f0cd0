import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds, openTestDatabase, type TestDatabase } from '../../test/support/databases.ts';
import { jobs } from '../db/schema/index.ts';
import { backoffMs, claimJobs, deadJobs, enqueueJob, retryDeadJob } from './queue.ts';
import { runDueJobs } from './worker.ts';

const t0 = new Date('2026-11-24T10:00:00.000Z');
const later = (ms: number) => new Date(t0.getTime() + ms);

describe.each(databaseKinds())('job queue on %s', (kind) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await openTestDatabase(kind);
  });
  afterAll(() => database.close());

  it('enqueues once per stable id', async () => {
    const { db } = database;
    expect((await enqueueJob(db, 'q-once', { n: 1 }, { id: 'job-once', runAt: t0 })).created).toBe(true);
    expect((await enqueueJob(db, 'q-once', { n: 2 }, { id: 'job-once', runAt: t0 })).created).toBe(false);
    const rows = await db.select().from(jobs).where(eq(jobs.queue, 'q-once'));
    expect(rows.map((r) => r.payload)).toEqual([{ n: 1 }]);
  });

  it('claims only due, unlocked jobs, and a claimed job again only after its lock expires', async () => {
    const { db } = database;
    await enqueueJob(db, 'q-claim', { n: 'now' }, { runAt: t0 });
    await enqueueJob(db, 'q-claim', { n: 'later' }, { runAt: later(60_000) });
    const first = await claimJobs(db, ['q-claim'], { limit: 10, lockMs: 30_000, now: t0 });
    expect(first.map((j) => [j.payload, j.attempts])).toEqual([[{ n: 'now' }, 1]]);
    expect(await claimJobs(db, ['q-claim'], { limit: 10, lockMs: 30_000, now: later(1_000) })).toEqual([]);
    // The worker that claimed it died: after the lock expires the job is claimed again, as attempt 2.
    const again = await claimJobs(db, ['q-claim'], { limit: 10, lockMs: 30_000, now: later(30_000) });
    expect(again.map((j) => [j.payload, j.attempts])).toEqual([[{ n: 'now' }, 2]]);
  });

  it('never hands the same job to two workers claiming at once', async () => {
    const { db } = database;
    for (let n = 0; n < 20; n++) await enqueueJob(db, 'q-race', { n }, { runAt: t0 });
    const claims = await Promise.all(
      [0, 1, 2, 3].map(() => claimJobs(db, ['q-race'], { limit: 7, lockMs: 60_000, now: t0 })),
    );
    const ids = claims.flat().map((j) => j.id);
    expect(ids).toHaveLength(20);
    expect(new Set(ids).size).toBe(20);
  });

  it('retries with exponential backoff and dead-letters after the last attempt', async () => {
    const { db } = database;
    const { id } = await enqueueJob(db, 'q-fail', { n: 1 }, { runAt: t0, maxAttempts: 3 });
    const failures: string[] = [];
    let now = t0;
    const step = () =>
      runDueJobs({
        db,
        handlers: {
          'q-fail': async () => {
            throw new Error('receiver down');
          },
        },
        clock: () => now,
        onFailure: (f) => failures.push(`${f.attempts}:${f.outcome}`),
      });
    expect(await step()).toBe(1);
    // Not due again before the backoff has passed.
    now = later(backoffMs(1) - 1);
    expect(await step()).toBe(0);
    now = later(backoffMs(1));
    expect(await step()).toBe(1);
    now = later(backoffMs(1) + backoffMs(2));
    expect(await step()).toBe(1);
    now = later(3_600_000);
    expect(await step()).toBe(0);
    expect(failures).toEqual(['1:retry', '2:retry', '3:dead']);
    const dead = await deadJobs(db, ['q-fail']);
    expect(dead.map((j) => [j.id, j.lastError, j.attempts])).toEqual([[id, 'receiver down', 3]]);

    // A supervisor retries it: it runs again and succeeds.
    expect(await retryDeadJob(db, id, now)).toBe(true);
    let ran = 0;
    await runDueJobs({ db, handlers: { 'q-fail': async () => void ran++ }, clock: () => now });
    expect(ran).toBe(1);
    const [row] = await db.select().from(jobs).where(eq(jobs.id, id));
    expect(row?.doneAt).toEqual(now);
    expect(await deadJobs(db, ['q-fail'])).toEqual([]);
  });

  it('doubles the pause after each failure, up to an hour', () => {
    expect([1, 2, 3, 4].map((a) => backoffMs(a))).toEqual([5_000, 10_000, 20_000, 40_000]);
    expect(backoffMs(30)).toBe(3_600_000);
  });
});
