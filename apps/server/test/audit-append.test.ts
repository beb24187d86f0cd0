import { verifyAuditChain } from '@vangnet/core/audit/audit-chain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendAudit, readAuditChain } from '../src/audit/append-audit.ts';
import type { Db } from '../src/db/open-database.ts';
import { databaseKinds, openTestDatabase, type TestDatabase } from './support/databases.ts';

describe.each(databaseKinds())('audit log on %s', (kind) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await openTestDatabase(kind);
  });
  afterAll(async () => database?.close());

  it('never forks when many requests append at once', async () => {
    // On PostgreSQL these run on separate pooled connections, truly in parallel.
    await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        appendAudit(database.db, {
          actor: `worker:w${i % 4}`,
          action: 'case.view',
          caseId: `case-${i % 3}`,
          detail: { i },
        }),
      ),
    );
    const chain = await readAuditChain(database.db);
    expect(chain.map((r) => r.seq)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    expect(verifyAuditChain(chain)).toEqual({ ok: true, count: 40 });
    expect(new Set(chain.map((r) => r.prevHash)).size).toBe(40);
    const oneCase = await readAuditChain(database.db, { caseId: 'case-1' });
    expect(oneCase.every((r) => r.caseId === 'case-1')).toBe(true);
    expect(verifyAuditChain(oneCase, { partial: true }).ok).toBe(true);
  });

  it('leaves no record and no gap when the change it describes is rolled back', async () => {
    const before = (await readAuditChain(database.db)).length;
    await expect(
      database.db.transaction(async (tx) => {
        await appendAudit(tx as Db, {
          actor: 'system',
          action: 'case.status',
          caseId: 'c',
          detail: { to: 'closed' },
        });
        throw new Error('the status change failed');
      }),
    ).rejects.toThrow('the status change failed');
    const record = await appendAudit(database.db, { actor: 'system', action: 'case.view', caseId: 'c' });
    expect(record.seq).toBe(before + 1);
    expect(verifyAuditChain(await readAuditChain(database.db)).ok).toBe(true);
  });

  it.each([
    ['a long text (sealed content in base64 would be)', { note: 'x'.repeat(201) }],
    ['bytes', { sealed: new Uint8Array([1, 2, 3]) as never }],
    ['a long text deep inside', { list: [{ text: 'y'.repeat(500) }] }],
  ])('refuses %s in detail and writes nothing', async (_why, detail) => {
    const before = (await readAuditChain(database.db)).length;
    await expect(appendAudit(database.db, { actor: 'system', action: 'x', detail })).rejects.toThrow();
    expect(await readAuditChain(database.db)).toHaveLength(before);
  });
});
