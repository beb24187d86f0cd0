import { sql } from 'drizzle-orm';
import type { Db } from '../../src/db/open-database.ts';

/**
 * Every row of every table of this database's schema, as text; bytes as latin1 so raw markers show.
 * What a database thief gets: tests search it for what must never be stored.
 */
export async function dumpAllTables(db: Db): Promise<string> {
  const tables = (await db.execute(
    sql`select table_name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE'`,
  )) as unknown as { rows: { table_name: string }[] };
  if (!tables.rows.some((r) => r.table_name === 'reports')) throw new Error('dumpAllTables: wrong schema');
  let dump = '';
  for (const { table_name } of tables.rows) {
    const rows = (await db.execute(sql.raw(`select * from "${table_name}"`))) as unknown as {
      rows: Record<string, unknown>[];
    };
    dump += `${table_name}: ${JSON.stringify(rows.rows, (_k, v) =>
      v instanceof Uint8Array
        ? Buffer.from(v).toString('latin1')
        : v?.type === 'Buffer'
          ? Buffer.from(v.data).toString('latin1')
          : v,
    )}\n`;
  }
  return dump;
}
