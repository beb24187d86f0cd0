import { bigint, index, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { bytea } from './bytea.ts';
import { workers } from './workers.ts';

/**
 * A worker's passkeys (WebAuthn credentials). `id` is the credential id (base64url), which is not a
 * secret. `wrapped_helpline_key` is the helpline identity sealed under a key from the passkey's PRF
 * output, when the authenticator has PRF: the server cannot open it (docs/threat-model.md).
 */
export const passkeys = pgTable(
  'passkeys',
  {
    id: text('id').primaryKey(),
    workerId: text('worker_id')
      .notNull()
      .references(() => workers.id),
    publicKey: bytea('public_key').notNull(),
    /** The authenticator's signature counter (uint32): a later sign-in must show a higher one (clone check). */
    counter: bigint('counter', { mode: 'number' }).notNull().default(0),
    transports: jsonb('transports').$type<string[]>().notNull().default([]),
    name: text('name').notNull(),
    wrappedHelplineKey: bytea('wrapped_helpline_key'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
  },
  (t) => [index('passkeys_worker_idx').on(t.workerId)],
);
export type PasskeyRow = typeof passkeys.$inferSelect;

/**
 * WebAuthn challenges the server handed out, each usable once: taking one deletes it, so a replayed
 * answer finds nothing. `worker_id` is set for a registration (a signed-in worker), null for sign-in.
 */
export const webauthnChallenges = pgTable('webauthn_challenges', {
  id: text('id').primaryKey(),
  purpose: text('purpose').notNull(),
  challenge: text('challenge').notNull(),
  workerId: text('worker_id').references(() => workers.id),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
});
