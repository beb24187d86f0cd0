import { integer, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { helplines } from './helplines.ts';

/**
 * The helpline's recipient lists as an administrator's browser signed them (packages/crypto
 * recipient-list.ts). Stored as the exact signed statement, so the server hands out what was signed and
 * can add nothing: the apps refuse a list that does not verify against the pack's trust anchors.
 */
export const signedRecipientLists = pgTable(
  'signed_recipient_lists',
  {
    id: text('id').primaryKey(),
    helplineId: text('helpline_id')
      .notNull()
      .references(() => helplines.id),
    sequence: integer('sequence').notNull(),
    /** canonicalJson(list): the bytes the signature covers. */
    statement: text('statement').notNull(),
    signature: text('signature').notNull(),
    signedBy: text('signed_by').notNull(),
    /** The administrator who stored it (null: the demo anchor, signed by the server itself). */
    workerId: text('worker_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('signed_recipient_lists_sequence_idx').on(t.helplineId, t.sequence)],
);
export type SignedRecipientListRow = typeof signedRecipientLists.$inferSelect;
