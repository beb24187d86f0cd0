import { index, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { workers } from './workers.ts';

/** Staff sessions; `id` is the SHA-256 of the cookie value, so a database dump cannot log anyone in. */
export const sessions = pgTable(
  'sessions',
  {
    id: text('id').primaryKey(),
    workerId: text('worker_id')
      .notNull()
      .references(() => workers.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    /**
     * `full`, or `passkey-enrolment`: a password sign-in of a worker who must use a passkey but has
     * none yet may only add one (session-gate.ts).
     */
    scope: text('scope').notNull().default('full'),
  },
  (t) => [index('sessions_worker_idx').on(t.workerId)],
);
export type SessionRow = typeof sessions.$inferSelect;
