import { integer, jsonb, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * Answers to retried writes. `scope` separates endpoints and callers (e.g. `report.create`,
 * `report.message:<reportId>`); `request_hash` is the SHA-256 of the request, so the same key with
 * another body is told apart (409) from a true retry.
 */
export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    key: text('key').notNull(),
    scope: text('scope').notNull(),
    requestHash: text('request_hash').notNull(),
    response: jsonb('response').notNull(),
    statusCode: integer('status_code').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.scope, t.key] })],
);
export type IdempotencyKeyRow = typeof idempotencyKeys.$inferSelect;
