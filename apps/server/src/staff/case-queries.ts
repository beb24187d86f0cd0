import type { ReportMetadata, ReportState } from '@vangnet/core';
import { and, asc, eq, isNotNull, ne, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../db/open-database.ts';
import { messages, type ReportRow, reportHashMatches, reportItems, reports } from '../db/schema/index.ts';
import type { StaffPolicy } from './staff-policy.ts';

/**
 * Reads of cases for staff. Every query is scoped to one helpline and to visible reports (all
 * evidence in), so another helpline's case or a half-delivered one is simply "not found".
 */

export type CaseFilters = {
  status?: ReportState;
  category?: string;
  platform?: string;
  ageBand?: string;
  /** A worker id, or `none` for unassigned cases. */
  assignee?: string;
};

export type CaseSummary = {
  id: string;
  metadata: ReportMetadata;
  status: ReportState;
  urgent: boolean;
  createdAt: Date;
  visibleAt: Date;
  assignee: string | null;
  firstContactAt: Date | null;
  unread: boolean;
};

/** The clear columns a queue row needs; never the sealed body, which can be large. */
const summaryColumns = {
  id: reports.id,
  country: reports.country,
  category: reports.category,
  platform: reports.platform,
  channel: reports.channel,
  role: reports.role,
  ageBand: reports.ageBand,
  flags: reports.flags,
  status: reports.status,
  createdAt: reports.createdAt,
  visibleAt: reports.visibleAt,
  assigneeId: reports.assigneeId,
  firstContactAt: reports.firstContactAt,
  reporterUnreadAt: reports.reporterUnreadAt,
};

type MetadataColumns = Pick<
  ReportRow,
  'country' | 'category' | 'platform' | 'channel' | 'role' | 'ageBand' | 'flags'
>;

export function metadataOf(row: MetadataColumns): ReportMetadata {
  return {
    country: row.country,
    category: row.category as ReportMetadata['category'],
    platform: row.platform,
    ...(row.channel ? { channel: row.channel as NonNullable<ReportMetadata['channel']> } : {}),
    role: row.role as ReportMetadata['role'],
    ageBand: row.ageBand as ReportMetadata['ageBand'],
    flags: row.flags as ReportMetadata['flags'],
  };
}

/** 1 when the pack calls the case urgent (a flag or a category), else 0, computed in SQL for ordering. */
function urgencyExpression(policy: StaffPolicy): SQL<number> {
  const conditions: SQL[] = policy.urgentWhen.map((flag) => sql`(${reports.flags} ->> ${flag}) = 'true'`);
  for (const category of policy.urgentCategories) conditions.push(sql`${reports.category} = ${category}`);
  // A hash-only report that matched a known-image list is urgent whatever the pack's flags say.
  conditions.push(
    sql`exists (select 1 from ${reportHashMatches} where ${reportHashMatches.reportId} = ${reports.id})`,
  );
  if (!conditions.length) return sql<number>`0`;
  return sql<number>`(case when ${sql.join(conditions, sql` or `)} then 1 else 0 end)`;
}

/** Microseconds since the epoch: exact on both databases, so a cursor never skips or repeats a row. */
const visibleMicros = sql<string>`floor(extract(epoch from ${reports.visibleAt}) * 1000000)::bigint`;

/**
 * `urgent`: urgent cases first, then the longest waiting (the API's default).
 * `queue`: the console's order (see apps/console/src/case/queue-model.ts, compareRows): a case with an
 * unread message from the reporter first, then cases still waiting for first contact, urgent first,
 * then the longest waiting. The console's "least time left" is the same as "longest waiting" within
 * one urgency, because a deadline is the arrival time plus the same lead time.
 */
export type CaseOrder = 'urgent' | 'queue';

/** The 0/1 keys an order sorts on, descending, before arrival time and id. */
function orderFlags(order: CaseOrder, urgent: SQL<number>): SQL<number>[] {
  if (order === 'urgent') return [urgent];
  return [
    sql<number>`(case when ${reports.reporterUnreadAt} is not null then 1 else 0 end)`,
    sql<number>`(case when ${reports.status} = 'new' and ${reports.firstContactAt} is null then 1 else 0 end)`,
    urgent,
  ];
}

/** Where the previous page ended: its last row's 0/1 keys, arrival time (microseconds) and id. */
export type Cursor = { flags: number[]; v: string; id: string };

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify([...cursor.flags, cursor.v, cursor.id])).toString('base64url');
}

