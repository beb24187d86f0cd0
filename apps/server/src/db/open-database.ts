import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import { drizzle as drizzleNodePg } from 'drizzle-orm/node-postgres';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import pg from 'pg';
import { lockDataDir } from './data-dir-lock.ts';
import * as schema from './schema/index.ts';

/**
 * The database handle every part of the server uses, whichever driver is behind it. Both drizzle
 * drivers extend `PgDatabase`; only their result-type parameter differs, which queries built with
 * the query builder never see.
 */
export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;
export type DatabaseKind = 'pglite' | 'postgres';

export type OpenDatabaseOptions = {
  dataDir: string;
  databaseUrl?: string;
  /** A schema of its own on a shared PostgreSQL (tests); tables and migration records go there. */
  pgSchema?: string;
};

export type OpenedDatabase = {
  db: Db;
  kind: DatabaseKind;
  close(): Promise<void>;
};

export const migrationsFolder = fileURLToPath(new URL('./migrations', import.meta.url));

const schemaNamePattern = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * Whether the newest migration is already recorded. Then nothing runs, not even drizzle's
 * `CREATE SCHEMA IF NOT EXISTS`, so a runtime role without CREATE rights can start: the operator
 * migrates with the owning role and runs replicas with a role that may only insert into the audit
 * log (docs/operating-at-scale.md). Any error (no migrations table yet) means: migrate.
 */
async function upToDate(db: Db, migrationsSchema: string, newest: number): Promise<boolean> {
  try {
    const result = (await db.execute(
      sql`select created_at from ${sql.identifier(migrationsSchema)}.__drizzle_migrations order by created_at desc limit 1`,
    )) as unknown as { rows: { created_at: string | number }[] };
    const last = result.rows[0];
    return last !== undefined && Number(last.created_at) >= newest;
  } catch {
    return false;
  }
}

/**
 * Runs the committed SQL migrations. drizzle-kit writes foreign keys as `"public"."table"`; that
 * prefix is dropped so the same files also work inside another schema (search_path decides).
 */
async function migrate(db: Db, migrationsSchema: string): Promise<void> {
  const migrations = readMigrationFiles({ migrationsFolder });
  if (await upToDate(db, migrationsSchema, Math.max(...migrations.map((m) => m.folderMillis)))) return;
  for (const m of migrations) m.sql = m.sql.map((s) => s.replaceAll('"public".', ''));
  // The drizzle migrators are exactly this call; `dialect` and `session` are internal fields of
  // PgDatabase, hence the cast.
  const internal = db as unknown as {
    dialect: {
      migrate(
        m: unknown,
        s: unknown,
        c: { migrationsFolder: string; migrationsSchema: string },
      ): Promise<void>;
    };
    session: unknown;
  };
  await internal.dialect.migrate(migrations, internal.session, { migrationsFolder, migrationsSchema });
}

/** Opens the embedded PGlite in `dataDir/pg` (locked to this process) or PostgreSQL at `databaseUrl`. */
export async function openDatabase(options: OpenDatabaseOptions): Promise<OpenedDatabase> {
  const { pgSchema } = options;
  if (pgSchema !== undefined && !schemaNamePattern.test(pgSchema)) {
    throw new Error(`Invalid schema name: ${pgSchema}`);
  }
  if (options.databaseUrl) return openPostgres(options.databaseUrl, pgSchema);
  return openPglite(options.dataDir, pgSchema);
}

async function openPostgres(databaseUrl: string, pgSchema: string | undefined): Promise<OpenedDatabase> {
  const pool = new pg.Pool({
    connectionString: databaseUrl,
    max: 10,
    ...(pgSchema ? { options: `-c search_path=${pgSchema}` } : {}),
  });
  // An idle client that loses its connection must not crash the process; the next query reconnects.
  pool.on('error', () => {});
  // Cast: NodePgDatabase is a PgDatabase with node-postgres' result type (see `Db`).
  const db = drizzleNodePg(pool, { schema }) as unknown as Db;
  try {
    await migrateExclusively(pool, pgSchema);
  } catch (error) {
    await pool.end();
    throw error;
  }
  return { db, kind: 'postgres', close: () => pool.end() };
}

/**
 * Replicas starting at once must not run the same migration twice: one connection holds an advisory
 * lock (per migrations schema) while it migrates; the others wait and then find nothing to do.
 */
async function migrateExclusively(pool: pg.Pool, pgSchema: string | undefined): Promise<void> {
  const migrationsSchema = pgSchema ?? 'drizzle';
  const client = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock(hashtext($1))', [`vangnet-migrate:${migrationsSchema}`]);
    try {
      // Inside the lock: even CREATE SCHEMA IF NOT EXISTS fails when two sessions race.
      // Asked first, so a role without CREATE rights can open a schema that exists.
      const exists = pgSchema
        ? (await client.query('SELECT 1 FROM pg_namespace WHERE nspname = $1', [pgSchema])).rowCount
        : 1;
      if (!exists) await client.query(`CREATE SCHEMA IF NOT EXISTS "${pgSchema}"`);
      // Cast: as for `Db` above; this handle only lives for the migration.
      await migrate(drizzleNodePg(client, { schema }) as unknown as Db, migrationsSchema);
    } finally {
      await client.query('SELECT pg_advisory_unlock(hashtext($1))', [`vangnet-migrate:${migrationsSchema}`]);
    }
  } finally {
    client.release();
  }
}

async function openPglite(dataDir: string, pgSchema: string | undefined): Promise<OpenedDatabase> {
  const release = lockDataDir(dataDir);
  let client: PGlite | undefined;
  try {
    const dir = join(dataDir, 'pg');
    mkdirSync(dir, { recursive: true });
    client = await PGlite.create(dir);
    if (pgSchema) {
      await client.exec(`CREATE SCHEMA IF NOT EXISTS "${pgSchema}"; SET search_path TO "${pgSchema}";`);
    }
    // Cast: PgliteDatabase is a PgDatabase with PGlite's result type (see `Db`).
    const db = drizzlePglite(client, { schema }) as unknown as Db;
    await migrate(db, pgSchema ?? 'drizzle');
    const opened = client;
    return {
      db,
      kind: 'pglite',
      close: async () => {
        try {
          await opened.close();
        } finally {
          release();
        }
      },
    };
  } catch (error) {
    await client?.close().catch(() => {});
    release();
    throw error;
  }
}

/** For `/readyz`: true when the database answers a trivial query. */
export async function pingDatabase(db: Db): Promise<boolean> {
  try {
    await db.execute(sql`select 1`);
    return true;
  } catch {
    return false;
  }
}
