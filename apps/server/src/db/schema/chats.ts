import {
  bigint,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
} from 'drizzle-orm/pg-core';
import { bytea } from './bytea.ts';
import { helplines } from './helplines.ts';
import { reports } from './reports.ts';
import { workers } from './workers.ts';

/**
 * A live chat between a child and a counsellor (issue 16). No account: the child's device holds a
 * random chat secret and the server keeps only its SHA-256 (`token_hash`). Clear columns are the
 * same kind of metadata a report has (language, age band, urgency, times, outcome code) so the queue
 * and the figures work; every message is sealed on the sender's device.
 */
export const chats = pgTable(
  'chats',
  {
    id: text('id').primaryKey(),
    helplineId: text('helpline_id')
      .notNull()
      .references(() => helplines.id),
    tokenHash: text('token_hash').notNull().unique(),
    /** The child's short-lived age recipient: counsellors seal replies to it and to the helpline. */
    childRecipient: text('child_recipient').notNull(),
    lang: text('lang').notNull(),
    ageBand: text('age_band'),
    flags: jsonb('flags').$type<Record<string, boolean>>().notNull(),
    /** `waiting`, `active`, `closed` (answered and ended) or `abandoned` (left before anyone answered). */
    status: text('status').notNull(),
    /** The last message sequence number given out; bumping it locks the chat row, which orders writers. */
    lastSeq: integer('last_seq').notNull().default(0),
    counsellorId: text('counsellor_id').references(() => workers.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    takenAt: timestamp('taken_at', { withTimezone: true }),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    /** A short code (pack setting), never free text: it feeds the figures. */
    outcome: text('outcome'),
    /** The report this chat became (one tap on the child's side). */
    reportId: text('report_id').references(() => reports.id),
  },
  (t) => [index('chats_helpline_status_idx').on(t.helplineId, t.status, t.createdAt)],
);
export type ChatRow = typeof chats.$inferSelect;

/**
 * Sealed chat messages. `seq` is per chat and given out by the server in commit order; `client_id` is
 * the sender's own id for the message, so a resend after a dropped connection is the same row.
 */
export const chatMessages = pgTable(
  'chat_messages',
  {
    chatId: text('chat_id')
      .notNull()
      .references(() => chats.id, { onDelete: 'cascade' }),
    seq: bigint('seq', { mode: 'number' }).notNull(),
    clientId: text('client_id').notNull(),
    /** `child` or `counsellor`. */
    author: text('author').notNull(),
    workerId: text('worker_id'),
    sealed: bytea('sealed').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.chatId, t.seq] }),
    unique('chat_messages_client_id').on(t.chatId, t.clientId),
  ],
);
export type ChatMessageRow = typeof chatMessages.$inferSelect;

/**
 * The sealed photos shared in a chat (bytes in the blob store under `blob_key`). The server cannot read
 * the messages that name them, so this list is how retention finds every photo of a chat to delete.
 */
export const chatPhotos = pgTable(
  'chat_photos',
  {
    chatId: text('chat_id')
      .notNull()
      .references(() => chats.id, { onDelete: 'cascade' }),
    attachmentId: text('attachment_id').notNull(),
    blobKey: text('blob_key').notNull(),
    size: integer('size').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.chatId, t.attachmentId] })],
);