/** A cursor made for `order`, or null when the text is not one (another order's cursor is not). */
export function decodeCursor(text: string, order: CaseOrder = 'urgent'): Cursor | null {
  const flagCount = order === 'urgent' ? 1 : 3;
  try {
    const value = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
    if (
      Array.isArray(value) &&
      value.length === flagCount + 2 &&
      value.slice(0, flagCount).every((f) => f === 0 || f === 1) &&
      typeof value[flagCount] === 'string' &&
      /^\d{1,20}$/.test(value[flagCount]) &&
      typeof value[flagCount + 1] === 'string' &&
      value[flagCount + 1].length <= 100
    ) {
      return { flags: value.slice(0, flagCount), v: value[flagCount], id: value[flagCount + 1] };
    }
  } catch {
    // Falls through: not a cursor this server made.
  }
  return null;
}

/** Rows after the cursor in the order flags desc, then arrival time asc, then id asc. */
function afterCursor(flags: SQL<number>[], c: Cursor): SQL {
  let rest = sql`(${visibleMicros} > ${c.v}::bigint or (${visibleMicros} = ${c.v}::bigint and ${reports.id} > ${c.id}))`;
  for (let i = flags.length - 1; i >= 0; i--) {
    const value = c.flags[i]!;
    rest = sql`(${flags[i]!} < ${value} or (${flags[i]!} = ${value} and ${rest}))`;
  }
  return rest;
}

const changeSeqText = sql<string>`${reports.changeSeq}::text`;

/** The newest change number among this helpline's reports ('0' when there is none). */
async function latestChange(db: Db, helplineId: string): Promise<string> {
  const [row] = await db
    .select({ seq: sql<string>`coalesce(max(${reports.changeSeq}), 0)::text` })
    .from(reports)
    .where(eq(reports.helplineId, helplineId));
  return row?.seq ?? '0';
}

type SummaryRow = { [K in keyof typeof summaryColumns]: ReportRow[K] };

function toSummary(row: SummaryRow, urgent: number): CaseSummary {
  return {
    id: row.id,
    metadata: metadataOf(row),
    status: row.status as ReportState,
    urgent: Number(urgent) === 1,
    createdAt: row.createdAt,
    visibleAt: row.visibleAt!,
    assignee: row.assigneeId,
    firstContactAt: row.firstContactAt,
    unread: row.reporterUnreadAt !== null,
  };
}

export type CaseList = {
  cases: CaseSummary[];
  nextCursor: string | null;
  /** Pass as `since` to get only the cases that changed after this answer was made. */
  changeCursor: string;
};

/**
 * The queue, in `order` (urgent first by default). Without a status filter, closed cases are left out.
 * The change cursor is read before the page, so a change made while the pages are read is seen again
 * by the next `since` poll rather than missed.
 */
