import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type OpenedDatabase, openDatabase } from '../src/db/open-database.ts';

// The database's connections are cut from outside (pg_terminate_backend, as a failover or a network
// drop does) while the server holds one inside a transaction. The load-and-fault bench found that this
// ended the process with an unhandled 'error' event; vitest fails a run on such an error.
const databaseUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

describe('a cut database connection (PostgreSQL)', () => {
  const pgSchema = `test_cut_${randomBytes(5).toString('hex')}`;
  const dataDir = mkdtempSync(join(tmpdir(), 'vangnet-cut-'));
  let opened: OpenedDatabase;
  let admin: pg.Client;

  beforeAll(async () => {
    opened = await openDatabase({ dataDir, databaseUrl, pgSchema });
    admin = new pg.Client({ connectionString: databaseUrl });
    await admin.connect();
  });

  afterAll(async () => {
    await opened.db.execute(sql.raw(`DROP SCHEMA IF EXISTS "${pgSchema}" CASCADE`));
    await opened.close();
    await admin.end();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('fails the transaction it cut, keeps the process alive and serves the next query', async () => {
    let cut = false;
    const inTransaction = opened.db.transaction(async (tx) => {
      await tx.execute(sql`select 1`);
      // Between two queries of the transaction, every other connection of this schema's user is cut.
      const ours = await tx.execute(sql`select pg_backend_pid() as pid`);
      const pid = (ours as unknown as { rows: { pid: number }[] }).rows[0]?.pid;
      await admin.query('select pg_terminate_backend($1)', [pid]);
      cut = true;
      // Give the socket's close time to arrive while the client is idle inside the transaction.
      await new Promise((r) => setTimeout(r, 200));
      await tx.execute(sql`select 2`);
    });
    await expect(inTransaction).rejects.toThrow();
    expect(cut).toBe(true);
    const after = await opened.db.execute(sql`select 41 + 1 as answer`);
    expect((after as unknown as { rows: { answer: number }[] }).rows[0]?.answer).toBe(42);
  });
});
