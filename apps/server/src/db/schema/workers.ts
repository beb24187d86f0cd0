import { boolean, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { bytea } from './bytea.ts';
import { helplines } from './helplines.ts';

/**
 * Case workers. The password never reaches the server: `auth_hash` is a slow hash of the authKey the
 * browser derives; `wrapped_helpline_key` is the helpline identity sealed under the worker's unwrap key.
 */
export const workers = pgTable('workers', {
  id: text('id').primaryKey(),
  helplineId: text('helpline_id')
    .notNull()
    .references(() => helplines.id),
  email: text('email').notNull().unique(),
  role: text('role').notNull(),
  /** The name the worker signs standard replies with ("Anna"); set by the worker, null until then. */
  displayName: text('display_name'),
  kdfSalt: text('kdf_salt').notNull(),
  authHash: text('auth_hash').notNull(),
  totpSecret: text('totp_secret'),
  /** The 30-second step of the last TOTP code used: that code and older ones are refused (no replay). */
  totpLastStep: integer('totp_last_step'),
  wrappedHelplineKey: bytea('wrapped_helpline_key'),
  /**
   * The recipient (`age1…`) of the worker's personal age identity, which their browser keeps in the
   * wrapped keyring: a key rotation seals each new helpline identity to it (helpline_key_grants).
   * Null until the worker's browser made one (first sign-in with a password since key rotation exists).
   */
  personalRecipient: text('personal_recipient'),
  /**
   * Administrators only: the private key of the helpline's trust anchor (it signs the recipient list),
   * sealed under the worker's unwrap key like the helpline identity; the server cannot use it.
   */
  wrappedSigningKey: bytea('wrapped_signing_key'),
  disabledAt: timestamp('disabled_at', { withTimezone: true }),
  /** An administrator's rule: this worker signs in with a passkey, not with password + TOTP. */
  passkeyRequired: boolean('passkey_required').notNull().default(false),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});
export type WorkerRow = typeof workers.$inferSelect;
