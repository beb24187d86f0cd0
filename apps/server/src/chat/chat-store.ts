import { toBase64 } from '@vangnet/crypto';
import { and, asc, eq, gt, inArray, lt, sql } from 'drizzle-orm';
import type { Db } from '../db/open-database.ts';
import { type ChatMessageRow, type ChatRow, chatMessages, chats } from '../db/schema/index.ts';
import { Problem } from '../http/problem.ts';
import { isUniqueViolation } from '../services/db-errors.ts';
import type { ChatHub, ChatMessageView, ChatStateView } from './chat-hub.ts';

export const OPEN_STATES = ['waiting', 'active'] as const;
/** The outcome code of a chat the child ended while a counsellor was with them. */
export const CHILD_LEFT = 'child-left';

export const chatClosed = () =>
  new Problem(409, 'chat.closed', 'This chat has ended', 'Start a new chat, or leave a message instead.');

export function messageView(row: ChatMessageRow): ChatMessageView {
  return {
    seq: row.seq,
    clientId: row.clientId,
    author: row.author === 'counsellor' ? 'counsellor' : 'child',
    sealed: toBase64(row.sealed),
    at: row.createdAt.toISOString(),
  };
}

export function stateView(chat: ChatRow): ChatStateView {
  return {
    status: chat.status,
    answered: chat.status === 'active',
    urgent: chat.flags.urgent === true,
    childLeft: chat.status === 'abandoned' || chat.outcome === CHILD_LEFT,
    reportId: chat.reportId,
  };
}

export async function findChat(db: Db, id: string): Promise<ChatRow | undefined> {
  const [row] = await db.select().from(chats).where(eq(chats.id, id)).limit(1);
  return row;
}

/** Messages of a chat after `after`, in sequence order, at most `limit`. */
export async function messagesAfter(
  db: Db,
  chatId: string,
  after: number,
  limit = 500,
): Promise<ChatMessageRow[]> {
  return db
    .select()
    .from(chatMessages)
    .where(and(eq(chatMessages.chatId, chatId), gt(chatMessages.seq, after)))
    .orderBy(asc(chatMessages.seq))
    .limit(limit);
}

/**
 * Stores a sealed message and gives it the chat's next sequence number. Bumping `last_seq` locks the
 * chat row until commit, so sequence numbers commit in order: a reader that saw seq n never later
 * finds an n-1. The same `clientId` again (a resend after a lost answer) returns the stored message;
 * the same id with other bytes is refused. The event goes out after the commit.
 */
export async function appendMessage(
  db: Db,
  hub: ChatHub,
  input: {
    chatId: string;
    clientId: string;
    author: 'child' | 'counsellor';
    workerId?: string;
    sealed: Uint8Array;
  },
  now = new Date(),
): Promise<{ message: ChatMessageView; created: boolean }> {
  const existing = async () => {
    const [row] = await db
      .select()
      .from(chatMessages)
      .where(and(eq(chatMessages.chatId, input.chatId), eq(chatMessages.clientId, input.clientId)))
      .limit(1);
    if (!row) return null;
    if (row.author !== input.author || !Buffer.from(row.sealed).equals(Buffer.from(input.sealed))) {
      throw new Problem(
        409,
        'chat.message-id-reused',
        'This message id was already used for another message',
      );
    }
    return { message: messageView(row), created: false };
  };
  // No look-up first: a resend is rare, and its insert fails on (chat, client id), which rolls the
  // sequence bump back; then the stored message is the answer. One round trip less for every message.
  let row: ChatMessageRow;
  try {
    row = await db.transaction(async (tx) => {
      const [bumped] = await tx
        .update(chats)
        .set({ lastSeq: sql`${chats.lastSeq} + 1` })
        .where(and(eq(chats.id, input.chatId), inArray(chats.status, [...OPEN_STATES])))
        .returning({ seq: chats.lastSeq });
      if (!bumped) throw chatClosed();
      const [inserted] = await tx
        .insert(chatMessages)
        .values({
          chatId: input.chatId,
          seq: bumped.seq,
          clientId: input.clientId,
          author: input.author,
          workerId: input.workerId ?? null,
          sealed: input.sealed,
          createdAt: now,
        })
        .returning();
      return inserted!;
    });
  } catch (error) {
    // Two sends of the same message raced; the other one won.
    if (isUniqueViolation(error)) {
      const raced = await existing();
      if (raced) return raced;
    }
    throw error;
  }
  const message = messageView(row);
  hub.publish(input.chatId, { kind: 'message', message });
  return { message, created: true };
}

/** Waiting chats of a helpline created before this one: the child's place in the queue is this + 1. */
export async function waitingAhead(db: Db, chat: ChatRow): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(chats)
    .where(
      and(
        eq(chats.helplineId, chat.helplineId),
        eq(chats.status, 'waiting'),
        lt(chats.createdAt, chat.createdAt),
      ),
    );
  return row?.n ?? 0;
}
