import { addLeadTime, type CountryPack, firstContactDeadline, reminderAt } from '@vangnet/core';
import { and, eq, inArray, isNotNull, isNull, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { appendAudit } from '../audit/append-audit.ts';
import type { Db } from '../db/open-database.ts';
import { jobs, reports, workers } from '../db/schema/index.ts';
import type { MailSettings } from '../referrals/connectors.ts';
import { REFERRAL_QUEUE } from '../referrals/referrals.ts';
import { enqueueJob } from './queue.ts';
import { sendReminderMails } from './sla-mail.ts';
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
  /** The workers told (by id): in the console's reminders list, and by e-mail when mail is set up. */
  notified?: string[];
  mailed?: boolean;
};
type DeliveredReferral = { referralId: string; caseId: string; serviceId: string; deliveredAt: string };

/** Statuses that mean nobody has contacted the reporter yet (and `first_contact_at` is still empty). */
const WAITING = ['new'];
const waitingForContact = () => and(inArray(reports.status, WAITING), isNull(reports.firstContactAt));

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
    .where(and(waitingForContact(), isNotNull(reports.visibleAt), isNull(plannedJob.id)));
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
    // A service, or another member state's helpline (federation.yaml): both carry agreed lead times.
    const target =
      pack.services.find((x) => x.id === referral.serviceId) ??
      pack.federation?.find((x) => x.id === referral.serviceId);
    if (!target) continue;
    const deliveredAt = new Date(referral.deliveredAt);
    const deadline = addLeadTime(deliveredAt, target.leadTimes.firstContact);
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
    .select({ status: reports.status, firstContactAt: reports.firstContactAt })
    .from(reports)
    .where(eq(reports.id, payload.caseId));
  return !!row && WAITING.includes(row.status) && row.firstContactAt === null;
}

/** Where a reminder goes: the assigned worker; the supervisors when nobody has the case or it escalated. */
async function recipientsOf(
  db: Db,
  caseId: string,
  step: 'reminder' | 'escalation',
): Promise<{ id: string; email: string }[]> {
  const [row] = await db
    .select({ helplineId: reports.helplineId, assigneeId: reports.assigneeId })
    .from(reports)
    .where(eq(reports.id, caseId));
  if (!row) return [];
  const active = (extra: SQL) =>
    db
      .select({ id: workers.id, email: workers.email })
      .from(workers)
      .where(and(eq(workers.helplineId, row.helplineId), isNull(workers.disabledAt), extra))
      .orderBy(workers.id);
  if (step === 'reminder' && row.assigneeId) {
    const assignee = await active(eq(workers.id, row.assigneeId));
    if (assignee.length) return assignee;
  }
  const supervisors = await active(eq(workers.role, 'supervisor'));
  // A helpline without supervisors: its administrators are told instead, so a reminder never goes nowhere.
  return supervisors.length ? supervisors : active(eq(workers.role, 'admin'));
}

export type SlaNotify = {
  /** SMTP settings (`SMTP_URL`, `MAIL_FROM`); without them reminders reach the console only. */
  mail?: MailSettings | undefined;
  /** The server's public address, for the console link in the mail. */
  publicUrl: string;
};

function slaHandler(db: Db, action: 'sla.reminder' | 'sla.escalated', notify?: SlaNotify): JobHandler {
  return async (job, now) => {
    const payload = job.payload as SlaPayload;
    const fired = await stillMissing(db, payload);
    const step = action === 'sla.reminder' ? 'reminder' : 'escalation';
    const told = fired ? await recipientsOf(db, payload.caseId, step) : [];
    // Mail before the job is marked done: a refused mail fails the attempt and the job tries again.
    const mailed = !!(fired && notify?.mail && told.length);
    if (mailed) {
      await sendReminderMails(
        notify!.mail!,
        told.map((w) => w.email),
        {
          caseId: payload.caseId,
          kind: payload.kind,
          step,
          deadline: payload.deadline,
          link: `${notify!.publicUrl}/console/cases/${payload.caseId}`,
        },
      );
    }
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
              notified: told.map((w) => w.id).join(','),
              mailed,
            },
          },
          now,
        );
      }
      await tx
        .update(jobs)
        .set({
          payload: { ...payload, fired, ...(fired ? { notified: told.map((w) => w.id), mailed } : {}) },
        })
        .where(eq(jobs.id, job.id));
    });
  };
}

export function slaHandlers(db: Db, notify?: SlaNotify): Record<string, JobHandler> {
  return {
    [SLA_REMIND_QUEUE]: slaHandler(db, 'sla.reminder', notify),
    [SLA_ESCALATE_QUEUE]: slaHandler(db, 'sla.escalated', notify),
  };
}

export type Reminder = {
  caseId: string;
  kind: SlaPayload['kind'];
  step: 'reminder' | 'escalation';
  deadline: string;
  at: string;
  referralId?: string;
  serviceId?: string;
};

/**
 * The reminders and escalations one worker was told about whose step is still missing: the console's
 * reminders list. Newest first; a case contacted (or a referral confirmed) drops out.
 */
export async function remindersFor(db: Db, helplineId: string, workerId: string): Promise<Reminder[]> {
  const rows = await db
    .select({ queue: jobs.queue, payload: jobs.payload, doneAt: jobs.doneAt })
    .from(jobs)
    .innerJoin(reports, sql`${reports.id} = ${jobs.payload}->>'caseId'`)
    .where(
      and(
        inArray(jobs.queue, [SLA_REMIND_QUEUE, SLA_ESCALATE_QUEUE]),
        isNotNull(jobs.doneAt),
        sql`(${jobs.payload}->>'fired')::boolean`,
        sql`(${jobs.payload}->'notified') @> ${JSON.stringify([workerId])}::jsonb`,
        eq(reports.helplineId, helplineId),
      ),
    )
    .orderBy(sql`${jobs.doneAt} desc`)
    .limit(200);
  const out: Reminder[] = [];
  for (const r of rows) {
    const p = r.payload as SlaPayload;
    if (!(await stillMissing(db, p))) continue;
    out.push({
      caseId: p.caseId,
      kind: p.kind,
      step: r.queue === SLA_ESCALATE_QUEUE ? 'escalation' : 'reminder',
      deadline: p.deadline,
      at: r.doneAt!.toISOString(),
      ...(p.referralId ? { referralId: p.referralId, serviceId: p.serviceId ?? '' } : {}),
    });
  }
  return out;
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
  const rows = await firedEscalations(db, helplineId, 'first-contact', waitingForContact());
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
