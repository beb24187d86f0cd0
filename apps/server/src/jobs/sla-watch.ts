import { addLeadTime, type CountryPack, firstContactDeadline, reminderAt } from '@vangnet/core';
import { and, eq, inArray, isNotNull, isNull, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { appendAudit } from '../audit/append-audit.ts';
import type { Db } from '../db/open-database.ts';
import { jobs, reports } from '../db/schema/index.ts';
import { REFERRAL_QUEUE } from '../referrals/referrals.ts';
import { enqueueJob } from './queue.ts';
import type { JobHandler } from './worker.ts';

/**
 * Lead-time rules as jobs. For every case waiting for its first human contact, a reminder job runs
 * `sla.remindBefore` ahead of the target and an escalation job at the target; each re-checks the case
 * when it runs and only acts if the contact is still missing. The same goes for a partner that has not
 * confirmed a delivered referral within its own first-contact lead time. Job rows and audit records
 * keep every step's time, so lead times can be measured and published later.
 */
export const SLA_REMIND_QUEUE = 'sla.remind';
export const SLA_ESCALATE_QUEUE = 'sla.escalate';

type SlaPayload = {
  caseId: string;
  kind: 'first-contact' | 'partner-confirmation';
  deadline: string;
  referralId?: string;
  serviceId?: string;
  fired?: boolean;
};
type DeliveredReferral = { referralId: string; caseId: string; serviceId: string; deliveredAt: string };

/** Statuses that mean nobody has contacted the reporter yet. */
const WAITING = ['new'];

/** Plans reminder and escalation jobs for waiting cases; safe to call often (stable job ids). */
export async function scheduleSlaJobs(db: Db, pack: CountryPack): Promise<number> {
  // Only cases not planned yet: the planner runs every minute and must stay cheap with many open cases.
  const plannedJob = alias(jobs, 'planned');
  const waiting = await db
    .select({
      id: reports.id,
      category: reports.category,
      flags: reports.flags,
      visibleAt: reports.visibleAt,
    })
    .from(reports)
    .leftJoin(plannedJob, sql`${plannedJob.id} = 'sla:first-contact:escalate:' || ${reports.id}`)
    .where(and(inArray(reports.status, WAITING), isNotNull(reports.visibleAt), isNull(plannedJob.id)));
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
  const unconfirmed = await db
    .select({ payload: jobs.payload })
    .from(jobs)
    .leftJoin(plannedJob, sql`${plannedJob.id} = 'sla:partner:escalate:' || (${jobs.payload}->>'referralId')`)
    .where(
      and(
        eq(jobs.queue, REFERRAL_QUEUE),
        sql`${jobs.payload}->>'deliveredAt' is not null`,
        sql`${jobs.payload}->>'acknowledgedAt' is null`,
        isNull(plannedJob.id),
      ),
    );
  for (const { payload: raw } of unconfirmed) {
    const referral = raw as DeliveredReferral;
    const service = pack.services.find((x) => x.id === referral.serviceId);
    if (!service) continue;
    const deliveredAt = new Date(referral.deliveredAt);
    const deadline = addLeadTime(deliveredAt, service.leadTimes.firstContact);
    const payload: SlaPayload = {
      caseId: referral.caseId,
      kind: 'partner-confirmation',
      deadline: deadline.toISOString(),
      referralId: referral.referralId,
      serviceId: referral.serviceId,
    };
    const remind = await enqueueJob(db, SLA_REMIND_QUEUE, payload, {
      id: `sla:partner:remind:${referral.referralId}`,
      runAt: reminderAt(pack, deliveredAt, deadline),
      maxAttempts: 3,
    });
    const escalate = await enqueueJob(db, SLA_ESCALATE_QUEUE, payload, {
      id: `sla:partner:escalate:${referral.referralId}`,
      runAt: deadline,
      maxAttempts: 3,
    });
    if (remind.created || escalate.created) planned++;
  }
  return planned;
}

/** Whether the step an SLA job watches is still missing when the job runs. */
async function stillMissing(db: Db, payload: SlaPayload): Promise<boolean> {
  if (payload.kind === 'partner-confirmation') {
    const [row] = await db
      .select({ payload: jobs.payload })
      .from(jobs)
      .where(
        and(
          eq(jobs.queue, REFERRAL_QUEUE),
          sql`${jobs.payload}->>'referralId' = ${payload.referralId ?? ''}`,
        ),
      );
    return !!row && !(row.payload as { acknowledgedAt?: string }).acknowledgedAt;
  }
  const [row] = await db
    .select({ status: reports.status })
    .from(reports)
    .where(eq(reports.id, payload.caseId));
  return !!row && WAITING.includes(row.status);
}

function slaHandler(db: Db, action: 'sla.reminder' | 'sla.escalated'): JobHandler {
  return async (job, now) => {
    const payload = job.payload as SlaPayload;
    const fired = await stillMissing(db, payload);
    await db.transaction(async (tx) => {
      if (fired) {
        await appendAudit(
          tx as Db,
          {
            actor: 'system',
            action,
            caseId: payload.caseId,
            detail: {
              kind: payload.kind,
              deadline: payload.deadline,
              ...(payload.referralId
                ? { referralId: payload.referralId, serviceId: payload.serviceId ?? '' }
                : {}),
            },
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

/** Escalations of one kind that fired for a helpline's cases, oldest first (plus any extra condition). */
function firedEscalations(db: Db, helplineId: string, kind: SlaPayload['kind'], extra?: SQL) {
  return db
    .select({ payload: jobs.payload, doneAt: jobs.doneAt })
    .from(jobs)
    .innerJoin(reports, sql`${reports.id} = ${jobs.payload}->>'caseId'`)
    .where(
      and(
        eq(jobs.queue, SLA_ESCALATE_QUEUE),
        isNotNull(jobs.doneAt),
        sql`${jobs.payload}->>'kind' = ${kind}`,
        sql`(${jobs.payload}->>'fired')::boolean`,
        eq(reports.helplineId, helplineId),
        extra,
      ),
    )
    .orderBy(jobs.runAt);
}

/** Cases whose first-contact target passed while they were still waiting, and still are: for supervisors. */
export async function overdueCases(db: Db, helplineId: string): Promise<OverdueCase[]> {
  const rows = await firedEscalations(db, helplineId, 'first-contact', inArray(reports.status, WAITING));
  return rows.map((r) => {
    const p = r.payload as SlaPayload;
    return { caseId: p.caseId, deadline: p.deadline, escalatedAt: r.doneAt!.toISOString() };
  });
}

export type OverdueReferral = {
  referralId: string;
  caseId: string;
  serviceId: string;
  deadline: string;
  escalatedAt: string;
};

/** Delivered referrals the partner has not confirmed within its lead time, and still has not. */
export async function overdueReferrals(db: Db, helplineId: string): Promise<OverdueReferral[]> {
  const rows = await firedEscalations(db, helplineId, 'partner-confirmation');
  const out: OverdueReferral[] = [];
  for (const r of rows) {
    const p = r.payload as SlaPayload;
    if (!(await stillMissing(db, p))) continue;
    out.push({
      referralId: p.referralId ?? '',
      caseId: p.caseId,
      serviceId: p.serviceId ?? '',
      deadline: p.deadline,
      escalatedAt: r.doneAt!.toISOString(),
    });
  }
  return out;
}
