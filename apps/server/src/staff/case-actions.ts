import { createHash, randomUUID } from 'node:crypto';
import type { CategoryCode, ReportState, UrgencyFlags } from '@vangnet/core';
import {
  checkStatusChange,
  type StatusChangeCheck,
  type StatusTransition,
} from '@vangnet/core/permissions/status-change';
import type { FirstContactVia } from '@vangnet/core/sla/first-contact';
import { and, eq, isNotNull, isNull, lte } from 'drizzle-orm';
import { appendAudit } from '../audit/append-audit.ts';
import type { Db } from '../db/open-database.ts';
import { idempotencyKeys, messages, reports, workers } from '../db/schema/index.ts';
import { reportOutcomeToPeer } from '../federation/report-back.ts';
import { recordReportEvent } from '../services/report-events.ts';
import { type FirstContactResult, recordFirstContact } from './first-contact.ts';
import type { StaffPolicy } from './staff-policy.ts';

/**
 * Changes staff make to a case. Each runs in one transaction with its audit record, so a change is
 * never committed without its trace, and the case row is locked so two workers cannot interleave.
 */

type Tx = Db;
const actorOf = (workerId: string) => `worker:${workerId}`;

async function lockCase(tx: Tx, helplineId: string, caseId: string) {
  const [row] = await tx
    .select({
      id: reports.id,
      status: reports.status,
      assigneeId: reports.assigneeId,
      category: reports.category,
      flags: reports.flags,
      visibleAt: reports.visibleAt,
      firstContactAt: reports.firstContactAt,
      firstContactVia: reports.firstContactVia,
    })
    .from(reports)
    .where(and(eq(reports.id, caseId), eq(reports.helplineId, helplineId), isNotNull(reports.visibleAt)))
    .for('update');
  return row;
}

export type MessageResult =
  | { kind: 'created' | 'replayed'; body: { id: string; createdAt: string } }
  | { kind: 'not-found' }
  | { kind: 'key-reused' };

function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; cause?: { code?: string } };
  return e?.code === '23505' || e?.cause?.code === '23505';
}

/**
 * A sealed message from the helpline to the reporter, or (`internal`) a sealed note for colleagues. A retry with the same Idempotency-Key and the
 * same bytes gets the first answer; the same key with other bytes is refused.
 */
export async function postHelplineMessage(
  db: Db,
  input: {
    helplineId: string;
    caseId: string;
    workerId: string;
    sealed: Uint8Array;
    internal: boolean;
    idempotencyKey: string;
    /** The pack's status workflow, for the step first contact takes (new → contacted). */
    transitions?: readonly StatusTransition[] | undefined;
  },
  now = new Date(),
): Promise<MessageResult> {
  const scope = `staff.message:${input.caseId}:${input.workerId}`;
  const requestHash = createHash('sha256')
    .update(input.internal ? 'note\0' : 'message\0')
    .update(input.sealed)
    .digest('hex');
  const replay = async (): Promise<MessageResult | null> => {
    const [stored] = await db
      .select()
      .from(idempotencyKeys)
      .where(and(eq(idempotencyKeys.scope, scope), eq(idempotencyKeys.key, input.idempotencyKey)));
    if (!stored) return null;
    if (stored.requestHash !== requestHash) return { kind: 'key-reused' };
    return { kind: 'replayed', body: stored.response as { id: string; createdAt: string } };
  };
  const earlier = await replay();
  if (earlier) return earlier;
  try {
    return await db.transaction(async (tx) => {
      const row = await lockCase(tx as Tx, input.helplineId, input.caseId);
      if (!row) return { kind: 'not-found' } as const;
      const id = randomUUID();
      await tx.insert(messages).values({
        id,
        reportId: input.caseId,
        author: 'helpline',
        workerId: input.workerId,
        sealed: input.sealed,
        internal: input.internal,
        createdAt: now,
      });
      // On the reporter's timeline (and their one push, if they opted in); a note between workers is not.
      if (!input.internal)
        await recordReportEvent(tx as Tx, input.caseId, 'helpline-replied', undefined, now);
      const body = { id, createdAt: now.toISOString() };
      await tx
        .insert(idempotencyKeys)
        .values({ key: input.idempotencyKey, scope, requestHash, response: body, statusCode: 201 });
      await appendAudit(
        tx as Tx,
        {
          actor: actorOf(input.workerId),
          action: input.internal ? 'case.note' : 'case.message',
          caseId: input.caseId,
          detail: { messageId: id, size: input.sealed.length },
        },
        now,
      );
      // The first message the reporter can read is the first contact; a note between workers is not.
      if (!input.internal) {
        await recordFirstContact(
          tx as Tx,
          row,
          { workerId: input.workerId, via: 'message', transitions: input.transitions },
          now,
        );
      }
      return { kind: 'created', body } as const;
    });
  } catch (error) {
    // Two retries raced and the other one won: answer as it did.
    if (isUniqueViolation(error)) {
      const raced = await replay();
      if (raced) return raced;
    }
    throw error;
  }
}

export type StatusFields = { serviceId?: string; consent?: boolean; reason?: string; outcome?: string };

export type StatusResult =
  | { ok: true; from: ReportState; to: ReportState; changedAt: Date }
  | { ok: false; code: 'not-found' }
  | Extract<StatusChangeCheck, { ok: false }>;

