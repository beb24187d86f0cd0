import { index, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * Sign-in attempts and failures, one row per attempt, shared by every replica (sliding windows:
 * staff/sign-in-throttle.ts). `key` names a limit and a hash of the account and/or a keyed hash of
 * the client's address, never an e-mail or an address. Unlogged; rows past `expires_at` are swept.
 */
export const signInAttempts = pgTable(
  'sign_in_attempts',
  {
    key: text('key').notNull(),
    at: timestamp('at', { withTimezone: true, precision: 3 }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('sign_in_attempts_key_idx').on(t.key, t.at),
    index('sign_in_attempts_expiry_idx').on(t.expiresAt),
  ],
);