export async function listCases(
  db: Db,
  helplineId: string,
  policy: StaffPolicy,
  filters: CaseFilters,
  page: { limit: number; cursor?: Cursor | null; order?: CaseOrder },
): Promise<CaseList> {
  const changeCursor = await latestChange(db, helplineId);
  const urgent = urgencyExpression(policy);
  const flags = orderFlags(page.order ?? 'urgent', urgent);
  const where: SQL[] = [eq(reports.helplineId, helplineId), isNotNull(reports.visibleAt)];
  where.push(filters.status ? eq(reports.status, filters.status) : ne(reports.status, 'closed'));
  if (filters.category) where.push(eq(reports.category, filters.category));
  if (filters.platform) where.push(eq(reports.platform, filters.platform));
  if (filters.ageBand) where.push(eq(reports.ageBand, filters.ageBand));
  if (filters.assignee === 'none') where.push(sql`${reports.assigneeId} is null`);
  else if (filters.assignee) where.push(eq(reports.assigneeId, filters.assignee));
  if (page.cursor) where.push(afterCursor(flags, page.cursor));
  const keys = Object.fromEntries(flags.map((f, i) => [`k${i}`, f]));
  const rows = (await db
    .select({ row: summaryColumns, urgent, micros: visibleMicros, ...keys })
    .from(reports)
    .where(and(...where))
    .orderBy(...flags.map((f) => sql`${f} desc`), asc(reports.visibleAt), asc(reports.id))
    .limit(page.limit + 1)) as unknown as ({ row: SummaryRow; urgent: number; micros: string } & Record<
    string,
    number
  >)[];
  // Cast: drizzle cannot type a select whose keys are made at run time (the order's flags).
  const more = rows.length > page.limit;
  const shown = rows.slice(0, page.limit);
  const last = shown.at(-1);
  return {
    cases: shown.map(({ row, urgent }) => toSummary(row, urgent)),
    nextCursor:
      more && last
        ? encodeCursor({
            flags: flags.map((_, i) => Number(last[`k${i}`])),
            v: String(last.micros),
            id: last.row.id,
          })
        : null,
    changeCursor,
  };
}

/**
 * The visible cases of this helpline that changed after change number `since`, closed ones included
 * (so a poller can drop them), oldest change first, at most `limit`. When the answer is full there may
 * be more: its change cursor is the last case's, and the next poll continues from there.
 */
export async function casesChangedSince(
  db: Db,
  helplineId: string,
  policy: StaffPolicy,
  since: string,
  limit: number,
): Promise<CaseList> {
  // Read first: a change made while the rows are read is then returned again next time, never missed.
  const latest = await latestChange(db, helplineId);
  const urgent = urgencyExpression(policy);
  const rows = await db
    .select({ row: summaryColumns, urgent, seq: changeSeqText })
    .from(reports)
    .where(
      and(
        eq(reports.helplineId, helplineId),
        isNotNull(reports.visibleAt),
        sql`${reports.changeSeq} > ${since}::bigint`,
      ),
    )
    .orderBy(asc(reports.changeSeq))
    .limit(limit);
  const lastSeen = rows.at(-1)?.seq ?? since;
  const full = rows.length === limit;
  let changeCursor = full ? lastSeen : latest;
  // Never move a poller's cursor back.
  for (const seq of [since, lastSeen]) if (!full && BigInt(seq) > BigInt(changeCursor)) changeCursor = seq;
  return { cases: rows.map(({ row, urgent }) => toSummary(row, urgent)), nextCursor: null, changeCursor };
}

/** One visible case of this helpline, or undefined. */
export async function findCase(db: Db, helplineId: string, caseId: string): Promise<ReportRow | undefined> {
  const [row] = await db
    .select()
    .from(reports)
    .where(and(eq(reports.id, caseId), eq(reports.helplineId, helplineId), isNotNull(reports.visibleAt)))
    .limit(1);
  return row;
}

export async function caseItems(db: Db, caseId: string) {
  return db
    .select({
      id: reportItems.itemId,
      sha256: reportItems.sha256,
      size: reportItems.size,
      blobKey: reportItems.blobKey,
      receivedAt: reportItems.receivedAt,
    })
    .from(reportItems)
    .where(eq(reportItems.reportId, caseId))
    .orderBy(asc(reportItems.itemId));
}

export async function caseMessages(db: Db, caseId: string) {
  return db
    .select({
      id: messages.id,
      author: messages.author,
      workerId: messages.workerId,
      internal: messages.internal,
      sealed: messages.sealed,
      createdAt: messages.createdAt,
    })
    .from(messages)
    .where(eq(messages.reportId, caseId))
    .orderBy(asc(messages.createdAt), asc(messages.id));
}
