import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { type AuditEntry, appendAudit } from '../src/audit/append-audit.ts';
import { repoRoot } from '../src/config.ts';
import { type OpenedDatabase, openDatabase } from '../src/db/open-database.ts';
import { auditLog } from '../src/db/schema/index.ts';
import { databaseKinds, openTestDatabase, type TestDatabase } from './support/databases.ts';

const run = promisify(execFile);

/** `vangnet verify-audit` as an operator runs it: a separate process reading the database. */
async function verifyAudit(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(
      process.execPath,
      ['apps/cli/bin/vangnet.mjs', 'verify-audit', ...args],
      {
        cwd: repoRoot,
        env: { ...process.env, DATABASE_URL: '' },
      },
    );
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

async function writeRecords(db: OpenedDatabase['db']): Promise<void> {
  const entries: AuditEntry[] = [
    { actor: 'worker:a', action: 'case.view', caseId: 'c1' },
    { actor: 'worker:a', action: 'evidence.view', caseId: 'c1', detail: { itemId: 'i1' } },
    { actor: 'worker:a', action: 'case.status', caseId: 'c1', detail: { from: 'new', to: 'contacted' } },
    { actor: 'worker:b', action: 'case.message', caseId: 'c1', detail: { messageId: 'm1', size: 300 } },
    { actor: 'worker:b', action: 'case.view', caseId: 'c2' },
  ];
  for (const entry of entries) await appendAudit(db, entry);
}

describe.each(databaseKinds())('vangnet verify-audit on %s', (kind) => {
  let database: TestDatabase | undefined;
  let pglite: { dir: string; opened: OpenedDatabase } | undefined;
  afterAll(async () => {
    await database?.close();
    if (pglite) rmSync(pglite.dir, { recursive: true, force: true });
  });

  /** PGlite allows one process per folder, so the test closes it before the CLI opens it. */
  async function prepare(): Promise<{
    db: OpenedDatabase['db'];
    args: string[];
    handOver(): Promise<void>;
    reopen(): Promise<OpenedDatabase['db']>;
  }> {
    if (kind === 'postgres') {
      database = await openTestDatabase('postgres');
      const args = ['--database-url', process.env.DATABASE_URL!, '--schema', database.pgSchema!];
      return { db: database.db, args, handOver: async () => {}, reopen: async () => database!.db };
    }
    const dir = mkdtempSync(join(tmpdir(), 'vangnet-audit-cli-'));
    pglite = { dir, opened: await openDatabase({ dataDir: dir }) };
    return {
      db: pglite.opened.db,
      args: ['--data-dir', dir],
      handOver: async () => pglite!.opened.close(),
      reopen: async () => {
        pglite!.opened = await openDatabase({ dataDir: dir });
        return pglite!.opened.db;
      },
    };
  }

  it('says OK on an intact chain and names the first broken record after one is changed', async () => {
    const target = await prepare();
    await writeRecords(target.db);
    await target.handOver();

    const clean = await verifyAudit(target.args);
    expect(clean.code, clean.stderr).toBe(0);
    expect(clean.stdout).toContain('OK: 5 audit records');

    const db = await target.reopen();
    // Someone with database access rewrites what a worker did to case c1.
    await db
      .update(auditLog)
      .set({ detail: { from: 'new', to: 'closed' } })
      .where(sql`${auditLog.seq} = 3`);
    await target.handOver();

    const broken = await verifyAudit(target.args);
    expect(broken.code).toBe(1);
    expect(broken.stdout).toContain('BROKEN at record seq 3 (case.status): hash-mismatch');

    const again = await target.reopen();
    // Deleting the record instead of editing it is caught at the next one.
    await again.delete(auditLog).where(sql`${auditLog.seq} = 3`);
    await target.handOver();
    const removed = await verifyAudit(target.args);
    expect(removed.code).toBe(1);
    expect(removed.stdout).toContain('BROKEN at record seq 4 (case.message): prev-hash-mismatch');
    if (kind === 'pglite') await target.reopen();
  });

  it('refuses unknown options', async () => {
    const result = await verifyAudit(['--everything']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('usage: vangnet verify-audit');
  });
});
