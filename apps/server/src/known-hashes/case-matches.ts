import { eq } from 'drizzle-orm';
import type { Db } from '../db/open-database.ts';
import { reportHashMatches } from '../db/schema/index.ts';

/** Whether a case's hashes matched any known-hash list (any version). */
export async function hasKnownHashMatch(db: Db, caseId: string): Promise<boolean> {
  const [row] = await db
    .select({ listId: reportHashMatches.listId })
    .from(reportHashMatches)
    .where(eq(reportHashMatches.reportId, caseId))
    .limit(1);
  return row !== undefined;
}
