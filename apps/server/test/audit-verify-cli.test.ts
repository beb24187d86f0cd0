import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { auditRecordHash } from '@vangnet/core/audit/audit-chain';
import { asc, eq, gt, sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { type AuditEntry, appendAudit, auditRecordFromRow } from '../src/audit/append-audit.ts';
import { checkpointFilePath, type SigningKey, writeAuditCheckpoint } from '../src/audit/checkpoints.ts';
import { repoRoot } from '../src/config.ts';
import { type OpenedDatabase, openDatabase } from '../src/db/open-database.ts';
import { auditLog } from '../src/db/schema/index.ts';
import { loadOrCreateSigningKey } from '../src/signing-key.ts';
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

async function writeRecords(db: OpenedDatabase['db'], extra = 0): Promise<void> {
  const entries: AuditEntry[] = [
    { actor: 'worker:a', action: 'case.view', caseId: 'c1' },
    { actor: 'worker:a', action: 'evidence.view', caseId: 'c1', detail: { itemId: 'i1' } },
    { actor: 'worker:a', action: 'case.status', caseId: 'c1', detail: { from: 'new', to: 'contacted' } },
    { actor: 'worker:b', action: 'case.message', caseId: 'c1', detail: { messageId: 'm1', size: 300 } },
    { actor: 'worker:b', action: 'case.view', caseId: 'c2' },
  ];
  for (const entry of entries) await appendAudit(db, entry);
  for (let i = 0; i < extra; i++)
    await appendAudit(db, { actor: 'worker:c', action: 'case.view', caseId: `c${i}` });
}

/**
 * What someone with write access to the table (not to the data folder) does to hide a change: edit
 * one record and recompute every later hash, so every link holds again.
 */
async function rewriteAndRechain(db: OpenedDatabase['db'], seq: number): Promise<void> {
  const rows = (
    await db
      .select()
      .from(auditLog)
      .where(gt(auditLog.seq, seq - 1))
      .orderBy(asc(auditLog.seq))
  ).map(auditRecordFromRow);
  let prevHash = rows[0]!.prevHash;
  for (const [i, record] of rows.entries()) {
    const edited = i === 0 ? { ...record, detail: { from: 'new', to: 'closed' } } : record;
    const hash = auditRecordHash(prevHash, edited);
    await db
      .update(auditLog)
      .set({ detail: edited.detail, prevHash, hash })
      .where(eq(auditLog.seq, record.seq));
    prevHash = hash;
  }
}

/**
 * Each step spawns the CLI, which opens the database itself (PGlite: loads and checks the whole
 * folder), and PGlite is closed and reopened between steps: seconds each on a loaded 2-core machine,
 * so these tests get more than the default minute. A bound on a hang, not a speed assertion.
 */
const SLOW = 240_000;

describe.each(databaseKinds())('vangnet verify-audit on %s', (kind) => {
  const cleanups: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const cleanup of cleanups) await cleanup();
  });

  type Target = {
    db: OpenedDatabase['db'];
    args: string[];
    /** The data folder: signing key and audit-checkpoints.log, as the server keeps them. */
    dataDir: string;
    key: SigningKey;
    handOver(): Promise<void>;
    reopen(): Promise<OpenedDatabase['db']>;
  };

  /** A fresh database and data folder. PGlite allows one process per folder, so it is closed before the CLI opens it. */
  async function prepare(): Promise<Target> {
    if (kind === 'postgres') {
      const database: TestDatabase = await openTestDatabase('postgres');
      cleanups.push(() => database.close());
      const args = [
        '--database-url',
        process.env.DATABASE_URL!,
        '--schema',
        database.pgSchema!,
        '--data-dir',
        database.dataDir,
      ];
      return {
        db: database.db,
        args,
        dataDir: database.dataDir,
        key: loadOrCreateSigningKey(database.dataDir),
        handOver: async () => {},
        reopen: async () => database.db,
      };
    }
    const dir = mkdtempSync(join(tmpdir(), 'vangnet-audit-cli-'));
    let opened: OpenedDatabase | null = await openDatabase({ dataDir: dir });
    cleanups.push(async () => {
      await opened?.close();
      rmSync(dir, { recursive: true, force: true });
    });
    return {
      db: opened.db,
      args: ['--data-dir', dir],
      dataDir: dir,
      key: loadOrCreateSigningKey(dir),
      handOver: async () => {
        await opened?.close();
        opened = null;
      },
      reopen: async () => {
        opened = await openDatabase({ dataDir: dir });
        return opened.db;
      },
    };
  }

  async function checkpoint(target: Target, db = target.db): Promise<{ at: string }> {
    const result = await writeAuditCheckpoint(db, checkpointFilePath(target.dataDir), target.key);
    if (!('written' in result)) throw new Error(`no checkpoint written: ${JSON.stringify(result)}`);
    return result.written;
  }

  it(
    'says OK on an intact chain and names the first broken record after one is changed',
    async () => {
      const target = await prepare();
      await writeRecords(target.db);
      const signed = await checkpoint(target);
      await target.handOver();

      const clean = await verifyAudit(target.args);
      expect(clean.code, clean.stderr).toBe(0);
      expect(clean.stdout).toContain(
        `OK: 5 audit records, every link intact; the signed checkpoint of ${signed.at} covers seq 5`,
      );
      expect(clean.stdout).toContain(`server key ${target.key.publicKey}`);

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
    },
    SLOW,
  );

  it(
    'fails when the last record, then the last 5, were cut off, naming the missing records',
    async () => {
      const target = await prepare();
      await writeRecords(target.db, 5);
      const signed = await checkpoint(target);
      // Every link of what is left still holds: only the checkpoint shows the cut.
      await target.db.delete(auditLog).where(gt(auditLog.seq, 9));
      // The server's own writer refuses to sign the shortened chain, so the last checkpoint stays the true one.
      const next = await writeAuditCheckpoint(target.db, checkpointFilePath(target.dataDir), target.key);
      expect(next).toEqual({ refused: { seq: 10, expected: expect.any(String), found: null } });
      await target.handOver();

      const one = await verifyAudit(target.args);
      expect(one.code, one.stdout + one.stderr).toBe(1);
      expect(one.stdout).toContain(
        `MISSING record 10: the signed checkpoint of ${signed.at} covers seq 10, the table ends at 9`,
      );
      expect(one.stdout).not.toMatch(/^OK/m);
      expect(one.stdout).toContain('NOT OK');

      const db = await target.reopen();
      await db.delete(auditLog).where(gt(auditLog.seq, 5));
      await target.handOver();
      const five = await verifyAudit(target.args);
      expect(five.code, five.stdout + five.stderr).toBe(1);
      expect(five.stdout).toContain(
        `MISSING records 6–10: the signed checkpoint of ${signed.at} covers seq 10, the table ends at 5`,
      );
    },
    SLOW,
  );

  it(
    'fails when a record was rewritten and every later hash re-chained, naming the changed range',
    async () => {
      const target = await prepare();
      // Two checkpoints: seq 3, then seq 11. The rewrite starts at seq 4, between them.
      for (const caseId of ['c7', 'c8', 'c9'])
        await appendAudit(target.db, { actor: 'worker:a', action: 'case.view', caseId });
      const first = await checkpoint(target);
      await writeRecords(target.db, 3);
      const second = await checkpoint(target);
      expect(first).not.toEqual(second);
      await rewriteAndRechain(target.db, 4);
      await target.handOver();

      const result = await verifyAudit(target.args);
      expect(result.code, result.stdout + result.stderr).toBe(1);
      // The links hold (nothing "BROKEN"); the checkpoint shows the change.
      expect(result.stdout).not.toContain('BROKEN');
      expect(result.stdout).toContain(
        `CHANGED records 4–11: the signed checkpoint of ${second.at} fixes seq 11 at hash`,
      );
      expect(result.stdout).toContain('seq 3 and before still match an earlier checkpoint');
    },
    SLOW,
  );

  it(
    'fails without a checkpoint file, and on a checkpoint not signed by the server key',
    async () => {
      const target = await prepare();
      await writeRecords(target.db);
      await target.handOver();
      const none = await verifyAudit(target.args);
      expect(none.code).toBe(1);
      expect(none.stdout).toContain('NO CHECKPOINT:');

      // A forged line: the real head, signed by another key; and a line that is no checkpoint at all.
      const db = await target.reopen();
      await checkpoint(target, db);
      await target.handOver();
      const file = checkpointFilePath(target.dataDir);
      const [line] = readFileSync(file, 'utf8').split('\n');
      writeFileSync(file, `${line!.replace(/[0-9a-f]{128}$/, 'ab'.repeat(64))}\nnot a checkpoint\n`);
      const forged = await verifyAudit(target.args);
      expect(forged.code).toBe(1);
      expect(forged.stdout).toContain('BAD SIGNATURE on checkpoint line 1 (seq 5');
      expect(forged.stdout).toContain('BAD LINE 2 of');
    },
    SLOW,
  );

  it('refuses unknown options', async () => {
    const result = await verifyAudit(['--everything']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('usage: vangnet verify-audit');
  });
});
