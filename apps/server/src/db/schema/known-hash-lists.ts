import { boolean, index, integer, pgTable, smallint, text, timestamp, unique } from 'drizzle-orm/pg-core';
import { bytea } from './bytea.ts';
import { helplines } from './helplines.ts';

/**
 * Known-image hash lists an administrator imports for one helpline (a hotline's list, say). Importing the
 * same source again adds a new version and deactivates the old one, so what was matched against stays
 * on record.
 */
export const knownHashLists = pgTable(
  'known_hash_lists',
  {
    id: text('id').primaryKey(),
    /** The helpline whose reports this list is matched against; only its administrators see or replace it. */
    helplineId: text('helpline_id')
      .notNull()
      .references(() => helplines.id),
    country: text('country').notNull(),
    /** A short label for where the list came from, e.g. `meldpunt-2026-11`. */
    source: text('source').notNull(),
    version: integer('version').notNull(),
    importedAt: timestamp('imported_at', { withTimezone: true }).notNull().defaultNow(),
    /** `worker:<id>` or `cli`. */
    importedBy: text('imported_by').notNull(),
    count: integer('count').notNull(),
    active: boolean('active').notNull(),
  },
  (t) => [
    unique('known_hash_lists_helpline_source_version').on(t.helplineId, t.source, t.version),
    index('known_hash_lists_helpline_active_idx').on(t.helplineId, t.active),
  ],
);
export type KnownHashListRow = typeof knownHashLists.$inferSelect;

/** One known image: its PDQ (32 bytes) and/or MD5 (16 bytes). */
export const knownHashes = pgTable(
  'known_hashes',
  {
    listId: text('list_id')
      .notNull()
      .references(() => knownHashLists.id, { onDelete: 'cascade' }),
    /** Line number in the imported file, so a match can be traced back to its row. */
    line: integer('line').notNull(),
    pdq: bytea('pdq'),
    pdqQuality: smallint('pdq_quality'),
    md5: bytea('md5'),
  },
  (t) => [index('known_hashes_list_idx').on(t.listId, t.line)],
);
export type KnownHashRow = typeof knownHashes.$inferSelect;
