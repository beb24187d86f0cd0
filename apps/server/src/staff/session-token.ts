import { createHash, randomBytes } from 'node:crypto';

/**
 * Staff sessions: the cookie holds 32 random bytes; the database holds only their SHA-256, so a
 * database dump cannot sign anyone in. A session ends after 30 idle minutes and at the latest 12 hours
 * after sign-in; `expires_at` holds the earlier of the two and slides forward on use.
 */
export const SESSION_COOKIE = 'vangnet_session';
export const SESSION_IDLE_MS = 30 * 60 * 1000;
export const SESSION_ABSOLUTE_MS = 12 * 60 * 60 * 1000;

export function newSessionToken(): string {
  return randomBytes(32).toString('base64url');
}

export function sessionIdOf(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** When a session used at `now` expires. */
export function sessionExpiry(createdAt: Date, now: Date): Date {
  return new Date(Math.min(now.getTime() + SESSION_IDLE_MS, createdAt.getTime() + SESSION_ABSOLUTE_MS));
}

/** A plausible cookie value: 43 base64url characters. Anything else is not looked up at all. */
export function isSessionToken(value: string): boolean {
  return /^[A-Za-z0-9_-]{43}$/.test(value);
}
