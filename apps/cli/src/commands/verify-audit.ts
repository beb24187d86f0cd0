import { verifyStoredAuditChain } from '@vangnet/server/audit/verify-stored-chain';
import { openCliDatabase } from '../open-cli-database.ts';

/**
 * `vangnet verify-audit [--database-url URL | --data-dir DIR] [--schema NAME]`: reads the whole audit
 * log and checks every hash link. Exit 0 when intact, 1 naming the first broken record, 2 when the
 * log cannot be read. Without options it uses DATABASE_URL, else DATA_DIR, else ./data, like the server.
 */
const REASONS: Record<string, string> = {
  'hash-mismatch': 'the record was changed after it was written',
  'prev-hash-mismatch': 'the record before it was changed, removed or replaced',
  'seq-gap': 'a record is missing or out of order',
  'bad-start': 'the log does not start at its first record',
};

function usage(): number {
  console.error('usage: vangnet verify-audit [--database-url URL | --data-dir DIR] [--schema NAME]');
  return 2;
}

export async function run(args: string[]): Promise<number> {
  const options = new Map<string, string>();
  for (let i = 0; i < args.length; i += 2) {
    const [flag, value] = [args[i]!, args[i + 1]];
    if (!['--database-url', '--data-dir', '--schema'].includes(flag) || value === undefined) return usage();
    options.set(flag, value);
  }
  if (options.has('--database-url') && options.has('--data-dir')) return usage();
  const opened = await openCliDatabase('verify-audit', options);
  if (!opened) return 2;
  try {
    const result = await verifyStoredAuditChain(opened.db);
    if (result.ok) {
      console.log(`OK: ${result.count} audit records, every link intact`);
      return 0;
    }
    console.log(
      `BROKEN at record seq ${result.brokenAt} (${result.action}): ${result.reason}, ${REASONS[result.reason] ?? ''}`,
    );
    // With a broken link the record before may be the changed one, so nothing from there on is vouched for.
    console.log(`Read ${result.count} records; the chain cannot be trusted from seq ${result.brokenAt} on.`);
    return 1;
  } finally {
    await opened.close();
  }
}
