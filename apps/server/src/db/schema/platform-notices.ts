import { index, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { helplines } from './helplines.ts';
import { reports } from './reports.ts';

/**
 * A trusted-flagger notice the helpline sent to a platform (issue 11), and the platform's answer. Clear
 * metadata only (DESIGN.md "Going out"): the notice's text was composed in the worker's browser and
 * relayed once, never stored. The row outlives its case (`report_id` set null by retention), because the
 * platform response figures are about platforms, not about the child.
 */
export const platformNotices = pgTable(
  'platform_notices',
  {
    id: text('id').primaryKey(),
    reportId: text('report_id').references(() => reports.id, { onDelete: 'set null' }),
    helplineId: text('helpline_id')
      .notNull()
      .references(() => helplines.id),
    /** The client's key for this send: a retry answers with the first notice and sends nothing. */
    idempotencyKey: text('idempotency_key').notNull().unique(),
    platform: text('platform').notNull(),
    category: text('category').notNull(),
    /** The DSA Transparency Database label of the category for this reporter's age (taxonomy.ts). */
    tdbCategory: text('tdb_category').notNull(),
    tdbKeyword: text('tdb_keyword').notNull(),
    /** `email` or `endpoint`, from the pack's DSA contact for the platform. */
    channel: text('channel').notNull(),
    workerId: text('worker_id').notNull(),
    /** When the worker recorded the reporter's consent (required to send). */
    consentAt: timestamp('consent_at', { withTimezone: true }).notNull(),
    sentAt: timestamp('sent_at', { withTimezone: true }).notNull(),
    receivedAt: timestamp('received_at', { withTimezone: true }),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    /** removed, restricted, no-action or other (core/dsa/platform-response.ts). */
    outcome: text('outcome'),
    /** The platform's statement of reasons id, when it gave one. */
    statementOfReasonsId: text('statement_of_reasons_id'),
    decisionRecordedBy: text('decision_recorded_by'),
    decisionRecordedAt: timestamp('decision_recorded_at', { withTimezone: true }),
  },
  (t) => [
    index('platform_notices_report_idx').on(t.reportId),
    index('platform_notices_helpline_idx').on(t.helplineId, t.platform),
  ],
);
export type PlatformNoticeRow = typeof platformNotices.$inferSelect;
