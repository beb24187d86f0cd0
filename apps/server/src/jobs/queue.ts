import { randomUUID } from 'node:crypto';
import { and, asc, eq, inArray, isNull, lte, or, sql } from 'drizzle-orm';
import type { Db } from '../db/open-database.ts';
import { type JobRow, jobs } from '../db/schema/index.ts';

/**
 * A small durable job queue in the `jobs` table (DESIGN.md: jobs live in the database, not in memory).
 * Claiming uses SELECT … FOR UPDATE SKIP LOCKED, so several server replicas share the work without
 * taking the same job; a claim also sets `locked_until`, so a job whose worker died is picked up again
 * after the lock expires. Works on PostgreSQL and PGlite alike.
 */
export type Job<P = unknown> = Omit<JobRow, 'payload'> & { payload: P };

export type EnqueueOptions = {
  /** A stable id makes enqueueing idempotent: a second call with the same id adds nothing. */
  id?: string;
  runAt?: Date;
  maxAttempts?: number;
};

/** Adds a job; returns its id and whether it was new. Pass a transaction to enqueue with the change it follows. */
export async function enqueueJob(
  db: Pick<Db, 'insert'>,
  queue: string,
  payload: unknown,
  options: EnqueueOptions = {},
): Promise<{ id: string; created: boolean }> {
  const id = options.id ?? randomUUID();
  const inserted = await db
    .insert(jobs)
    .values({
      id,
      queue,
      payload,
      runAt: options.runAt ?? new Date(),
      ...(options.maxAttempts ? { maxAttempts: options.maxAttempts } : {}),
    })
    .onConflictDoNothing({ target: jobs.id })
    .returning({ id: jobs.id });
  return { id, created: inserted.length > 0 };
}

/**
 * Takes up to `limit` due jobs of the given queues and locks them for `lockMs`. Each claim counts as
 * an attempt, so a job that crashes its worker still reaches its attempt limit.
 */
export async function claimJobs(
  db: Db,
  queues: string[],
  options: { limit: number; lockMs: number; now: Date },
): Promise<Job[]> {
  const { limit, lockMs, now } = options;
  return db.transaction(async (tx) => {
    const due = await tx
      .select({ id: jobs.id })
      .from(jobs)
      .where(
        and(
          inArray(jobs.queue, queues),
          isNull(jobs.doneAt),
          isNull(jobs.deadAt),
          lte(jobs.runAt, now),
          or(isNull(jobs.lockedUntil), lte(jobs.lockedUntil, now)),
        ),
      )
      .orderBy(asc(jobs.runAt))
      .limit(limit)
      .for('update', { skipLocked: true });
    if (due.length === 0) return [];
    return tx
      .update(jobs)
      .set({ lockedUntil: new Date(now.getTime() + lockMs), attempts: sql`${jobs.attempts} + 1` })
      .where(
        inArray(
          jobs.id,
          due.map((d) => d.id),
        ),
      )
      .returning();
  });
}

export async function completeJob(db: Db, job: Job, now: Date): Promise<void> {
  await db
    .update(jobs)
    .set({ doneAt: now, lockedUntil: null, lastError: null })
    .where(and(eq(jobs.id, job.id), eq(jobs.attempts, job.attempts)));
}

/** Exponential backoff: 5 s, 10 s, 20 s … capped at one hour. */
export function backoffMs(attempt: number, baseMs = 5_000, capMs = 3_600_000): number {
  return Math.min(capMs, baseMs * 2 ** Math.max(0, attempt - 1));
}

/**
 * Records a failed attempt: the job runs again after the backoff, or is dead-lettered once it has used
 * its attempts (dead jobs stay in the table for a supervisor to see and retry).
 */
export async function failJob(
  db: Db,
  job: Job,
  error: string,
  now: Date,
  backoff: (attempt: number) => number = backoffMs,
): Promise<'retry' | 'dead'> {
  const dead = job.attempts >= job.maxAttempts;
  await db
    .update(jobs)
    .set({
      lastError: error.slice(0, 500),
      lockedUntil: null,
      ...(dead ? { deadAt: now } : { runAt: new Date(now.getTime() + backoff(job.attempts)) }),
    })
    .where(and(eq(jobs.id, job.id), eq(jobs.attempts, job.attempts)));
  return dead ? 'dead' : 'retry';
}

/** Dead-lettered jobs of some queues, newest first: what a supervisor looks at. */
export async function deadJobs(db: Db, queues: string[], limit = 100): Promise<Job[]> {
  return db
    .select()
    .from(jobs)
    .where(and(inArray(jobs.queue, queues), sql`${jobs.deadAt} is not null`))
    .orderBy(sql`${jobs.deadAt} desc`)
    .limit(limit);
}

/** Gives a dead job a fresh set of attempts (a supervisor's "try again"). */
export async function retryDeadJob(db: Db, id: string, now: Date): Promise<boolean> {
  const updated = await db
    .update(jobs)
    .set({ deadAt: null, attempts: 0, runAt: now, lockedUntil: null })
    .where(and(eq(jobs.id, id), sql`${jobs.deadAt} is not null`))
    .returning({ id: jobs.id });
  return updated.length > 0;
}
