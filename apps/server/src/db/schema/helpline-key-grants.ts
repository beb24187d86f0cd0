import { index, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { bytea } from './bytea.ts';
import { helplines } from './helplines.ts';
import { workers } from './workers.ts';

/**
 * A helpline identity made by a key rotation, sealed by the administrator's browser to one current
 * worker's personal recipient: the server holds only what it cannot open. A removed worker's grants
 * are deleted, and a rotation gives them none of the new identity.
 */
export const helplineKeyGrants = pgTable(
  'helpline_key_grants',
  {
    id: text('id').primaryKey(),
    helplineId: text('helpline_id')
      .notNull()
      .references(() => helplines.id),
    workerId: text('worker_id')
      .notNull()
      .references(() => workers.id),
    /** The helpline recipient whose identity the grant holds (the console checks it on opening). */
    recipient: text('recipient').notNull(),
    sealed: bytea('sealed').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('helpline_key_grants_worker_recipient_idx').on(t.workerId, t.recipient),
    index('helpline_key_grants_helpline_idx').on(t.helplineId),
  ],
);
export type HelplineKeyGrantRow = typeof helplineKeyGrants.$inferSelect;
