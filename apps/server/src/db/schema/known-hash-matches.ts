import { index, integer, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import { knownHashLists } from './known-hash-lists.ts';
import { reports } from './reports.ts';

/**
 * A hash-only report that matched a known-hash list. Only the fact is kept (which list, which kind of
 * hash, how far): the reporter's hashes themselves stay in the sealed body.
 */
export const reportHashMatches = pgTable(
  'report_hash_matches',
  {
    reportId: text('report_id')
      .notNull()
      .references(() => reports.id, { onDelete: 'cascade' }),
    listId: text('list_id')
      .notNull()
      .references(() => knownHashLists.id),
    /** `pdq` or `md5`. */
    kind: text('kind').notNull(),
    /** Position of the matching hash in the report's `hashes`. */
    hashIndex: integer('hash_index').notNull(),
    /** Hamming distance for PDQ; 0 for an exact MD5. */
    distance: integer('distance').notNull(),
    matchedAt: timestamp('matched_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.reportId, t.listId, t.kind, t.hashIndex] }),
    index('report_hash_matches_list_idx').on(t.listId),
  ],
);
export type ReportHashMatchRow = typeof reportHashMatches.$inferSelect;
