import { describe, expect, it } from 'vitest';
import {
  AUDIT_GENESIS_HASH,
  type AuditRecord,
  auditRecordHash,
  chainAuditRecord,
  verifyAuditChain,
} from './audit-chain.ts';

function buildChain(n: number): AuditRecord[] {
  const records: AuditRecord[] = [];
  for (let i = 0; i < n; i++) {
    records.push(
      chainAuditRecord(records.at(-1) ?? null, {
        at: new Date(Date.UTC(2026, 0, 1, 12, 0, i)).toISOString(),
        actor: `worker:w${i % 3}`,
        action: i % 2 ? 'case.view' : 'case.status',
        caseId: i % 4 === 3 ? null : `case-${i % 2}`,
        detail: i % 2 ? {} : { from: 'new', to: 'contacted', n: i },
      }),
    );
  }
  return records;
}

describe('auditRecordHash', () => {
  const record = {
    seq: 1,
    at: '2026-01-01T12:00:00.000Z',
    actor: 'system',
    action: 'x',
    caseId: null,
    detail: {},
  };

  it('is a 64-character hex SHA-256 that does not depend on key order in detail', () => {
    const a = auditRecordHash(AUDIT_GENESIS_HASH, { ...record, detail: { a: 1, b: [1, 'x'] } });
    const b = auditRecordHash(AUDIT_GENESIS_HASH, { ...record, detail: { b: [1, 'x'], a: 1 } });
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    expect(a).toBe(b);
  });

  it.each([
    ['seq', { seq: 2 }],
    ['at', { at: '2026-01-01T12:00:00.001Z' }],
    ['actor', { actor: 'worker:1' }],
    ['action', { action: 'y' }],
    ['caseId', { caseId: 'c1' }],
    ['detail', { detail: { to: 'closed' } }],
  ])('changes when %s changes', (_field, change) => {
    expect(auditRecordHash(AUDIT_GENESIS_HASH, { ...record, ...change })).not.toBe(
      auditRecordHash(AUDIT_GENESIS_HASH, record),
    );
  });

  it('changes when the previous hash changes', () => {
    expect(auditRecordHash('1'.repeat(64), record)).not.toBe(auditRecordHash(AUDIT_GENESIS_HASH, record));
  });

  it('does not mistake a string detail value for a nested one', () => {
    expect(auditRecordHash(AUDIT_GENESIS_HASH, { ...record, detail: { a: '{"b":1}' } })).not.toBe(
      auditRecordHash(AUDIT_GENESIS_HASH, { ...record, detail: { a: { b: 1 } } }),
    );
  });
});

describe('verifyAuditChain', () => {
  const chain = buildChain(8);

  it('accepts an intact chain and an empty one', () => {
    expect(verifyAuditChain(chain)).toEqual({ ok: true, count: 8 });
    expect(verifyAuditChain([])).toEqual({ ok: true, count: 0 });
  });

  const edit = (i: number, change: Partial<AuditRecord>) =>
    chain.map((r, j) => (j === i ? { ...r, ...change } : r));
  const rehash = (i: number, change: Partial<AuditRecord>) =>
    chain.map((r, j) => {
      if (j !== i) return r;
      const changed = { ...r, ...change };
      return { ...changed, hash: auditRecordHash(changed.prevHash, changed) };
    });

  it.each([
    ['an edited detail', edit(4, { detail: { from: 'new', to: 'closed' } }), 5, 'hash-mismatch'],
    ['an edited actor', edit(2, { actor: 'worker:someone-else' }), 3, 'hash-mismatch'],
    ['an edited time', edit(0, { at: '2027-01-01T00:00:00.000Z' }), 1, 'hash-mismatch'],
    ['an edit with a recomputed hash', rehash(3, { action: 'case.export' }), 5, 'prev-hash-mismatch'],
    ['a removed record', chain.filter((_, j) => j !== 5), 7, 'prev-hash-mismatch'],
    ['a removed first record', chain.slice(1), 2, 'bad-start'],
    ['two swapped records', [chain[0]!, chain[2]!, chain[1]!, ...chain.slice(3)], 3, 'prev-hash-mismatch'],
    ['a renumbered record', rehash(6, { seq: 9 }), 9, 'seq-gap'],
  ])('names the first broken record after %s', (_why, records, brokenAt, reason) => {
    expect(verifyAuditChain(records)).toEqual({ ok: false, brokenAt, reason });
  });

  it('checks an extract record by record and links only where records follow each other', () => {
    const extract = [chain[1]!, chain[2]!, chain[5]!];
    expect(verifyAuditChain(extract, { partial: true })).toEqual({ ok: true, count: 3 });
    expect(verifyAuditChain(extract)).toEqual({ ok: false, brokenAt: 2, reason: 'bad-start' });
    const tampered = [chain[1]!, { ...chain[2]!, detail: { x: 1 } }, chain[5]!];
    expect(verifyAuditChain(tampered, { partial: true })).toEqual({
      ok: false,
      brokenAt: 3,
      reason: 'hash-mismatch',
    });
    const reordered = [chain[5]!, chain[1]!];
    expect(verifyAuditChain(reordered, { partial: true })).toEqual({
      ok: false,
      brokenAt: 2,
      reason: 'seq-gap',
    });
  });
});

describe('verifyAuditChain page by page', () => {
  const chain = buildChain(10);

  it('gives the same answer as one pass', () => {
    const first = verifyAuditChain(chain.slice(0, 4));
    const second = verifyAuditChain(chain.slice(4), { after: chain[3]! });
    expect([first, second]).toEqual([
      { ok: true, count: 4 },
      { ok: true, count: 6 },
    ]);
  });

  it('finds a break at a page boundary', () => {
    expect(verifyAuditChain(chain.slice(5), { after: chain[3]! })).toEqual({
      ok: false,
      brokenAt: 6,
      reason: 'prev-hash-mismatch',
    });
  });
});
