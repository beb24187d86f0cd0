import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseAuditCheckpointLog } from '@vangnet/core/audit/checkpoint';
import { afterAll, describe, expect, it } from 'vitest';
import { appendAudit } from '../src/audit/append-audit.ts';
import { checkpointFilePath, writeAuditCheckpoint } from '../src/audit/checkpoints.ts';
import { startServer } from '../src/server.ts';
import { loadOrCreateSigningKey } from '../src/signing-key.ts';
import { databaseKinds, openTestDatabase } from './support/databases.ts';

/**
 * The running server writes the checkpoints itself: while it runs (the head moved) and at shutdown.
 * The embedded database only: startServer takes no PostgreSQL schema, and the writer's SQL is the
 * same on both (audit-verify-cli.test.ts runs it on both).
 */
describe('the server writes audit checkpoints', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'vangnet-checkpoints-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('while it runs when the head moved, and for the last records at shutdown', async () => {
    const server = await startServer({
      dataDir,
      port: 0,
      host: '127.0.0.1',
      logLevel: 'silent',
      serveApps: false,
      auditCheckpointIntervalMs: 100,
    });
    const file = checkpointFilePath(dataDir);
    const lines = () => {
      try {
        return parseAuditCheckpointLog(readFileSync(file, 'utf8')).checkpoints;
      } catch {
        return [];
      }
    };
    try {
      const first = await appendAudit(server.deps.db, { actor: 'system', action: 'test.one' });
      await expect.poll(() => lines().at(-1)?.seq, { timeout: 30_000 }).toBe(first.seq);
      expect(lines().at(-1)?.hash).toBe(first.hash);
    } finally {
      // The next record is written just before shutdown; close() must still pin it.
      const last = await appendAudit(server.deps.db, { actor: 'system', action: 'test.two' });
      await server.close();
      expect(lines().at(-1)).toMatchObject({ seq: last.seq, hash: last.hash });
    }
  });
});

describe.each(databaseKinds())('writeAuditCheckpoint on %s', (kind) => {
  it('writes only when the head moved, and starts a fresh line after a line torn by a crash', async () => {
    const database = await openTestDatabase(kind);
    try {
      const key = loadOrCreateSigningKey(database.dataDir);
      const file = checkpointFilePath(database.dataDir);
      const first = await appendAudit(database.db, { actor: 'system', action: 'test.one' });
      expect(await writeAuditCheckpoint(database.db, file, key)).toMatchObject({
        written: { seq: first.seq },
      });
      expect(await writeAuditCheckpoint(database.db, file, key)).toEqual({ unchanged: true });
      // A crash in the middle of a write leaves half a line without its newline.
      const whole = readFileSync(file, 'utf8');
      writeFileSync(file, `${whole}${whole.slice(0, 30)}`);
      const second = await appendAudit(database.db, { actor: 'system', action: 'test.two' });
      expect(await writeAuditCheckpoint(database.db, file, key)).toMatchObject({
        written: { seq: second.seq },
      });
      const log = parseAuditCheckpointLog(readFileSync(file, 'utf8'));
      expect(log.checkpoints.map((c) => c.seq)).toEqual([first.seq, second.seq]);
      expect(log.badLines.map((l) => l.line)).toEqual([2]);
    } finally {
      await database.close();
    }
  });
});
