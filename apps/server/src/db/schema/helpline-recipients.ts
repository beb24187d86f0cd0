import { index, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { helplines } from './helplines.ts';

/**
 * The age recipients (`age1…`) a report is sealed to. A retired recipient stays for audit but is no
 * longer handed to reporters.
 */
export const helplineRecipients = pgTable(
  'helpline_recipients',
  {
    id: text('id').primaryKey(),
    helplineId: text('helpline_id')
      .notNull()
      .references(() => helplines.id),
    recipient: text('recipient').notNull().unique(),
    label: text('label'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    retiredAt: timestamp('retired_at', { withTimezone: true }),
  },
  (t) => [index('helpline_recipients_helpline_idx').on(t.helplineId)],
);
export type HelplineRecipientRow = typeof helplineRecipients.$inferSelect;
