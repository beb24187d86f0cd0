import type { AuditRecord } from '@vangnet/core/audit/audit-chain';
import type { SignedAuditCheckpoint } from '@vangnet/core/audit/checkpoint';
import {
  BUNDLE_STATEMENT_KIND,
  type BundleSignature,
  type BundleStatement,
} from '@vangnet/core/bundle/format';
import { and, eq } from 'drizzle-orm';
import { appendAudit, readAuditChain } from '../audit/append-audit.ts';
import { type SigningKey, signAuditCheckpoint } from '../audit/checkpoints.ts';
import type { Db } from '../db/open-database.ts';
import { auditLog } from '../db/schema/audit-log.ts';
import { signStatement } from '../sign-statement.ts';

/**
 * The server's two parts of an evidence export (the bundle itself is built in the worker's browser,
 * packages/core/src/bundle). First the export is recorded in the audit log and the case's extract is
 * handed over with a signed checkpoint of the whole chain's head, taken under the append lock, so the
 * checkpoint is exactly the export record. Then the server signs the SHA-256 of the finished
 * bundle.json for that recorded export: it sees one opaque hash, never the content, and a bundle whose
 * report, items and index were rewritten together no longer matches the signature.
 */
export async function recordExport(
  db: Db,
  key: SigningKey,
  input: { workerId: string; caseId: string },
  now = new Date(),
): Promise<{ exportSeq: number; records: AuditRecord[]; checkpoint: SignedAuditCheckpoint }> {
  return db.transaction(async (tx) => {
    // Recorded before the extract is read, so the bundle carries the record of its own making.
    const record = await appendAudit(
      tx as Db,
      { actor: `worker:${input.workerId}`, action: 'case.export', caseId: input.caseId },
      now,
    );
    const checkpoint = signAuditCheckpoint(
      { seq: record.seq, hash: record.hash, at: now.toISOString() },
      key,
    );
    return {
      exportSeq: record.seq,
      records: await readAuditChain(tx as Db, { caseId: input.caseId }),
      checkpoint,
    };
  });
}

/** Null when `exportSeq` is not this worker's recorded export of this case. */
export async function signExportIndex(
  db: Db,
  key: SigningKey,
  input: { workerId: string; caseId: string; exportSeq: number; bundleSha256: string },
  now = new Date(),
): Promise<BundleSignature | null> {
  const exportedBy = `worker:${input.workerId}`;
  const [recorded] = await db
    .select({ seq: auditLog.seq })
    .from(auditLog)
    .where(
      and(
        eq(auditLog.seq, input.exportSeq),
        eq(auditLog.action, 'case.export'),
        eq(auditLog.caseId, input.caseId),
        eq(auditLog.actor, exportedBy),
      ),
    )
    .limit(1);
  if (!recorded) return null;
  const statement: BundleStatement = {
    kind: BUNDLE_STATEMENT_KIND,
    v: 1,
    caseId: input.caseId,
    bundleSha256: input.bundleSha256,
    exportedBy,
    exportSeq: input.exportSeq,
    signedAt: now.toISOString(),
  };
  return {
    statement,
    signature: signStatement(statement, key.privateKey),
    serverPublicKey: key.publicKey,
  };
}
