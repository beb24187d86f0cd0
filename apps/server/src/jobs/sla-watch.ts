import { type CountryPack, firstContactDeadline, reminderAt } from '@vangnet/core';
import { and, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import { appendAudit } from '../audit/append-audit.ts';
import type { Db } from '../db/open-database.ts';
import { jobs, reports } from '../db/schema/index.ts';
import { enqueueJob } from './queue.ts';
import type { JobHandler } from './worker.ts';

/**
 * Lead-time rules as jobs. For every case waiting for its first human contact, a reminder job runs
 * `sla.remindBefore` ahead of the target and an escalation job at the target; each re-checks the case
 * when it runs and only acts if the contact is still missing. Job rows and audit records keep every
 * step's time, so lead times can be measured and published later.
 */
export const SLA_REMIND_QUEUE = 'sla.remind';
export const SLA_ESCALATE_QUEUE = 'sla.escalate';

type SlaPayload = { caseId: string; kind: 'first-contact'; deadline: string; fired?: boolean };

/** Statuses that mean nobody has contacted the reporter yet. */
const WAITING = ['new'];

/** Plans reminder and escalation jobs for waiting cases; safe to call often (stable job ids). */
export async function scheduleSlaJobs(db: Db, pack: CountryPack): Promise<number> {
  const waiting = await db
    .select({
      id: reports.id,
      category: reports.category,
      flags: reports.flags,
      visibleAt: reports.visibleAt,
    })
    .from(reports)
    .where(and(inArray(reports.status, WAITING), isNotNull(reports.visibleAt)));
  let planned = 0;
  for (const row of waiting) {
    const visibleAt = row.visibleAt!;
    const metadata = {
      category: row.category as Parameters<typeof firstContactDeadline>[1]['category'],
      flags: row.flags as Parameters<typeof firstContactDeadline>[1]['flags'],
    };
    const deadline = firstContactDeadline(pack, metadata, visibleAt);
    const payload: SlaPayload = { caseId: row.id, kind: 'first-contact', deadline: deadline.toISOString() };
    const remind = await enqueueJob(db, SLA_REMIND_QUEUE, payload, {
      id: `sla:first-contact:remind:${row.id}`,
      runAt: reminderAt(pack, visibleAt, deadline),
      maxAttempts: 3,
    });
    const escalate = await enqueueJob(db, SLA_ESCALATE_QUEUE, payload, {
      id: `sla:first-contact:escalate:${row.id}`,
      runAt: deadline,
      maxAttempts: 3,
    });
    if (remind.created || escalate.created) planned++;
  }
  return planned;
}

function slaHandler(db: Db, action: 'sla.reminder' | 'sla.escalated'): JobHandler {
  return async (job, now) => {
    const payload = job.payload as SlaPayload;
    const [row] = await db
      .select({ status: reports.status })
      .from(reports)
      .where(eq(reports.id, payload.caseId));
    const fired = !!row && WAITING.includes(row.status);
    await db.transaction(async (tx) => {
      if (fired) {
        await appendAudit(
          tx as Db,
          {
            actor: 'system',
            action,
            caseId: payload.caseId,
            detail: { kind: payload.kind, deadline: payload.deadline },
          },
          now,
        );
      }
      await tx
        .update(jobs)
        .set({ payload: { ...payload, fired } })
        .where(eq(jobs.id, job.id));
    });
  };
}

export function slaHandlers(db: Db): Record<string, JobHandler> {
  return {
    [SLA_REMIND_QUEUE]: slaHandler(db, 'sla.reminder'),
    [SLA_ESCALATE_QUEUE]: slaHandler(db, 'sla.escalated'),
  };
}

export type OverdueCase = { caseId: string; deadline: string; escalatedAt: string };

/** Cases whose first-contact target passed while they were still waiting, and still are: for supervisors. */
export async function overdueCases(db: Db, helplineId: string): Promise<OverdueCase[]> {
  const rows = await db
    .select({ payload: jobs.payload, doneAt: jobs.doneAt })
    .from(jobs)
    .innerJoin(reports, sql`${reports.id} = ${jobs.payload}->>'caseId'`)
    .where(
      and(
        eq(jobs.queue, SLA_ESCALATE_QUEUE),
        isNotNull(jobs.doneAt),
        sql`(${jobs.payload}->>'fired')::boolean`,
        eq(reports.helplineId, helplineId),
        inArray(reports.status, WAITING),
      ),
    )
    .orderBy(jobs.runAt);
  return rows.map((r) => {
    const p = r.payload as SlaPayload;
    return { caseId: p.caseId, deadline: p.deadline, escalatedAt: r.doneAt!.toISOString() };
  });
}
