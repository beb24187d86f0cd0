import { type AuditDetail, type AuditRecord, chainAuditRecord } from '@vangnet/core/audit/audit-chain';
import type { JsonValue } from '@vangnet/core/audit/canonical-json';
import { asc, desc, eq, sql } from 'drizzle-orm';
import { PgTransaction } from 'drizzle-orm/pg-core';
import type { Db } from '../db/open-database.ts';
import { type AuditLogRow, auditLog } from '../db/schema/audit-log.ts';

/**
 * Appends to the hash-chained audit log (DESIGN.md, evidence integrity). Runs inside the caller's
 * transaction, so the record exists exactly when the change it describes was committed.
 *
 * Two writers must never both chain onto the same last record (the chain would fork). A
 * transaction-scoped advisory lock serialises appenders on PostgreSQL and PGlite alike and is
 * released at commit or rollback; the sequence number is taken from the last row, not from the
 * bigserial, so a rolled-back append leaves no gap.
 */
const AUDIT_LOCK_KEY = 0x76616e67; // "vang"

export type AuditEntry = {
  /** `worker:<id>`, `reporter`, `system`. */
  actor: string;
  /** A stable verb: `case.view`, `evidence.view`, `case.message`, `case.status`, … */
  action: string;
  caseId?: string | null;
  /** Clear bookkeeping only: ids, statuses, old/new metadata. Never sealed content or contact data. */
  detail?: AuditDetail;
};

/** Anything longer than this in `detail` is refused: bookkeeping is short; ciphertext is not. */
const MAX_DETAIL_STRING = 200;

function assertBookkeeping(value: JsonValue | undefined, path: string): void {
  if (value === null || value === undefined) return;
  if (typeof value === 'string') {
    if (value.length > MAX_DETAIL_STRING)
      throw new Error(`audit detail ${path} is too long to be bookkeeping`);
  } else if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) assertBookkeeping(v, `${path}[${i}]`);
  } else if (typeof value === 'object') {
    if (ArrayBuffer.isView(value)) throw new Error(`audit detail ${path} holds bytes`);
    for (const [k, v] of Object.entries(value)) assertBookkeeping(v, `${path}.${k}`);
  }
}

export async function appendAudit(db: Db, entry: AuditEntry, now = new Date()): Promise<AuditRecord> {
  if (!(db instanceof PgTransaction)) return db.transaction((tx) => appendAudit(tx as Db, entry, now));
  const detail = entry.detail ?? {};
  assertBookkeeping(detail, 'detail');
  await db.execute(sql`select pg_advisory_xact_lock(${AUDIT_LOCK_KEY})`);
  const [last] = await db
    .select({ seq: auditLog.seq, hash: auditLog.hash })
    .from(auditLog)
    .orderBy(desc(auditLog.seq))
    .limit(1);
  const record = chainAuditRecord(last ?? null, {
    at: now.toISOString(),
    actor: entry.actor,
    action: entry.action,
    caseId: entry.caseId ?? null,
    detail,
  });
  await db.insert(auditLog).values({ ...record, at: new Date(record.at) });
  return record;
}

export function auditRecordFromRow(row: AuditLogRow): AuditRecord {
  return {
    seq: row.seq,
    at: row.at.toISOString(),
    actor: row.actor,
    action: row.action,
    caseId: row.caseId,
    detail: (row.detail ?? {}) as AuditDetail,
    prevHash: row.prevHash,
    hash: row.hash,
  };
}

/** The whole chain, or one case's records, in order. */
export async function readAuditChain(db: Db, filter: { caseId?: string } = {}): Promise<AuditRecord[]> {
  const query = db.select().from(auditLog);
  const rows = await (filter.caseId === undefined
    ? query
    : query.where(eq(auditLog.caseId, filter.caseId))
  ).orderBy(asc(auditLog.seq));
  return rows.map(auditRecordFromRow);
}
