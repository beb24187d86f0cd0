import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { compareChainWithCheckpoints, describeCheckpointFinding } from '@vangnet/core/audit/checkpoint';
import { signingPublicKey, verifyCanonicalJsonSignature } from '@vangnet/crypto';
import { checkpointFilePath, readCheckpointLog } from '@vangnet/server/audit/checkpoints';
import { readChainFacts, verifyStoredAuditChain } from '@vangnet/server/audit/verify-stored-chain';
import { openCliDatabase } from '../open-cli-database.ts';

/**
 * `vangnet verify-audit`: reads the whole audit log, checks every hash link, and compares the chain
 * with the server's signed checkpoints (DATA_DIR/audit-checkpoints.log), so a cut tail or a chain
 * rewritten and re-hashed from some record on is named too (packages/core/src/audit/checkpoint.ts).
 * Exit 0 when intact, 1 naming what is broken, missing or changed, 2 when it cannot read what it needs.
 * Without options the database is DATABASE_URL, else DATA_DIR, else ./data, like the server; the
 * checkpoints and the server key come from the data folder unless given.
 */
export const USAGE = [
  'usage: vangnet verify-audit [--database-url URL] [--data-dir DIR] [--schema NAME]',
  '                            [--checkpoints FILE] [--server-key HEX]',
  '  --data-dir      the server data folder: the embedded database (unless --database-url),',
  '                  audit-checkpoints.log and the server key (default DATA_DIR, else ./data)',
  '  --checkpoints   the checkpoint file, if not DIR/audit-checkpoints.log (say, a copy off the host)',
  "  --server-key    the server's Ed25519 public key (hex) the checkpoints must be signed with,",
  '                  as GET /api/v1/config shows it; default: the key in the data folder',
].join('\n');

const REASONS: Record<string, string> = {
  'hash-mismatch': 'the record was changed after it was written',
  'prev-hash-mismatch': 'the record before it was changed, removed or replaced',
  'seq-gap': 'a record is missing or out of order',
  'bad-start': 'the log does not start at its first record',
};

const VALUE_FLAGS = ['--database-url', '--data-dir', '--schema', '--checkpoints', '--server-key'];

function usage(): number {
  console.error(USAGE);
  return 2;
}

/** The public half of DATA_DIR/signing-key.json, or null when there is none. */
async function dataDirServerKey(dataDir: string): Promise<string | null> {
  try {
    const parsed = JSON.parse(await readFile(join(dataDir, 'signing-key.json'), 'utf8')) as {
      privateKey?: unknown;
    };
    return typeof parsed.privateKey === 'string' ? signingPublicKey(parsed.privateKey) : null;
  } catch {
    return null;
  }
}

export async function run(args: string[]): Promise<number> {
  const options = new Map<string, string>();
  for (let i = 0; i < args.length; i += 2) {
    const [flag, value] = [args[i]!, args[i + 1]];
    if (!VALUE_FLAGS.includes(flag) || value === undefined) return usage();
    options.set(flag, value);
  }
  const serverKeyOption = options.get('--server-key');
  if (serverKeyOption !== undefined && !/^[0-9a-fA-F]{64}$/.test(serverKeyOption)) return usage();
  const dataDir = resolve(options.get('--data-dir') ?? process.env.DATA_DIR ?? './data');
  const checkpointFile = resolve(options.get('--checkpoints') ?? checkpointFilePath(dataDir));

  let checkpointLog: Awaited<ReturnType<typeof readCheckpointLog>>;
  try {
    checkpointLog = await readCheckpointLog(checkpointFile);
  } catch (error) {
    console.error(
      `vangnet verify-audit: cannot read ${checkpointFile} (${(error as NodeJS.ErrnoException).code})`,
    );
    return 2;
  }
  const serverKey = serverKeyOption?.toLowerCase() ?? (await dataDirServerKey(dataDir));

  const opened = await openCliDatabase('verify-audit', options);
  if (!opened) return 2;
  try {
    const links = await verifyStoredAuditChain(opened.db);
    const facts = await readChainFacts(opened.db, checkpointLog?.checkpoints.map((c) => c.seq) ?? []);
    const problems: string[] = [];
    if (!links.ok) {
      problems.push(
        `BROKEN at record seq ${links.brokenAt} (${links.action}): ${links.reason}, ${REASONS[links.reason] ?? ''}`,
        // With a broken link the record before may be the changed one, so nothing from there on is vouched for.
        `Read ${links.count} records; the chain cannot be trusted from seq ${links.brokenAt} on.`,
      );
    }

    let vouched = '';
    if (!checkpointLog || checkpointLog.checkpoints.length === 0) {
      if (facts.lastSeq > 0) {
        problems.push(
          `NO CHECKPOINT: ${checkpointFile} ${checkpointLog ? 'holds no checkpoint' : 'does not exist'}, so a cut or rewritten tail cannot be seen; give --checkpoints FILE`,
        );
      }
    } else if (!serverKey) {
      problems.push('NO SERVER KEY: no signing-key.json in the data folder; give --server-key HEX');
    } else {
      for (const bad of checkpointLog.badLines) {
        problems.push(
          `BAD LINE ${bad.line} of ${checkpointFile}: not a checkpoint (${JSON.stringify(bad.text)})`,
        );
      }
      const comparison = compareChainWithCheckpoints(checkpointLog, facts, (statement, signature) =>
        verifyCanonicalJsonSignature(statement, signature, serverKey),
      );
      for (const finding of comparison.findings) problems.push(describeCheckpointFinding(finding));
      const latest = comparison.latest!;
      vouched = `the signed checkpoint of ${latest.at} covers seq ${latest.seq}`;
      if (comparison.uncovered) {
        const { from, to } = comparison.uncovered;
        vouched += `; ${from === to ? `record ${from} is` : `records ${from}–${to} are`} newer than any checkpoint`;
      }
      const source = serverKeyOption
        ? 'the key you gave'
        : "from the data folder; compare it with GET /api/v1/config's serverPublicKey";
      console.log(`server key ${serverKey} (${source})`);
    }

    if (problems.length === 0) {
      console.log(`OK: ${links.count} audit records, every link intact${vouched ? `; ${vouched}` : ''}`);
      return 0;
    }
    for (const line of problems) console.log(line);
    if (links.ok)
      console.log(
        `Every link of the ${links.count} records holds, but that alone does not show a cut or re-hashed tail.`,
      );
    console.log(`NOT OK: ${problems.length} problem(s)`);
    return 1;
  } finally {
    await opened.close();
  }
}
