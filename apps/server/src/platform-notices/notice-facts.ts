import type { NoticeFact, PlatformOutcome } from '@vangnet/core/dsa/platform-response';
import { and, eq, gte, lt } from 'drizzle-orm';
import type { Db } from '../db/open-database.ts';
import { platformNotices } from '../db/schema/index.ts';

/**
 * The clear facts of a helpline's platform notices, as the response figures read them (supervisor table
 * and public statistics); optionally only those sent within a range.
 */
export async function platformNoticeFacts(
  db: Db,
  helplineId: string,
  sent?: { from: Date; to: Date },
): Promise<NoticeFact[]> {
  const where = sent
    ? and(
        eq(platformNotices.helplineId, helplineId),
        gte(platformNotices.sentAt, sent.from),
        lt(platformNotices.sentAt, sent.to),
      )
    : eq(platformNotices.helplineId, helplineId);
  const rows = await db.select().from(platformNotices).where(where);
  return rows.map((r) => ({
    platform: r.platform,
    category: r.category,
    tdb: { category: r.tdbCategory, keyword: r.tdbKeyword },
    sentAt: r.sentAt,
    decidedAt: r.decidedAt,
    outcome: r.outcome as PlatformOutcome | null,
  }));
}
