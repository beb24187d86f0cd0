import { bigint, index, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/** One staged piece of an upload: an object in the blob store, `size` bytes from `at`. */
export type StagedPart = { key: string; at: number; size: number };

/**
 * Evidence uploads in progress when evidence lives in object storage (`BLOB_STORE_URL`): the bytes
 * are objects in the bucket (`staging/<id>/…`), and this row is the upload's one source of truth, so
 * any replica can take over an upload another one started. `staged_bytes` only moves forward by a
 * compare-and-set on its old value, which is what makes two replicas writing at once safe on a store
 * with no conditional writes. No foreign key: retention removes a deleted report's rows and parts.
 */
export const stagedUploads = pgTable(
  'staged_uploads',
  {
    /** tus' upload id: 32 random hex digits. */
    id: text('id').primaryKey(),
    reportId: text('report_id').notNull(),
    itemId: text('item_id').notNull(),
    size: bigint('size', { mode: 'number' }).notNull(),
    stagedBytes: bigint('staged_bytes', { mode: 'number' }).notNull().default(0),
    parts: jsonb('parts').$type<StagedPart[]>().notNull().default([]),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    /** Set once the item is recorded in report_items; the parts are deleted then. */
    recordedAt: timestamp('recorded_at', { withTimezone: true }),
  },
  (t) => [
    index('staged_uploads_report_idx').on(t.reportId),
    index('staged_uploads_created_idx').on(t.createdAt),
  ],
);
export type StagedUploadRow = typeof stagedUploads.$inferSelect;
