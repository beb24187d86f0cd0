import { index, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { reports } from './reports.ts';

/**
 * The reporter's timeline: received, visible to the helpline, status changes. Clear data only (no
 * sealed content), because the reporter reads it with the access token and no key.
 */
export const reportEvents = pgTable(
  'report_events',
  {
    id: text('id').primaryKey(),
    reportId: text('report_id')
      .notNull()
      .references(() => reports.id, { onDelete: 'cascade' }),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    event: text('event').notNull(),
    detail: jsonb('detail').$type<Record<string, string | number | boolean>>(),
  },
  (t) => [index('report_events_report_idx').on(t.reportId, t.at)],
);
export type ReportEventRow = typeof reportEvents.$inferSelect;
