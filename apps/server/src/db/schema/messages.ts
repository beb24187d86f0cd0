import { boolean, index, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { bytea } from './bytea.ts';
import { reports } from './reports.ts';

/** Sealed chat messages between reporter and helpline; `author` is 'reporter' or 'helpline'. */
export const messages = pgTable(
  'messages',
  {
    id: text('id').primaryKey(),
    reportId: text('report_id')
      .notNull()
      .references(() => reports.id, { onDelete: 'cascade' }),
    author: text('author').notNull(),
    /** The worker who wrote it, for helpline messages; null for the reporter. */
    workerId: text('worker_id'),
    sealed: bytea('sealed').notNull(),
    /** A case note between workers: sealed to the helpline only and never shown to the reporter. */
    internal: boolean('internal').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('messages_report_idx').on(t.reportId, t.createdAt)],
);
export type MessageRow = typeof messages.$inferSelect;
