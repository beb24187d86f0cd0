import { type AuditBreakReason, type AuditRecord, verifyAuditChain } from '@vangnet/core/audit/audit-chain';
import { asc, gt } from 'drizzle-orm';
import type { Db } from '../db/open-database.ts';
import { auditLog } from '../db/schema/audit-log.ts';
import { auditRecordFromRow } from './append-audit.ts';

export type StoredChainResult =
  | { ok: true; count: number }
  | { ok: false; count: number; brokenAt: number; action: string; reason: AuditBreakReason };

/**
 * Checks the whole stored audit log, a page at a time so a long log does not have to fit in memory.
 * `count` is how many records were read up to the answer.
 */
export async function verifyStoredAuditChain(db: Db, pageSize = 5000): Promise<StoredChainResult> {
  let previous: AuditRecord | undefined;
  let count = 0;
  for (;;) {
    const rows = await db
      .select()
      .from(auditLog)
      .where(previous ? gt(auditLog.seq, previous.seq) : undefined)
      .orderBy(asc(auditLog.seq))
      .limit(pageSize);
    const page = rows.map(auditRecordFromRow);
    const result = verifyAuditChain(page, previous ? { after: previous } : {});
    if (!result.ok) {
      const broken = page.find((r) => r.seq === result.brokenAt);
      return {
        ok: false,
        count: count + page.indexOf(broken!) + 1,
        brokenAt: result.brokenAt,
        action: broken?.action ?? '',
        reason: result.reason,
      };
    }
    count += page.length;
    if (page.length < pageSize) return { ok: true, count };
    previous = page.at(-1);
  }
}
