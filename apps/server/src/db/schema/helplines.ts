import { boolean, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/** A national helpline that receives reports; its recipients are in `helpline_recipients`. */
export const helplines = pgTable('helplines', {
  id: text('id').primaryKey(),
  country: text('country').notNull(),
  name: text('name').notNull(),
  /** An administrator's rule for the whole helpline: every worker signs in with a passkey. */
  passkeysRequired: boolean('passkeys_required').notNull().default(false),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});
export type HelplineRow = typeof helplines.$inferSelect;
