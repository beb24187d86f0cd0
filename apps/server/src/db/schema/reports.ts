import { sql } from 'drizzle-orm';
import { bigint, boolean, index, jsonb, pgSequence, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { bytea } from './bytea.ts';
import { helplines } from './helplines.ts';
import { workers } from './workers.ts';

/**
 * One report. Clear columns are the whitelisted metadata (DESIGN.md trust model); `body` is the
 * sealed report body, which the server cannot open. `visible_at` stays null until every evidence item
 * has arrived with the declared hash, so the helpline never sees a half-delivered report.
 */
/**
 * Numbers every change to a report (a trigger in migration 0012 takes the next value on each update),
 * so the console's queue can ask for what changed since its last look instead of every case again.
 */
export const reportsChangeSeq = pgSequence('reports_change_seq');

export const reports = pgTable(
  'reports',
  {
    id: text('id').primaryKey(),
    helplineId: text('helpline_id')
      .notNull()
      .references(() => helplines.id),
    country: text('country').notNull(),
    packVersion: text('pack_version'),
    category: text('category').notNull(),
    platform: text('platform').notNull(),
    channel: text('channel'),
    role: text('role').notNull(),
    ageBand: text('age_band').notNull(),
    flags: jsonb('flags').$type<Record<string, boolean>>().notNull(),
    status: text('status').notNull(),
    /** The reporter's own age recipient (derived from the receipt code). */
    reporterRecipient: text('reporter_recipient').notNull(),
    accessTokenHash: text('access_token_hash').notNull().unique(),
    body: bytea('body').notNull(),
    bodySha256: text('body_sha256').notNull(),
    receipt: jsonb('receipt'),
    signature: text('signature'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    visibleAt: timestamp('visible_at', { withTimezone: true }),
    assigneeId: text('assignee_id').references(() => workers.id),
    legalHold: boolean('legal_hold').notNull().default(false),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    /** When a worker first reached the reporter (a message, or a recorded phone or chat contact). */
    firstContactAt: timestamp('first_contact_at', { withTimezone: true }),
    /** How: `message`, `phone` or `chat`. */
    firstContactVia: text('first_contact_via'),
    /** The reporter wrote since a worker last opened the case; null once a worker opened it. */
    reporterUnreadAt: timestamp('reporter_unread_at', { withTimezone: true }),
    /** From reports_change_seq: set on insert and, by a trigger, on every update. */
    changeSeq: bigint('change_seq', { mode: 'number' }).notNull().default(sql`nextval('reports_change_seq')`),
  },
  (t) => [
    index('reports_helpline_status_idx').on(t.helplineId, t.status),
    index('reports_visible_idx').on(t.helplineId, t.visibleAt),
    index('reports_change_idx').on(t.helplineId, t.changeSeq),
    // The public figures and the early-warning check read these columns over a date range: with them in
    // the index, PostgreSQL answers from the index alone (bench/statistics.bench.ts prints the plans).
    index('reports_statistics_idx').on(t.helplineId, t.visibleAt, t.category, t.platform, t.ageBand, t.role),
  ],
);
export type ReportRow = typeof reports.$inferSelect;
