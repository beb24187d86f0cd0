import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/open-database.ts';
import { idempotencyKeys } from '../db/schema/index.ts';
import { Problem } from '../http/problem.ts';
import { isUniqueViolation } from './db-errors.ts';

export type Transaction = Parameters<Parameters<Db['transaction']>[0]>[0];

export type IdempotentResult<T> = { statusCode: number; response: T; replayed: boolean };

/**
 * Runs a write once per (scope, key). The write and the stored answer commit together, so a retry
 * after a lost response gets the first answer (status 200) and never a duplicate; the same key with
 * another request is 409. Two racing first attempts: the loser's transaction fails on the primary
 * key and it answers like a retry.
 */
export async function runIdempotent<T>(
  db: Db,
  key: { scope: string; key: string; requestHash: string },
  write: (tx: Transaction) => Promise<{ statusCode: number; response: T }>,
): Promise<IdempotentResult<T>> {
  const earlier = await findAnswer<T>(db, key);
  if (earlier) return earlier;
  try {
    return await db.transaction(async (tx) => {
      const result = await write(tx);
      await tx.insert(idempotencyKeys).values({
        scope: key.scope,
        key: key.key,
        requestHash: key.requestHash,
        response: result.response as object,
        statusCode: result.statusCode,
      });
      return { ...result, replayed: false };
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      const winner = await findAnswer<T>(db, key);
      if (winner) return winner;
    }
    throw error;
  }
}

async function findAnswer<T>(
  db: Db,
  key: { scope: string; key: string; requestHash: string },
): Promise<IdempotentResult<T> | undefined> {
  const [row] = await db
    .select()
    .from(idempotencyKeys)
    .where(and(eq(idempotencyKeys.scope, key.scope), eq(idempotencyKeys.key, key.key)))
    .limit(1);
  if (!row) return undefined;
  if (row.requestHash !== key.requestHash) {
    throw new Problem(
      409,
      'idempotency.key-reused',
      'This Idempotency-Key was already used for a different request',
      'Use a new key for a new request; reuse a key only to retry the same request.',
    );
  }
  return { statusCode: 200, response: row.response as T, replayed: true };
}
