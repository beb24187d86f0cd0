import type { ReportState } from '@vangnet/core';
import { DEFAULT_STATUS_TRANSITIONS, type StatusTransition } from '@vangnet/core/permissions/status-change';
import { type FirstContactVia, statusAfterFirstContact } from '@vangnet/core/sla/first-contact';
import { eq } from 'drizzle-orm';
import { appendAudit } from '../audit/append-audit.ts';
import type { Db } from '../db/open-database.ts';
import { reports } from '../db/schema/index.ts';
import { recordReportEvent } from '../services/report-events.ts';

export type FirstContactResult = {
  firstContactAt: Date;
  via: FirstContactVia;
  status: ReportState;
  /** Whether this call made the first contact (false: it was made before). */
  first: boolean;
};

/**
 * Records the first human contact with the reporter inside the caller's transaction, on a case row the
 * caller has locked. Only the first one counts: it stops the first-contact countdown (the SLA jobs and
 * the queue read `first_contact_at`), moves the status as the pack's workflow allows (new → contacted,
 * shown on the reporter's timeline) and keeps the measured time for the lead-time figures.
 * Returns the first contact, made now or earlier.
 */
export async function recordFirstContact(
  tx: Db,
  row: {
    id: string;
    status: string;
    visibleAt: Date | null;
    firstContactAt: Date | null;
    firstContactVia: string | null;
  },
  input: { workerId: string; via: FirstContactVia; transitions: readonly StatusTransition[] | undefined },
  now: Date,
): Promise<FirstContactResult> {
  const from = row.status as ReportState;
  if (row.firstContactAt) {
    return {
      firstContactAt: row.firstContactAt,
      via: row.firstContactVia as FirstContactVia,
      status: from,
      first: false,
    };
  }
  const next = statusAfterFirstContact(from, input.transitions ?? DEFAULT_STATUS_TRANSITIONS);
  await tx
    .update(reports)
    .set({ firstContactAt: now, firstContactVia: input.via, ...(next ? { status: next } : {}) })
    .where(eq(reports.id, row.id));
  await appendAudit(
    tx,
    {
      actor: `worker:${input.workerId}`,
      action: 'case.first-contact',
      caseId: row.id,
      detail: {
        via: input.via,
        afterMs: row.visibleAt ? Math.max(0, now.getTime() - row.visibleAt.getTime()) : 0,
        ...(next ? { from, to: next } : {}),
      },
    },
    now,
  );
  // The reporter's timeline shows the new status (no worker, no channel).
  if (next) await recordReportEvent(tx, row.id, 'status-changed', { status: next }, now);
  return { firstContactAt: now, via: input.via, status: next ?? from, first: true };
}
