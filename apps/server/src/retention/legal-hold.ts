import { and, eq, isNotNull } from 'drizzle-orm';
import { appendAudit } from '../audit/append-audit.ts';
import type { Db } from '../db/open-database.ts';
import { reports } from '../db/schema/index.ts';

/**
 * Sets or clears a case's legal hold, with its audit record in the same transaction. A call that
 * changes nothing writes no record. Null when the helpline has no such (visible) case.
 */
export async function setLegalHold(
  db: Db,
  input: { helplineId: string; caseId: string; workerId: string; hold: boolean; reason?: string },
  now = new Date(),
): Promise<{ legalHold: boolean; changed: boolean } | null> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select({ legalHold: reports.legalHold })
      .from(reports)
      .where(
        and(
          eq(reports.id, input.caseId),
          eq(reports.helplineId, input.helplineId),
          isNotNull(reports.visibleAt),
        ),
      )
      .for('update');
    if (!row) return null;
    if (row.legalHold === input.hold) return { legalHold: input.hold, changed: false };
    await tx.update(reports).set({ legalHold: input.hold }).where(eq(reports.id, input.caseId));
    await appendAudit(
      tx as Db,
      {
        actor: `worker:${input.workerId}`,
        action: input.hold ? 'case.legal-hold-set' : 'case.legal-hold-cleared',
        caseId: input.caseId,
        // A short code from LEGAL_HOLD_REASONS (never free text): the audit log is in the clear.
        ...(input.reason ? { detail: { reason: input.reason } } : {}),
      },
      now,
    );
    return { legalHold: input.hold, changed: true };
  });
}
