import { index, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * Request counters of the rate limiter, shared by every replica (fixed windows, as the limiter counts
 * in memory or Redis). `key` is the route and a keyed hash of the client's address or token, never
 * the address or token itself (http/client-key.ts). An unlogged table: a crash may forget counts,
 * which only resets some windows early. Rows past `reset_at` are swept (shared-limits/sweep.ts).
 */
export const rateLimitCounters = pgTable(
  'rate_limit_counters',
  {
    key: text('key').primaryKey(),
    count: integer('count').notNull(),
    resetAt: timestamp('reset_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('rate_limit_counters_reset_idx').on(t.resetAt)],
);
