import { pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { reports } from './reports.ts';

/**
 * A reporter's opt-in to "there is news" notifications: one per report (the device that opted in
 * last). The push endpoint and its keys are contact-like data, so the whole subscription is stored
 * sealed (AES-256-GCM under a key derived from the server's signing key, the report id as associated
 * data); `lang` picks the notice's language and says nothing else. Deleted with the report.
 */
export const pushSubscriptions = pgTable('push_subscriptions', {
  reportId: text('report_id')
    .primaryKey()
    .references(() => reports.id, { onDelete: 'cascade' }),
  sealed: text('sealed').notNull(),
  lang: text('lang').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});
export type PushSubscriptionRow = typeof pushSubscriptions.$inferSelect;
