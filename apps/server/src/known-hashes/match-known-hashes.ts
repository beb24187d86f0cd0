import type { ReportHash, ReportMetadata } from '@vangnet/core';
import { MatchIndex } from '@vangnet/pdq';
import { and, asc, eq, sql } from 'drizzle-orm';
import { appendAudit } from '../audit/append-audit.ts';
import type { Db } from '../db/open-database.ts';
import { knownHashes, knownHashLists, reportHashMatches, reports } from '../db/schema/index.ts';
import type { Transaction } from '../services/idempotency.ts';

/** PDQ's usual threshold (packages/pdq/README.md). */
export const PDQ_MATCH_DISTANCE = 31;
/** Below this quality a PDQ hash describes a nearly featureless picture and matches too much. */
export const PDQ_MIN_QUALITY = 50;

/** Everything active for one helpline, in memory: a PDQ match index and an exact MD5 set. */
type HelplineIndex = {
  /** The active list ids it was built from; a different set (an import anywhere) means rebuild. */
  key: string;
  pdq: MatchIndex | null;
  /** List id of each PDQ in the index, by position. */
  pdqList: string[];
  md5: Map<string, string[]>;
};

/** Per database handle and helpline. A Promise, so concurrent first reports build the index once. */
const indexes = new WeakMap<object, Map<string, { key: string; index: Promise<HelplineIndex> }>>();

/** Drops the cached index after an import in this process; other processes see the new key. */
export function forgetKnownHashIndex(db: Db, helplineId: string): void {
  indexes.get(db)?.delete(helplineId);
}

async function activeListKey(db: Db, helplineId: string): Promise<string> {
  const rows = await db
    .select({ id: knownHashLists.id })
    .from(knownHashLists)
    .where(and(eq(knownHashLists.helplineId, helplineId), eq(knownHashLists.active, true)))
    .orderBy(asc(knownHashLists.id));
  return rows.map((r) => r.id).join(',');
}

const hexOf = (bytes: Uint8Array) =>
  Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex');

async function buildIndex(db: Db, helplineId: string, key: string): Promise<HelplineIndex> {
  if (key === '') return { key, pdq: null, pdqList: [], md5: new Map() };
  const rows = await db
    .select({
      listId: knownHashes.listId,
      pdq: knownHashes.pdq,
      quality: knownHashes.pdqQuality,
      md5: knownHashes.md5,
    })
    .from(knownHashes)
    .innerJoin(knownHashLists, eq(knownHashLists.id, knownHashes.listId))
    .where(and(eq(knownHashLists.helplineId, helplineId), eq(knownHashLists.active, true)));
  const pdqHex: string[] = [];
  const pdqList: string[] = [];
  const md5 = new Map<string, string[]>();
  for (const row of rows) {
    if (row.pdq && (row.quality === null || row.quality >= PDQ_MIN_QUALITY)) {
      pdqHex.push(hexOf(row.pdq));
      pdqList.push(row.listId);
    }
    if (row.md5) {
      const hex = hexOf(row.md5);
      const lists = md5.get(hex);
      if (!lists) md5.set(hex, [row.listId]);
      else if (!lists.includes(row.listId)) lists.push(row.listId);
    }
  }
  return { key, pdq: pdqHex.length ? MatchIndex.fromHex(pdqHex) : null, pdqList, md5 };
}

/**
 * The current index for one helpline. `db` reads the lists (pass the caller's transaction on the
 * embedded database, which has one connection); `cacheOwner` is the app's database handle the cache
 * hangs on.
 */
async function indexFor(cacheOwner: Db, db: Db, helplineId: string): Promise<HelplineIndex> {
  const key = await activeListKey(db, helplineId);
  const perHelpline = indexes.get(cacheOwner) ?? new Map();
  indexes.set(cacheOwner, perHelpline);
  const cached = perHelpline.get(helplineId);
  if (cached?.key === key) return cached.index;
  const index = buildIndex(db, helplineId, key);
  perHelpline.set(helplineId, { key, index });
  index.catch(() => perHelpline.delete(helplineId));
  return index;
}

export type HashMatch = { listId: string; kind: 'pdq' | 'md5'; hashIndex: number; distance: number };

/** Pure matching of a report's hashes against one index: the closest hit per list, kind and hash. */
function findMatches(index: HelplineIndex, hashes: readonly ReportHash[]): HashMatch[] {
  const found = new Map<string, HashMatch>();
  const keep = (m: HashMatch) => {
    const id = `${m.listId}|${m.kind}|${m.hashIndex}`;
    const earlier = found.get(id);
    if (!earlier || m.distance < earlier.distance) found.set(id, m);
  };
  for (const [hashIndex, hash] of hashes.entries()) {
    if (index.pdq && hash.pdq && (hash.pdqQuality ?? 0) >= PDQ_MIN_QUALITY) {
      for (const m of index.pdq.query(hash.pdq, PDQ_MATCH_DISTANCE)) {
        keep({ listId: index.pdqList[m.id]!, kind: 'pdq', hashIndex, distance: m.distance });
      }
    }
    if (hash.md5) {
      for (const listId of index.md5.get(hash.md5) ?? [])
        keep({ listId, kind: 'md5', hashIndex, distance: 0 });
    }
  }
  return [...found.values()];
}

/**
 * Matches a hash-only report on arrival against the active known-hash lists of its helpline. A match
 * is stored (list, kind, distance: never the hashes), sets the case's `imageAbuse` flag, and is
 * audited; the staff queue then sorts the case as urgent and the referral proposal puts the pack's
 * hotline first (`hotline-first.ts`). Called by intake after the report row is written, with its
 * transaction, so the report and its matches commit together.
 */
export async function matchKnownHashes(
  deps: { db: Db },
  reportId: string,
  metadata: ReportMetadata,
  tx?: Db | Transaction,
  now = new Date(),
): Promise<HashMatch[]> {
  if (!metadata.hashes?.length) return [];
  const db = (tx ?? deps.db) as Db;
  // The report row is already written (same transaction): its helpline owns the lists to match.
  const [report] = await db
    .select({ helplineId: reports.helplineId })
    .from(reports)
    .where(eq(reports.id, reportId))
    .limit(1);
  if (!report) return [];
  const index = await indexFor(deps.db, db, report.helplineId);
  const matches = findMatches(index, metadata.hashes);
  if (!matches.length) return [];
  await db.insert(reportHashMatches).values(matches.map((m) => ({ reportId, ...m, matchedAt: now })));
  await db
    .update(reports)
    .set({ flags: sql`${reports.flags} || '{"imageAbuse": true}'::jsonb` })
    .where(eq(reports.id, reportId));
  await appendAudit(
    db,
    {
      actor: 'system',
      action: 'known-hashes.match',
      caseId: reportId,
      detail: {
        matches: matches.length,
        lists: [...new Set(matches.map((m) => m.listId))],
        closest: Math.min(...matches.map((m) => m.distance)),
      },
    },
    now,
  );
  return matches;
}
