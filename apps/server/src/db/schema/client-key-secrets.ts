import { integer, pgTable } from 'drizzle-orm/pg-core';
import { bytea } from './bytea.ts';

/**
 * The day's random key that client addresses are hashed with before any limit counts them
 * (http/client-key.ts), shared so that every replica counts one client under one key. `day` is days
 * since the epoch (UTC); a day's row is deleted the day after, and then that day's hashes cannot be
 * recomputed from an address by anyone.
 */
export const clientKeySecrets = pgTable('client_key_secrets', {
  day: integer('day').primaryKey(),
  secret: bytea('secret').notNull(),
});
