import { randomUUID } from 'node:crypto';
import { and, eq, max, sql } from 'drizzle-orm';
import { appendAudit } from '../audit/append-audit.ts';
import type { Db } from '../db/open-database.ts';
import { knownHashes, knownHashLists } from '../db/schema/index.ts';
import { parseHashCsv } from './hash-csv.ts';
import { forgetKnownHashIndex } from './match-known-hashes.ts';

/** A source label goes into the audit log in the clear: a short code, never free text. */
export const SOURCE_LABEL = /^[a-z0-9][a-z0-9._-]{0,63}$/;

export type ImportResult = {
  listId: string;
  helplineId: string;
  country: string;
  source: string;
  version: number;
  count: number;
  /** The list of the same source this import deactivated, if any. */
  replaced: string | null;
};

/** Rows per INSERT: 4 parameters each keeps a statement far below PostgreSQL's 65,535. */
const BATCH = 4000;

const bytesOfHex = (hex: string) => new Uint8Array(Buffer.from(hex, 'hex'));

/**
 * Imports a known-hash list (CSV, `hash-csv.ts`) as the next version of `source` for one helpline and
 * deactivates that helpline's previous one, all in one transaction: a bad file (`HashCsvError`) stores
 * nothing. Another helpline's lists of the same source are never touched. Audited as
 * `known-hashes.import` with counts and ids only.
 */
export async function importKnownHashList(
  db: Db,
  input: { helplineId: string; country: string; source: string; importedBy: string; csv: string },
  now = new Date(),
): Promise<ImportResult> {
  if (!SOURCE_LABEL.test(input.source)) throw new RangeError('source label');
  const entries = parseHashCsv(input.csv);
  const result = await db.transaction(async (tx) => {
    // One importer per helpline and source at a time, so two imports never take the same version
    // (the unique constraint would refuse the second; the lock makes it wait instead).
    await tx.execute(
      sql`select pg_advisory_xact_lock(hashtext(${`known-hashes:${input.helplineId}:${input.source}`}))`,
    );
    const [{ latest } = { latest: null }] = await tx
      .select({ latest: max(knownHashLists.version) })
      .from(knownHashLists)
      .where(and(eq(knownHashLists.helplineId, input.helplineId), eq(knownHashLists.source, input.source)));
    const [previous] = await tx
      .update(knownHashLists)
      .set({ active: false })
      .where(
        and(
          eq(knownHashLists.helplineId, input.helplineId),
          eq(knownHashLists.source, input.source),
          eq(knownHashLists.active, true),
        ),
      )
      .returning({ id: knownHashLists.id });
    const listId = randomUUID();
    const version = (latest ?? 0) + 1;
    await tx.insert(knownHashLists).values({
      id: listId,
      helplineId: input.helplineId,
      country: input.country,
      source: input.source,
      version,
      importedAt: now,
      importedBy: input.importedBy,
      count: entries.length,
      active: true,
    });
    for (let at = 0; at < entries.length; at += BATCH) {
      await tx.insert(knownHashes).values(
        entries.slice(at, at + BATCH).map((e) => ({
          listId,
          line: e.line,
          pdq: e.pdq ? bytesOfHex(e.pdq) : null,
          pdqQuality: e.quality ?? null,
          md5: e.md5 ? bytesOfHex(e.md5) : null,
        })),
      );
    }
    const replaced = previous?.id ?? null;
    await appendAudit(
      tx as Db,
      {
        actor: input.importedBy,
        action: 'known-hashes.import',
        detail: {
          listId,
          helplineId: input.helplineId,
          country: input.country,
          source: input.source,
          version,
          count: entries.length,
          replaced,
        },
      },
      now,
    );
    return {
      listId,
      helplineId: input.helplineId,
      country: input.country,
      source: input.source,
      version,
      count: entries.length,
      replaced,
    };
  });
  forgetKnownHashIndex(db, input.helplineId);
  return result;
}

export type KnownHashListView = {
  id: string;
  source: string;
  version: number;
  importedAt: string;
  importedBy: string;
  count: number;
  active: boolean;
};

/** Every version of every list of one helpline, newest first. */
export async function listKnownHashLists(db: Db, helplineId: string): Promise<KnownHashListView[]> {
  const rows = await db.select().from(knownHashLists).where(eq(knownHashLists.helplineId, helplineId));
  return rows
    .sort((a, b) => a.source.localeCompare(b.source) || b.version - a.version)
    .map((r) => ({
      id: r.id,
      source: r.source,
      version: r.version,
      importedAt: r.importedAt.toISOString(),
      importedBy: r.importedBy,
      count: r.count,
      active: r.active,
    }));
}
