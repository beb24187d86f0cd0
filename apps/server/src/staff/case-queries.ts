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

type Cursor = { u: number; v: string; id: string };

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify([cursor.u, cursor.v, cursor.id])).toString('base64url');
}

export function decodeCursor(text: string): Cursor | null {
  try {
    const value = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
    if (
      Array.isArray(value) &&
      value.length === 3 &&
      (value[0] === 0 || value[0] === 1) &&
      typeof value[1] === 'string' &&
      /^\d{1,20}$/.test(value[1]) &&
      typeof value[2] === 'string' &&
      value[2].length <= 100
    ) {
      return { u: value[0], v: value[1], id: value[2] };
    }
  } catch {
    // Falls through: not a cursor this server made.
  }
  return null;
}

/**
 * The queue: urgent cases first, then the longest waiting, then by id so the order is total.
 * Without a status filter, closed cases are left out.
 */
export async function listCases(
  db: Db,
  helplineId: string,
  policy: StaffPolicy,
  filters: CaseFilters,
  page: { limit: number; cursor?: Cursor | null },
): Promise<{ cases: CaseSummary[]; nextCursor: string | null }> {
  const urgent = urgencyExpression(policy);
  const where: SQL[] = [eq(reports.helplineId, helplineId), isNotNull(reports.visibleAt)];
  where.push(filters.status ? eq(reports.status, filters.status) : ne(reports.status, 'closed'));
  if (filters.category) where.push(eq(reports.category, filters.category));
  if (filters.platform) where.push(eq(reports.platform, filters.platform));
  if (filters.ageBand) where.push(eq(reports.ageBand, filters.ageBand));
  if (filters.assignee === 'none') where.push(sql`${reports.assigneeId} is null`);
  else if (filters.assignee) where.push(eq(reports.assigneeId, filters.assignee));
  const c = page.cursor;
  if (c) {
    where.push(
      sql`(${urgent} < ${c.u} or (${urgent} = ${c.u} and (${visibleMicros} > ${c.v}::bigint or (${visibleMicros} = ${c.v}::bigint and ${reports.id} > ${c.id}))))`,
    );
  }
  const rows = await db
    .select({ row: summaryColumns, urgent, micros: visibleMicros })
    .from(reports)
    .where(and(...where))
    .orderBy(sql`${urgent} desc`, asc(reports.visibleAt), asc(reports.id))
    .limit(page.limit + 1);
  const more = rows.length > page.limit;
  const shown = rows.slice(0, page.limit);
  const last = shown.at(-1);
  return {
    cases: shown.map(({ row, urgent }) => ({
      id: row.id,
      metadata: metadataOf(row),
      status: row.status as ReportState,
      urgent: Number(urgent) === 1,
      createdAt: row.createdAt,
      visibleAt: row.visibleAt!,
      assignee: row.assigneeId,
      firstContactAt: row.firstContactAt,
      unread: row.reporterUnreadAt !== null,
    })),
    nextCursor:
      more && last ? encodeCursor({ u: Number(last.urgent), v: String(last.micros), id: last.row.id }) : null,
  };
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
