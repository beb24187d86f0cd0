import { pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/** A national helpline that receives reports; its recipients are in `helpline_recipients`. */
export const helplines = pgTable('helplines', {
  id: text('id').primaryKey(),
  country: text('country').notNull(),
  name: text('name').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});
export type HelplineRow = typeof helplines.$inferSelect;
