import { eq } from 'drizzle-orm';
import type { Db } from '../db/open-database.ts';
import { federatedReferrals } from '../db/schema/index.ts';

/** Who handed a case over, for the console: the sending country and helpline, and whether its receipt held. */
export async function federatedOrigin(
  db: Db,
  caseId: string,
): Promise<{ country: string; helplineName: string; receiptVerified: boolean } | null> {
  const [row] = await db
    .select({ origin: federatedReferrals.origin })
    .from(federatedReferrals)
    .where(eq(federatedReferrals.caseId, caseId));
  if (!row) return null;
  const origin = row.origin as { country: string; helplineName: string; receiptVerified: boolean };
  return {
    country: origin.country,
    helplineName: origin.helplineName,
    receiptVerified: origin.receiptVerified,
  };
}
