import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import { canonicalJson, type JsonValue } from './canonical-json.ts';

/**
 * The hash-chained audit log (DESIGN.md, evidence integrity). Each record carries the hash of the
 * one before it, so changing, removing or reordering any record breaks every link after it.
 * Records never hold sealed content: `detail` is clear bookkeeping (ids, old/new status).
 */
export type AuditDetail = { [key: string]: JsonValue };

export type AuditRecordInput = {
  /** 1, 2, 3, … without gaps over the whole log. */
  seq: number;
  /** ISO 8601 time with milliseconds, UTC. */
  at: string;
  /** `worker:<id>`, `reporter`, `system`, … */
  actor: string;
  /** A stable verb such as `case.view`, `evidence.view`, `case.status`. */
  action: string;
  caseId: string | null;
  detail: AuditDetail;
};

export type AuditRecord = AuditRecordInput & { prevHash: string; hash: string };

/** The `prevHash` of the first record. */
export const AUDIT_GENESIS_HASH = '0'.repeat(64);

/** The fields that are hashed, in a fixed shape; a format version so the rule can change later. */
function canonicalRecord(prevHash: string, record: AuditRecordInput): string {
  return canonicalJson({
    v: 1,
    seq: record.seq,
    at: record.at,
    actor: record.actor,
    action: record.action,
    caseId: record.caseId,
    detail: record.detail,
    prevHash,
  });
}

/** SHA-256 (hex) over the canonical serialisation of the record and the previous record's hash. */
export function auditRecordHash(prevHash: string, record: AuditRecordInput): string {
  return bytesToHex(sha256(utf8ToBytes(canonicalRecord(prevHash, record))));
}

/** Builds the next record of a chain whose last record is `previous` (or none). */
export function chainAuditRecord(
  previous: Pick<AuditRecord, 'seq' | 'hash'> | null,
  record: Omit<AuditRecordInput, 'seq'>,
): AuditRecord {
  const prevHash = previous?.hash ?? AUDIT_GENESIS_HASH;
  const withSeq = { ...record, seq: (previous?.seq ?? 0) + 1 };
  return { ...withSeq, prevHash, hash: auditRecordHash(prevHash, withSeq) };
}

export type AuditBreakReason =
  /** The record's own fields no longer give its stored hash: it was edited. */
  | 'hash-mismatch'
  /** The record does not point at the record before it: one was removed, inserted or replaced. */
  | 'prev-hash-mismatch'
  /** A sequence number is missing or out of order. */
  | 'seq-gap'
  /** The first record of a full chain does not start at 1 from the genesis hash. */
  | 'bad-start';

export type AuditChainResult =
  | { ok: true; count: number }
  | { ok: false; brokenAt: number; reason: AuditBreakReason };

/**
 * Checks a chain and names the first broken record. Records must be given in `seq` order.
 * `partial: true` is for an extract (say, one case's records in an evidence bundle): each record's
 * own hash is checked and links are checked only between records whose `seq` follow each other.
 * `after` continues a check page by page: the last record of the page before.
 */
export function verifyAuditChain(
  records: readonly AuditRecord[],
  options: { partial?: boolean; after?: Pick<AuditRecord, 'seq' | 'hash'> } = {},
): AuditChainResult {
  let previous: Pick<AuditRecord, 'seq' | 'hash'> | null = options.after ?? null;
  for (const record of records) {
    if (auditRecordHash(record.prevHash, record) !== record.hash) {
      return { ok: false, brokenAt: record.seq, reason: 'hash-mismatch' };
    }
    if (previous === null) {
      if (!options.partial && (record.seq !== 1 || record.prevHash !== AUDIT_GENESIS_HASH)) {
        return { ok: false, brokenAt: record.seq, reason: 'bad-start' };
      }
    } else if (options.partial) {
      if (record.seq <= previous.seq) return { ok: false, brokenAt: record.seq, reason: 'seq-gap' };
      if (record.seq === previous.seq + 1 && record.prevHash !== previous.hash) {
        return { ok: false, brokenAt: record.seq, reason: 'prev-hash-mismatch' };
      }
    } else {
      if (record.prevHash !== previous.hash) {
        return { ok: false, brokenAt: record.seq, reason: 'prev-hash-mismatch' };
      }
      if (record.seq !== previous.seq + 1) return { ok: false, brokenAt: record.seq, reason: 'seq-gap' };
    }
    previous = record;
  }
  return { ok: true, count: records.length };
}
