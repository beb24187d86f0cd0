import { doublePrecision, index, integer, pgTable, text, timestamp, unique } from 'drizzle-orm/pg-core';
import { helplines } from './helplines.ts';
import { workers } from './workers.ts';

/**
 * Unusual rises the daily job found (docs/early-warnings.md): one row per series and week, so a job that
 * runs twice flags once. A supervisor releases one (a prevention signal goes out) or dismisses it.
 */
export const earlyWarnings = pgTable(
  'early_warnings',
  {
    id: text('id').primaryKey(),
    helplineId: text('helpline_id')
      .notNull()
      .references(() => helplines.id),
    /** `platform×category` or `ageBand×category`. */
    dimension: text('dimension').notNull(),
    /** The series' values, e.g. `tiktok|sextortion`. */
    series: text('series').notNull(),
    /** The first day after the week that was checked (UTC midnight). */
    periodEnd: timestamp('period_end', { withTimezone: true }).notNull(),
    current: integer('current').notNull(),
    expected: doublePrecision('expected').notNull(),
    pValue: doublePrecision('p_value').notNull(),
    /** `open`, `released` or `dismissed`. */
    status: text('status').notNull().default('open'),
    decidedBy: text('decided_by').references(() => workers.id),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    /** When supervisors were e-mailed about it (content-free); null: not yet, or no mail set up. */
    notifiedAt: timestamp('notified_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('early_warnings_series_period_key').on(t.helplineId, t.dimension, t.series, t.periodEnd),
    index('early_warnings_helpline_status_idx').on(t.helplineId, t.status),
  ],
);
export type EarlyWarningRow = typeof earlyWarnings.$inferSelect;
