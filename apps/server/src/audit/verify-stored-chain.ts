import { type AuditBreakReason, type AuditRecord, verifyAuditChain } from '@vangnet/core/audit/audit-chain';
import type { ChainFacts } from '@vangnet/core/audit/checkpoint';
import { asc, desc, gt, inArray } from 'drizzle-orm';
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

/**
 * What `compareChainWithCheckpoints` needs from the table: its last `seq` and the stored hash at each
 * checkpointed `seq` (read in chunks, so a checkpoint file of years does not make one huge query).
 */
export async function readChainFacts(db: Db, seqs: Iterable<number>): Promise<ChainFacts> {
  const [last] = await db.select({ seq: auditLog.seq }).from(auditLog).orderBy(desc(auditLog.seq)).limit(1);
  const wanted = [...new Set(seqs)].filter((s) => s <= (last?.seq ?? 0));
  const hashAt = new Map<number, string>();
  for (let i = 0; i < wanted.length; i += 1000) {
    const rows = await db
      .select({ seq: auditLog.seq, hash: auditLog.hash })
      .from(auditLog)
      .where(inArray(auditLog.seq, wanted.slice(i, i + 1000)));
    for (const r of rows) hashAt.set(r.seq, r.hash);
  }
  return { lastSeq: last?.seq ?? 0, hashAt };
}
