import { sql } from 'drizzle-orm';
import type { Db } from '../db/open-database.ts';
import { SLA_ESCALATE_QUEUE } from '../jobs/sla-watch.ts';

/** What the database says about the queue and the job loop: the same on every replica. */
export type QueueFigures = {
  /** Visible cases nobody has contacted yet. */
  waitingCases: number;
  /** Age of the oldest of them, in seconds (0 when there is none). */
  oldestWaitingSeconds: number;
  /** Of those, how many are past their first-contact deadline (their escalation job is due). */
  firstContactBreaches: number;
  /** Jobs due and not done, by queue name (code constants such as `sla.remind`, never data). */
  jobs: { queue: string; due: number; oldestDueSeconds: number; dead: number }[];
};

const rowsOf = <T>(result: unknown): T[] =>
  (Array.isArray(result) ? result : ((result as { rows?: T[] }).rows ?? [])) as T[];

/** Three aggregate queries on indexed columns; no id, no content leaves the database. */
export async function readQueueFigures(db: Db, now = new Date()): Promise<QueueFigures> {
  const at = now.toISOString();
  const [waiting] = rowsOf<{ n: string | number; oldest: string | number | null }>(
    await db.execute(sql`
      SELECT count(*) AS n, extract(epoch FROM (${at}::timestamptz - min(visible_at))) AS oldest
      FROM reports
      WHERE status = 'new' AND first_contact_at IS NULL AND visible_at IS NOT NULL`),
  );
  const [breaches] = rowsOf<{ n: string | number }>(
    await db.execute(sql`
      SELECT count(*) AS n
      FROM jobs j JOIN reports r ON r.id = j.payload->>'caseId'
      WHERE j.queue = ${SLA_ESCALATE_QUEUE} AND j.payload->>'kind' = 'first-contact'
        AND j.run_at <= ${at}::timestamptz AND r.status = 'new' AND r.first_contact_at IS NULL`),
  );
  const jobs = rowsOf<{
    queue: string;
    due: string | number;
    oldest: string | number | null;
    dead: string | number;
  }>(
    await db.execute(sql`
      SELECT queue,
        count(*) FILTER (WHERE dead_at IS NULL AND run_at <= ${at}::timestamptz) AS due,
        extract(epoch FROM (${at}::timestamptz - min(run_at) FILTER (WHERE dead_at IS NULL AND run_at <= ${at}::timestamptz))) AS oldest,
        count(*) FILTER (WHERE dead_at IS NOT NULL) AS dead
      FROM jobs WHERE done_at IS NULL GROUP BY queue`),
  );
  return {
    waitingCases: Number(waiting?.n ?? 0),
    oldestWaitingSeconds: Math.max(0, Number(waiting?.oldest ?? 0)),
    firstContactBreaches: Number(breaches?.n ?? 0),
    jobs: jobs.map((j) => ({
      queue: j.queue,
      due: Number(j.due),
      oldestDueSeconds: Math.max(0, Number(j.oldest ?? 0)),
      dead: Number(j.dead),
    })),
  };
}
