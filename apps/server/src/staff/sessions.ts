import type { StaffRole } from '@vangnet/core/permissions/permissions';
import { and, eq, gt, isNull } from 'drizzle-orm';
import type { Db } from '../db/open-database.ts';
import { helplines, sessions, workers } from '../db/schema/index.ts';
import { newSessionToken, SESSION_IDLE_MS, sessionExpiry, sessionIdOf } from './session-token.ts';
import type { WorkerView } from './workers.ts';

/**
 * `full`; or `passkey-enrolment`: a worker who must sign in with a passkey but has none yet signed in
 * with password + TOTP, and may only add a passkey (session-cookie.ts).
 */
export type SessionScope = 'full' | 'passkey-enrolment';

/** Starts a session and returns the token for the cookie; only its hash is stored. */
export async function startSession(
  db: Db,
  workerId: string,
  now = new Date(),
  scope: SessionScope = 'full',
): Promise<string> {
  const token = newSessionToken();
  await db.insert(sessions).values({
    id: sessionIdOf(token),
    workerId,
    createdAt: now,
    expiresAt: new Date(now.getTime() + SESSION_IDLE_MS),
    scope,
  });
  return token;
}

/**
 * The signed-in worker for a cookie token, or null when the session is unknown, expired or the
 * account was disabled. A live session's idle expiry moves forward (never past the absolute limit).
 */
export async function resolveSession(
  db: Db,
  token: string,
  now = new Date(),
): Promise<{ worker: WorkerView; scope: SessionScope } | null> {
  const id = sessionIdOf(token);
  const [row] = await db
    .select({
      createdAt: sessions.createdAt,
      scope: sessions.scope,
      workerId: workers.id,
      email: workers.email,
      role: workers.role,
      displayName: workers.displayName,
      helplineId: workers.helplineId,
      country: helplines.country,
    })
    .from(sessions)
    .innerJoin(workers, eq(workers.id, sessions.workerId))
    .innerJoin(helplines, eq(helplines.id, workers.helplineId))
    .where(and(eq(sessions.id, id), gt(sessions.expiresAt, now), isNull(workers.disabledAt)))
    .limit(1);
  if (!row) return null;
  const expiresAt = sessionExpiry(row.createdAt, now);
  if (expiresAt <= now) return null;
  await db.update(sessions).set({ expiresAt }).where(eq(sessions.id, id));
  return {
    worker: {
      id: row.workerId,
      email: row.email,
      role: row.role as StaffRole,
      helplineId: row.helplineId,
      country: row.country,
      ...(row.displayName ? { displayName: row.displayName } : {}),
    },
    scope: row.scope === 'passkey-enrolment' ? 'passkey-enrolment' : 'full',
  };
}

/**
 * Whether the session still lets this worker in, without moving its idle expiry: a console's open event
 * stream is not activity, so it must not keep a session alive that its worker left (live/live-routes.ts).
 */
export async function sessionStillValid(
  db: Db,
  token: string,
  workerId: string,
  now = new Date(),
): Promise<boolean> {
  const [row] = await db
    .select({ id: sessions.id })
    .from(sessions)
    .innerJoin(workers, eq(workers.id, sessions.workerId))
    .where(
      and(
        eq(sessions.id, sessionIdOf(token)),
        eq(workers.id, workerId),
        gt(sessions.expiresAt, now),
        isNull(workers.disabledAt),
      ),
    )
    .limit(1);
  return row !== undefined;
}

export async function endSession(db: Db, token: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.id, sessionIdOf(token)));
}
