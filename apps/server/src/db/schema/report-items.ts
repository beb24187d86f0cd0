import { bigint, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import { reports } from './reports.ts';

/**
 * Evidence items a report declared: `sha256`/`size` of the ciphertext as declared at submission.
 * `received_at`/`blob_key` are set once the upload finished and its hash matched.
 */
export const reportItems = pgTable(
  'report_items',
  {
    reportId: text('report_id')
      .notNull()
      .references(() => reports.id, { onDelete: 'cascade' }),
    itemId: text('item_id').notNull(),
    sha256: text('sha256').notNull(),
    size: bigint('size', { mode: 'number' }).notNull(),
    receivedAt: timestamp('received_at', { withTimezone: true }),
    blobKey: text('blob_key'),
  },
  (t) => [primaryKey({ columns: [t.reportId, t.itemId] })],
);
export type ReportItemRow = typeof reportItems.$inferSelect;
