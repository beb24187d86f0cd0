import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type DatabaseKind, type OpenedDatabase, openDatabase } from '../../src/db/open-database.ts';

/** PGlite always; PostgreSQL too when DATABASE_URL is set (CI points it at the machine's PostgreSQL 15). */
export function databaseKinds(): DatabaseKind[] {
  return process.env.DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];
}

export type TestDatabase = OpenedDatabase & {
  /** A temp folder for this database's DATA_DIR (blobs, keys); removed on close. */
  dataDir: string;
  /** The PostgreSQL schema holding this database's tables (postgres only). */
  pgSchema?: string;
};

/**
 * A fresh, migrated database: PGlite in a temp folder, or a new random schema on DATABASE_URL that is
 * dropped on close, so test files never see each other's rows.
 */
export async function openTestDatabase(
  kind: DatabaseKind,
  /** For a test that always wants PostgreSQL, with the machine's own as a fallback. */
  databaseUrl: string | undefined = process.env.DATABASE_URL,
): Promise<TestDatabase> {
  const dataDir = mkdtempSync(join(tmpdir(), 'vangnet-test-'));
  if (kind === 'pglite') {
    const opened = await openDatabase({ dataDir });
    return {
      ...opened,
      dataDir,
      close: async () => {
        await opened.close();
        rmSync(dataDir, { recursive: true, force: true });
      },
    };
  }
  if (!databaseUrl) throw new Error('DATABASE_URL is not set');
  const pgSchema = `test_${randomBytes(6).toString('hex')}`;
  const opened = await openDatabase({ dataDir, databaseUrl, pgSchema });
  return {
    ...opened,
    dataDir,
    pgSchema,
    close: async () => {
      try {
        await opened.db.execute(`DROP SCHEMA IF EXISTS "${pgSchema}" CASCADE` as never);
      } finally {
        await opened.close();
        rmSync(dataDir, { recursive: true, force: true });
      }
    },
  };
}
