import { resolve } from 'node:path';
import { DataDirInUseError } from '@vangnet/server/db/data-dir-lock';
import { DatabaseUnreachableError, openDatabase } from '@vangnet/server/db/open-database';

export type OpenedDatabase = Awaited<ReturnType<typeof openDatabase>>;

/**
 * The database a CLI command works on, chosen like the server chooses it: `--database-url`, else
 * `--data-dir`, else DATABASE_URL, else DATA_DIR, else ./data; `--schema` for a test schema. Prints
 * why on failure (never the URL, which may hold a password) and returns null, so the caller exits 2.
 */
export async function openCliDatabase(
  command: string,
  options: ReadonlyMap<string, string>,
): Promise<OpenedDatabase | null> {
  const databaseUrl =
    options.get('--database-url') ?? (options.has('--data-dir') ? undefined : process.env.DATABASE_URL);
  const dataDir = resolve(options.get('--data-dir') ?? process.env.DATA_DIR ?? './data');
  const pgSchema = options.get('--schema');
  try {
    return await openDatabase({
      dataDir,
      ...(databaseUrl ? { databaseUrl } : {}),
      ...(pgSchema ? { pgSchema } : {}),
    });
  } catch (error) {
    if (error instanceof DataDirInUseError || error instanceof DatabaseUnreachableError) {
      console.error(error.message);
    } else console.error(`vangnet ${command}: cannot open the database (${(error as Error).name})`);
    return null;
  }
}
