import { pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { reports } from './reports.ts';

/**
 * "Did this help?" (issue 12): the reporter's optional, anonymous answers after a case closed. Clear and
 * coarse on purpose (yes / partly / no per question, the month it was given), because they feed public
 * figures; one row per closed case, so a retry or a second device changes the answer, never adds one.
 */
export const caseFeedback = pgTable('case_feedback', {
  reportId: text('report_id')
    .primaryKey()
    .references(() => reports.id, { onDelete: 'cascade' }),
  /** Did you feel heard? */
  heard: text('heard'),
  /** Did it help? */
  helped: text('helped'),
  /** Was it fast enough? */
  fastEnough: text('fast_enough'),
  answeredAt: timestamp('answered_at', { withTimezone: true }).notNull(),
});
export type CaseFeedbackRow = typeof caseFeedback.$inferSelect;
