import { open, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import {
  AUDIT_CHECKPOINT_FILE,
  type AuditCheckpoint,
  auditCheckpointStatement,
  formatAuditCheckpointLine,
  parseAuditCheckpointLog,
  type SignedAuditCheckpoint,
} from '@vangnet/core/audit/checkpoint';
import { desc, eq } from 'drizzle-orm';
import type { FastifyBaseLogger } from 'fastify';
import type { Db } from '../db/open-database.ts';
import { auditLog } from '../db/schema/audit-log.ts';
import { signStatement } from '../sign-statement.ts';

/**
 * Writes signed checkpoints of the audit chain's head (packages/core/src/audit/checkpoint.ts) to
 * DATA_DIR/audit-checkpoints.log, appending only. Not on every append (one fsync per request would
 * cost every staff action a disk flush): a timer looks at the head every few seconds and writes a
 * line only when it moved, and `stop()` writes a last one at shutdown. A database writer therefore
 * has at most one interval (plus the time since the last clean shutdown, after a crash) in which
 * new records are not yet pinned; docs/threat-model.md says so.
 *
 * The writer never signs a head that does not extend its own last checkpoint: if the record that
 * checkpoint pinned is gone or has another hash, someone cut or rewrote the chain, and signing the
 * new head would bless it. It logs an error instead (once per state) and writes nothing until an
 * operator has looked.
 */
export const DEFAULT_CHECKPOINT_INTERVAL_MS = 5000;

export type SigningKey = { privateKey: string; publicKey: string };

export function checkpointFilePath(dataDir: string): string {
  return join(dataDir, AUDIT_CHECKPOINT_FILE);
}

export function signAuditCheckpoint(checkpoint: AuditCheckpoint, key: SigningKey): SignedAuditCheckpoint {
  return {
    ...checkpoint,
    signature: signStatement(auditCheckpointStatement(checkpoint), key.privateKey),
  };
}

/** The last line of the file, read from its end (the file grows for years). */
export async function readLastCheckpoint(file: string): Promise<SignedAuditCheckpoint | null> {
  let size: number;
  try {
    size = (await stat(file)).size;
  } catch {
    return null;
  }
  if (size === 0) return null;
  const handle = await open(file, 'r');
  try {
    const length = Math.min(size, 4096);
    const buffer = Buffer.alloc(length);
    await handle.read(buffer, 0, length, size - length);
    const lines = buffer.toString('utf8').split('\n');
    // Read from the middle of the file, the first line may be cut.
    const { checkpoints } = parseAuditCheckpointLog(lines.slice(length < size ? 1 : 0).join('\n'));
    return checkpoints.at(-1) ?? null;
  } finally {
    await handle.close();
  }
}

async function appendLine(file: string, line: string): Promise<void> {
  const handle = await open(file, 'a+', 0o600);
  try {
    // A line torn by a crash mid-write stays a bad line of its own instead of swallowing this one.
    const { size } = await handle.stat();
    const last = Buffer.alloc(1);
    if (size > 0) await handle.read(last, 0, 1, size - 1);
    await handle.write(size > 0 && last[0] !== 0x0a ? `\n${line}` : line);
    // One flush per checkpoint (every few seconds at most), so a power cut does not take it back.
    await handle.datasync();
  } finally {
    await handle.close();
  }
}

export type CheckpointResult =
  | { written: SignedAuditCheckpoint }
  | { unchanged: true }
  | { refused: { seq: number; expected: string; found: string | null } };

/** One look at the head: writes a checkpoint when it moved and still extends the last one. */
export async function writeAuditCheckpoint(
  db: Db,
  file: string,
  key: SigningKey,
  now = new Date(),
): Promise<CheckpointResult> {
  const [head] = await db
    .select({ seq: auditLog.seq, hash: auditLog.hash })
    .from(auditLog)
    .orderBy(desc(auditLog.seq))
    .limit(1);
  const last = await readLastCheckpoint(file);
  if (!head || (last && head.seq === last.seq && head.hash === last.hash)) return { unchanged: true };
  if (last) {
    const [pinned] = await db
      .select({ hash: auditLog.hash })
      .from(auditLog)
      .where(eq(auditLog.seq, last.seq))
      .limit(1);
    if (pinned?.hash !== last.hash) {
      return { refused: { seq: last.seq, expected: last.hash, found: pinned?.hash ?? null } };
    }
  }
  const checkpoint = signAuditCheckpoint({ seq: head.seq, hash: head.hash, at: now.toISOString() }, key);
  await appendLine(file, formatAuditCheckpointLine(checkpoint));
  return { written: checkpoint };
}

/** Reads every checkpoint of a file (for `vangnet verify-audit`); null when there is no file. */
export async function readCheckpointLog(file: string) {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  return parseAuditCheckpointLog(text);
}

export type CheckpointWriter = { stop(): Promise<void> };

/** The timer in the server process; `stop()` writes the last checkpoint before the database closes. */
export function startCheckpointWriter(deps: {
  db: Db;
  dataDir: string;
  signingKey: SigningKey;
  log: FastifyBaseLogger;
  intervalMs?: number;
}): CheckpointWriter {
  const file = checkpointFilePath(deps.dataDir);
  let running: Promise<void> = Promise.resolve();
  let lastRefusal = '';
  const tick = () => {
    running = running.then(async () => {
      try {
        const result = await writeAuditCheckpoint(deps.db, file, deps.signingKey);
        if ('written' in result) {
          // The log stream is a second copy off this host (shipped logs): hashes and signatures only.
          const { seq, hash, at, signature } = result.written;
          deps.log.info({ auditCheckpoint: { seq, hash, at, signature } }, 'audit checkpoint');
        } else if ('refused' in result) {
          const state = `${result.refused.seq}:${result.refused.found}`;
          if (state !== lastRefusal) {
            lastRefusal = state;
            deps.log.error(
              { code: 'audit.checkpoint-mismatch', seq: result.refused.seq },
              `audit log no longer matches the signed checkpoint at seq ${result.refused.seq}: records were removed or rewritten; run vangnet verify-audit. No new checkpoint is written until this is resolved.`,
            );
          }
        }
      } catch (error) {
        deps.log.warn({ err: { name: (error as Error).name } }, 'audit checkpoint not written this time');
      }
    });
    return running;
  };
  const timer = setInterval(tick, deps.intervalMs ?? DEFAULT_CHECKPOINT_INTERVAL_MS);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await tick();
    },
  };
}
