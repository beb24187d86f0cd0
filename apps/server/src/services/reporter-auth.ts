import { timingSafeEqual } from 'node:crypto';
import { accessTokenHash, parseAccessToken } from '@vangnet/crypto';
import { eq } from 'drizzle-orm';
import type { Db } from '../db/open-database.ts';
import { type ReportRow, reports } from '../db/schema/index.ts';
import { Problem } from '../http/problem.ts';

export const reportNotFound = () =>
  new Problem(
    404,
    'report.not-found',
    'No report matches this receipt',
    'Check the receipt code and try again.',
  );

/** The access token from `Authorization: Bearer <hex>`, or a 401 problem. */
export function bearerToken(header: string | undefined | null): string {
  const match = /^Bearer ([0-9A-Fa-f]{64})$/.exec(header ?? '');
  const token = parseAccessToken(match?.[1]);
  if (!token) {
    throw new Problem(401, 'auth.token-missing', 'Send the access token as Authorization: Bearer <token>');
  }
  return token;
}

/**
 * The report that an access token opens. The database finds the row by the token's hash; the stored
 * hash is then compared in constant time as well, so no step's timing depends on how much of a
 * guessed token is right. A wrong token is 404: it never says whether a report exists.
 */
export async function reportForToken(db: Db, header: string | undefined | null): Promise<ReportRow> {
  const token = bearerToken(header);
  const hash = accessTokenHash(token as Parameters<typeof accessTokenHash>[0]);
  const [row] = await db.select().from(reports).where(eq(reports.accessTokenHash, hash)).limit(1);
  if (!row || !timingSafeEqual(Buffer.from(row.accessTokenHash, 'hex'), Buffer.from(hash, 'hex'))) {
    throw reportNotFound();
  }
  return row;
}
