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
import { type ListenHandlers, listenPostgres, type Unlisten } from './pg-listen.ts';
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
  /**
   * PostgreSQL only: how long to keep trying to reach the database at start (DATABASE_START_TIMEOUT).
   * Default 0: one try. The server passes 60 s unless configured.
   */
  startTimeoutMs?: number;
  /** Told one line per failed attempt (the server prints it); never holds a password or the URL. */
  onWait?: (line: string) => void;
};

/** PostgreSQL could not be reached (or refused us) at start; the message says where and why, without secrets. */
export class DatabaseUnreachableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DatabaseUnreachableError';
  }
}

export type OpenedDatabase = {
  db: Db;
  kind: DatabaseKind;
  /**
   * LISTEN for notifications on `channel` (live/): on a connection of its own for PostgreSQL, which
   * reconnects when dropped; in-process for PGlite, which delivers its own NOTIFY on commit.
   */
  listen(channel: string, handlers: ListenHandlers): Promise<Unlisten>;
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
  if (options.databaseUrl) return openPostgres(options.databaseUrl, pgSchema, options);
  return openPglite(options.dataDir, pgSchema);
}

/** `host:port` of a database URL, for messages: never the user, the password or the database name. */
export function databaseAddress(databaseUrl: string): string {
  try {
    const url = new URL(databaseUrl);
    return `${url.hostname || 'localhost'}:${url.port || '5432'}`;
  } catch {
    return 'the configured database';
  }
}

/** Errors that may pass: nothing listening yet, no route, name not resolvable yet, PostgreSQL starting up. */
const transientCodes = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  '57P03', // the database system is starting up
  '53300', // too many connections
]);

function reasonOf(error: unknown): string {
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') return code;
  // node-postgres' own timeout has no code; its message holds no secrets.
  return /timeout/i.test(String((error as Error).message)) ? 'connection timeout' : 'connection failed';
}

/**
 * Waits until PostgreSQL answers, trying again with backoff (0.5 s, 1 s, 2 s … at most 10 s apart) for
 * up to `startTimeoutMs`: in a deployment the database often starts at the same time as the server.
 * Errors that will not pass by waiting (a wrong password, an unknown database) stop at once.
 */
async function waitForPostgres(
  pool: pg.Pool,
  databaseUrl: string,
  options: OpenDatabaseOptions,
): Promise<void> {
  const address = databaseAddress(databaseUrl);
  const timeoutMs = options.startTimeoutMs ?? 0;
  const started = Date.now();
  for (let attempt = 1; ; attempt++) {
    try {
      const client = await pool.connect();
      client.release();
      return;
    } catch (error) {
      const reason = reasonOf(error);
      const elapsed = Date.now() - started;
      const delay = Math.min(10_000, 500 * 2 ** (attempt - 1));
      if (!transientCodes.has(reason) && reason !== 'connection timeout' && reason !== 'connection failed') {
        throw new DatabaseUnreachableError(
          `The database at ${address} refused the connection (${reason}). Check DATABASE_URL.`,
        );
      }
      if (elapsed + delay > timeoutMs) {
        throw new DatabaseUnreachableError(
          `Could not reach the database at ${address} (${reason}) after ${attempt} attempt${attempt === 1 ? '' : 's'} in ${Math.round(elapsed / 1000)} s; giving up (DATABASE_START_TIMEOUT=${Math.round(timeoutMs / 1000)}).`,
        );
      }
      options.onWait?.(
        `Database at ${address} not reachable (${reason}), attempt ${attempt}; trying again in ${(delay / 1000).toFixed(1)} s (giving up after ${Math.round(timeoutMs / 1000)} s).`,
      );
      await new Promise((r) => setTimeout(r, delay));
    }
  }
}

async function openPostgres(
  databaseUrl: string,
  pgSchema: string | undefined,
  options: OpenDatabaseOptions,
): Promise<OpenedDatabase> {
  const pool = new pg.Pool({
    connectionString: databaseUrl,
    max: 10,
    // A database that never answers (a dropped packet) must not hang a start or a request forever.
    connectionTimeoutMillis: 10_000,
    ...(pgSchema ? { options: `-c search_path=${pgSchema}` } : {}),
  });
  // An idle client that loses its connection must not crash the process; the next query reconnects.
  pool.on('error', () => {});
  // A checked-out client (inside a transaction, between two of its queries) that loses its connection
  // emits 'error' on itself, not on the pool, and with no listener that ends the process: the load-and-
  // fault bench cut the database connections once and a replica died of it. The query in flight fails
  // on its own (its request answers 503 and the phone retries); the pool drops the broken client when
  // it is released.
  pool.on('connect', (client) => client.on('error', () => {}));
  // Cast: NodePgDatabase is a PgDatabase with node-postgres' result type (see `Db`).
  const db = drizzleNodePg(pool, { schema }) as unknown as Db;
  try {
    await waitForPostgres(pool, databaseUrl, options);
    await migrateExclusively(pool, pgSchema);
  } catch (error) {
    await pool.end();
    throw error;
  }
  return {
    db,
    kind: 'postgres',
    listen: (channel, handlers) => listenPostgres(databaseUrl, pgSchema, channel, handlers),
    close: () => pool.end(),
  };
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

/**
 * PGlite's initdb writes PostgreSQL's default shared_buffers (128MB) into the folder, and in WASM
 * that pool is resident once PostgreSQL has set it up: with it, PGlite alone was 300-350 MiB resident on an existing
 * folder; with 16MB it is 160-200 MiB (bench/start-up.bench.ts). One embedded process serving a
 * small helpline reads far less than 16 MB of hot pages; a large one runs on PostgreSQL. Given as
 * start parameters, not written into the folder's postgresql.conf, so the folder stays as initdb made it.
 */
const pgliteStartParams = [...PGlite.defaultStartParams, '-c', 'shared_buffers=16MB'];

async function openPglite(dataDir: string, pgSchema: string | undefined): Promise<OpenedDatabase> {
  const release = await lockDataDir(dataDir);
  let client: PGlite | undefined;
  try {
    const dir = join(dataDir, 'pg');
    mkdirSync(dir, { recursive: true });
    client = await PGlite.create(dir, { startParams: pgliteStartParams });
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
      listen: async (channel, handlers) => {
        // PGlite writes the channel into LISTEN unquoted: only plain identifiers (live/ makes them so).
        const unlisten = await opened.listen(channel, handlers.onPayload);
        return async () => {
          if (!opened.closed) await unlisten();
        };
      },
      close: async () => {
        try {
          await opened.close();
        } finally {
          await release();
        }
      },
    };
  } catch (error) {
    await client?.close().catch(() => {});
    await release();
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