export async function changeCaseStatus(
  db: Db,
  policy: StaffPolicy,
  input: { helplineId: string; caseId: string; workerId: string; to: ReportState; fields: StatusFields },
  now = new Date(),
): Promise<StatusResult> {
  return db.transaction(async (tx) => {
    const row = await lockCase(tx as Tx, input.helplineId, input.caseId);
    if (!row) return { ok: false, code: 'not-found' } as const;
    const from = row.status as ReportState;
    const check = checkStatusChange(from, input.to, input.fields, policy.transitions);
    if (!check.ok) return check;
    await tx
      .update(reports)
      .set({ status: input.to, closedAt: input.to === 'closed' ? now : null })
      .where(eq(reports.id, input.caseId));
    await appendAudit(
      tx as Tx,
      {
        actor: actorOf(input.workerId),
        action: 'case.status',
        caseId: input.caseId,
        detail: { from, to: input.to, ...input.fields },
      },
      now,
    );
    // The reporter's timeline (GET /reports/self) shows the new status; no worker and no reason.
    await recordReportEvent(tx as Tx, input.caseId, 'status-changed', { status: input.to }, now);
    // A case another member state's instance handed over: its outcome goes back to the sender.
    await reportOutcomeToPeer(tx as Tx, input.caseId, input.to, now);
    return { ok: true, from, to: input.to, changedAt: now } as const;
  });
}

export type AssignResult =
  | { ok: true; from: string | null; to: string | null }
  | { ok: false; code: 'not-found' | 'unknown-assignee' };

/** Assigns a case to a worker of the same helpline (or to nobody). `take` is assigning to oneself. */
export async function assignCase(
  db: Db,
  input: {
    helplineId: string;
    caseId: string;
    workerId: string;
    assignee: string | null;
    mayHoldCases: (role: string) => boolean;
  },
  now = new Date(),
): Promise<AssignResult> {
  return db.transaction(async (tx) => {
    const row = await lockCase(tx as Tx, input.helplineId, input.caseId);
    if (!row) return { ok: false, code: 'not-found' } as const;
    if (input.assignee !== null) {
      const [target] = await tx
        .select({ role: workers.role })
        .from(workers)
        .where(
          and(
            eq(workers.id, input.assignee),
            eq(workers.helplineId, input.helplineId),
            isNull(workers.disabledAt),
          ),
        );
      if (!target || !input.mayHoldCases(target.role))
        return { ok: false, code: 'unknown-assignee' } as const;
    }
    await tx.update(reports).set({ assigneeId: input.assignee }).where(eq(reports.id, input.caseId));
    await appendAudit(
      tx as Tx,
      {
        actor: actorOf(input.workerId),
        action: 'case.assign',
        caseId: input.caseId,
        detail: { from: row.assigneeId, to: input.assignee },
      },
      now,
    );
    return { ok: true, from: row.assigneeId, to: input.assignee } as const;
  });
}

export type MetadataCorrection = { category?: CategoryCode; flags?: Partial<UrgencyFlags> };

export type CorrectionResult =
  | { ok: true; category: CategoryCode; flags: UrgencyFlags }
  | { ok: false; code: 'not-found' };

/** Corrects the clear category and urgency flags; the audit keeps the old and new values. */
export async function correctCaseMetadata(
  db: Db,
  input: { helplineId: string; caseId: string; workerId: string; correction: MetadataCorrection },
  now = new Date(),
): Promise<CorrectionResult> {
  return db.transaction(async (tx) => {
    const row = await lockCase(tx as Tx, input.helplineId, input.caseId);
    if (!row) return { ok: false, code: 'not-found' } as const;
    const oldFlags = row.flags as UrgencyFlags;
    const category = input.correction.category ?? (row.category as CategoryCode);
    const flags = { ...oldFlags, ...input.correction.flags };
    const from: Record<string, string | boolean> = {};
    const to: Record<string, string | boolean> = {};
    if (category !== row.category) {
      from.category = row.category;
      to.category = category;
    }
    for (const [flag, value] of Object.entries(flags) as [keyof UrgencyFlags, boolean][]) {
      if (oldFlags[flag] !== value) {
        from[`flags.${flag}`] = oldFlags[flag];
        to[`flags.${flag}`] = value;
      }
    }
    if (Object.keys(to).length) {
      await tx.update(reports).set({ category, flags }).where(eq(reports.id, input.caseId));
      await appendAudit(
        tx as Tx,
        {
          actor: actorOf(input.workerId),
          action: 'case.metadata',
          caseId: input.caseId,
          detail: { from, to },
        },
        now,
      );
    }
    return { ok: true, category, flags } as const;
  });
}

export type ContactResult = ({ ok: true } & FirstContactResult) | { ok: false; code: 'not-found' };

/** A phone call or chat with the reporter outside the app, recorded by the worker: counts as first contact. */
export async function recordContact(
  db: Db,
  policy: StaffPolicy,
  input: { helplineId: string; caseId: string; workerId: string; via: Exclude<FirstContactVia, 'message'> },
  now = new Date(),
): Promise<ContactResult> {
  return db.transaction(async (tx) => {
    const row = await lockCase(tx as Tx, input.helplineId, input.caseId);
    if (!row) return { ok: false, code: 'not-found' } as const;
    const result = await recordFirstContact(
      tx as Tx,
      row,
      { workerId: input.workerId, via: input.via, transitions: policy.transitions },
      now,
    );
    if (!result.first) {
      // Contact after the first one is still part of the case's record.
      await appendAudit(
        tx as Tx,
        {
          actor: actorOf(input.workerId),
          action: 'case.contact',
          caseId: input.caseId,
          detail: { via: input.via },
        },
        now,
      );
    }
    return { ok: true, ...result } as const;
  });
}

/**
 * A worker opened the case: the reporter's messages up to `seen` count as read. One that arrived while
 * the case was being loaded stays unread.
 */
export async function markReporterMessagesRead(db: Db, caseId: string, seen: Date): Promise<void> {
  await db
    .update(reports)
    .set({ reporterUnreadAt: null })
    .where(and(eq(reports.id, caseId), lte(reports.reporterUnreadAt, seen)));
}
