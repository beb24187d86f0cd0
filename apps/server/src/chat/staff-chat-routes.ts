import { chatFigures } from '@vangnet/core/chat/chat-figures';
import { can } from '@vangnet/core/permissions/permissions';
import { and, asc, eq, gte, inArray } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../app-deps.ts';
import { appendAudit } from '../audit/append-audit.ts';
import type { Db } from '../db/open-database.ts';
import { type ChatRow, chats, workers } from '../db/schema/index.ts';
import { Problem } from '../http/problem.ts';
import { decodeSealed } from '../services/sealed-bytes.ts';
import { requirePermission } from '../staff/session-cookie.ts';
import type { StaffPolicy } from '../staff/staff-policy.ts';
import type { WorkerView } from '../staff/workers.ts';
import { capacityPerCounsellor, chatLoad } from './chat-capacity.ts';
import type { ChatHub } from './chat-hub.ts';
import { getChatPhoto } from './chat-photos.ts';
import {
  attachmentParams,
  chatParams,
  MAX_CHAT_MESSAGE_BYTES,
  messageSchema,
  outcomeSchema,
  postChatMessageBody,
  streamQuery,
} from './chat-schemas.ts';
import { appendMessage, chatClosed, findChat, OPEN_STATES, stateView } from './chat-store.ts';
import { type OpenStreams, resumeAfter, streamChat } from './chat-stream.ts';
import { chatNotFound } from './chat-token.ts';

const actorOf = (worker: WorkerView) => `worker:${worker.id}`;

const chatSummary = z.object({
  id: z.string(),
  status: z.string(),
  lang: z.string(),
  ageBand: z.string().nullable(),
  urgent: z.boolean(),
  createdAt: z.string(),
  takenAt: z.string().nullable(),
  counsellorId: z.string().nullable(),
  counsellorName: z.string().nullable(),
  /** The child's short-lived recipient: replies are sealed to it and to the helpline. */
  childRecipient: z.string(),
  lastSeq: z.number(),
  /** The report the chat became, once the child made one. */
  reportId: z.string().nullable(),
});

/**
 * The counsellor's side of live chats, at `/api/v1/staff/chats`: the queue (clear metadata only), take,
 * reply, hand over, raise urgency and close. Only the counsellor who has the chat, or a supervisor
 * (who may read audit trails), reads its messages. Every take, handover and close is audited.
 */
export const staffChatRoutes: FastifyPluginAsyncZod<{
  deps: AppDeps;
  policy: StaffPolicy;
  hub: ChatHub;
  streams: OpenStreams;
}> = async (app, { deps, policy, hub, streams }) => {
  const { db } = deps;
  const mayOversee = (worker: WorkerView) => can(worker.role, 'case.audit', policy.permissions);
  /** A chat of the worker's helpline, or 404. */
  const chatOf = async (worker: WorkerView, id: string): Promise<ChatRow> => {
    const chat = await findChat(db, id);
    if (!chat || chat.helplineId !== worker.helplineId) throw chatNotFound();
    return chat;
  };
  const requireHolder = (worker: WorkerView, chat: ChatRow) => {
    if (chat.counsellorId !== worker.id && !mayOversee(worker)) {
      throw new Problem(403, 'chat.not-yours', 'Another counsellor has this chat');
    }
  };

  app.get(
    '/chats',
    {
      schema: {
        summary: 'Live chats of the helpline: waiting (longest first, urgent first) and active',
        tags: ['staff'],
        response: { 200: z.object({ chats: z.array(chatSummary) }) },
      },
    },
    async (request) => {
      const worker = await requirePermission(db, policy, request, 'case.message');
      hub.seen(worker.id);
      const rows = await db
        .select({ chat: chats, counsellorName: workers.displayName })
        .from(chats)
        .leftJoin(workers, eq(workers.id, chats.counsellorId))
        .where(and(eq(chats.helplineId, worker.helplineId), inArray(chats.status, [...OPEN_STATES])))
        .orderBy(asc(chats.createdAt));
      const list = rows.map(({ chat, counsellorName }) => ({
        id: chat.id,
        status: chat.status,
        lang: chat.lang,
        ageBand: chat.ageBand,
        urgent: chat.flags.urgent === true,
        createdAt: chat.createdAt.toISOString(),
        takenAt: chat.takenAt?.toISOString() ?? null,
        counsellorId: chat.counsellorId,
        counsellorName: counsellorName ?? null,
        childRecipient: chat.childRecipient,
        lastSeq: chat.lastSeq,
        reportId: chat.reportId,
      }));
      // Urgent waiting chats first; otherwise the longest waiting (the query's order).
      list.sort(
        (a, b) => Number(b.urgent && b.status === 'waiting') - Number(a.urgent && a.status === 'waiting'),
      );
      return { chats: list };
    },
  );

  app.get(
    '/chats/figures',
    {
      schema: {
        summary:
          'Chat figures for supervisors: waiting time to answer (median, p90), answered vs abandoned, length, live load',
        tags: ['staff'],
        querystring: z.object({ days: z.coerce.number().int().min(1).max(366).default(30) }),
        response: {
          200: z.object({
            answered: z.number(),
            abandoned: z.number(),
            waitMedian: z.number().nullable(),
            waitP90: z.number().nullable(),
            lengthMedian: z.number().nullable(),
            live: z.object({
              waiting: z.number(),
              active: z.number(),
              counsellorsOnline: z.number(),
              capacity: z.number(),
            }),
          }),
        },
      },
    },
    async (request) => {
      const worker = await requirePermission(db, policy, request, 'stats.read');
      const since = new Date(Date.now() - request.query.days * 24 * 60 * 60 * 1000);
      const rows = await db
        .select({
          createdAt: chats.createdAt,
          takenAt: chats.takenAt,
          closedAt: chats.closedAt,
          status: chats.status,
        })
        .from(chats)
        .where(and(eq(chats.helplineId, worker.helplineId), gte(chats.createdAt, since)));
      const load = await chatLoad(db, hub, deps.pack, worker.helplineId);
      return {
        ...chatFigures(rows),
        live: {
          waiting: load.waiting,
          active: load.active,
          counsellorsOnline: load.counsellorsOnline,
          capacity: load.capacity,
        },
      };
    },
  );

  app.post(
    '/chats/:id/take',
    {
      schema: {
        summary: 'Take a waiting chat (audited)',
        tags: ['staff'],
        params: chatParams,
        response: { 200: z.object({ status: z.string(), counsellorId: z.string() }) },
      },
    },
    async (request) => {
      const worker = await requirePermission(db, policy, request, 'case.message');
      const chat = await chatOf(worker, request.params.id);
      if (chat.counsellorId === worker.id && chat.status === 'active') {
        return { status: chat.status, counsellorId: worker.id };
      }
      const holding = await db
        .select({ id: chats.id })
        .from(chats)
        .where(and(eq(chats.counsellorId, worker.id), eq(chats.status, 'active')));
      if (holding.length >= capacityPerCounsellor(deps.pack)) {
        throw new Problem(409, 'chat.at-capacity', 'You hold as many chats as the helpline allows');
      }
      const taken = await db.transaction(async (tx) => {
        const [row] = await tx
          .update(chats)
          .set({ status: 'active', counsellorId: worker.id, takenAt: new Date() })
          .where(and(eq(chats.id, chat.id), eq(chats.status, 'waiting')))
          .returning();
        if (!row) return null;
        await appendAudit(tx as Db, {
          actor: actorOf(worker),
          action: 'chat.take',
          detail: { chatId: chat.id },
        });
        return row;
      });
      if (!taken) {
        if (chat.status !== 'waiting' && !OPEN_STATES.includes(chat.status as 'waiting')) throw chatClosed();
        throw new Problem(409, 'chat.already-taken', 'A colleague took this chat already');
      }
      hub.publish(chat.id, { kind: 'state', state: stateView(taken) });
      return { status: taken.status, counsellorId: worker.id };
    },
  );

  app.get(
    '/chats/colleagues',
    {
      schema: {
        summary: 'Colleagues a chat can be handed to: id, display name and role (no e-mail)',
        tags: ['staff'],
        response: {
          200: z.object({
            colleagues: z.array(z.object({ id: z.string(), name: z.string().nullable(), role: z.string() })),
          }),
        },
      },
    },
    async (request) => {
      const worker = await requirePermission(db, policy, request, 'case.message');
      const rows = await db
        .select({
          id: workers.id,
          name: workers.displayName,
          role: workers.role,
          disabledAt: workers.disabledAt,
        })
        .from(workers)
        .where(eq(workers.helplineId, worker.helplineId))
        .orderBy(asc(workers.createdAt));
      const colleagues = rows
        .filter(
          (w) =>
            w.id !== worker.id &&
            w.disabledAt === null &&
            can(w.role as WorkerView['role'], 'case.message', policy.permissions),
        )
        .map(({ id, name, role }) => ({ id, name, role }));
      return { colleagues };
    },
  );

  app.post(
    '/chats/:id/transfer',
    {
      schema: {
        summary: 'Hand an active chat, with its history, to a colleague or supervisor (audited)',
        tags: ['staff'],
        params: chatParams,
        body: z.strictObject({ to: z.string().min(1).max(100) }),
        response: { 200: z.object({ counsellorId: z.string() }) },
      },
    },
    async (request) => {
      const worker = await requirePermission(db, policy, request, 'case.message');
      const chat = await chatOf(worker, request.params.id);
      requireHolder(worker, chat);
      if (chat.status !== 'active') throw chatClosed();
      const [colleague] = await db.select().from(workers).where(eq(workers.id, request.body.to)).limit(1);
      if (!colleague || colleague.helplineId !== worker.helplineId || colleague.disabledAt) {
        throw new Problem(400, 'chat.unknown-colleague', 'There is no such colleague');
      }
      await db.transaction(async (tx) => {
        await tx.update(chats).set({ counsellorId: colleague.id }).where(eq(chats.id, chat.id));
        await appendAudit(tx as Db, {
          actor: actorOf(worker),
          action: 'chat.transfer',
          detail: { chatId: chat.id, from: chat.counsellorId, to: colleague.id },
        });
      });
      return { counsellorId: colleague.id };
    },
  );

  app.post(
    '/chats/:id/urgent',
    {
      schema: {
        summary: 'Raise (or lower) the urgency of a chat',
        tags: ['staff'],
        params: chatParams,
        body: z.strictObject({ urgent: z.boolean() }),
        response: { 200: z.object({ urgent: z.boolean() }) },
      },
    },
    async (request) => {
      const worker = await requirePermission(db, policy, request, 'case.message');
      const chat = await chatOf(worker, request.params.id);
      requireHolder(worker, chat);
      const flags = { ...chat.flags, urgent: request.body.urgent };
      const [row] = await db.update(chats).set({ flags }).where(eq(chats.id, chat.id)).returning();
      hub.publish(chat.id, { kind: 'state', state: stateView(row!) });
      return { urgent: request.body.urgent };
    },
  );

  app.post(
    '/chats/:id/close',
    {
      schema: {
        summary: 'Close a chat with an outcome code (audited)',
        tags: ['staff'],
        params: chatParams,
        body: z.strictObject({ outcome: outcomeSchema }),
        response: { 200: z.object({ status: z.string() }) },
      },
    },
    async (request) => {
      const worker = await requirePermission(db, policy, request, 'case.message');
      const chat = await chatOf(worker, request.params.id);
      requireHolder(worker, chat);
      const closed = await db.transaction(async (tx) => {
        const [row] = await tx
          .update(chats)
          .set({ status: 'closed', closedAt: new Date(), outcome: request.body.outcome })
          .where(and(eq(chats.id, chat.id), inArray(chats.status, [...OPEN_STATES])))
          .returning();
        if (!row) return null;
        await appendAudit(tx as Db, {
          actor: actorOf(worker),
          action: 'chat.close',
          detail: { chatId: chat.id, outcome: request.body.outcome },
        });
        return row;
      });
      if (!closed) throw chatClosed();
      hub.publish(chat.id, { kind: 'state', state: stateView(closed) });
      return { status: closed.status };
    },
  );

  app.post(
    '/chats/:id/messages',
    {
      schema: {
        summary: 'Send the child a sealed message (idempotent by clientId)',
        tags: ['staff'],
        params: chatParams,
        body: postChatMessageBody,
        response: { 200: messageSchema, 201: messageSchema },
      },
    },
    async (request, reply) => {
      const worker = await requirePermission(db, policy, request, 'case.message');
      const chat = await chatOf(worker, request.params.id);
      requireHolder(worker, chat);
      const sealed = decodeSealed(request.body.sealed, MAX_CHAT_MESSAGE_BYTES, 'chat.message');
      const { message, created } = await appendMessage(db, hub, {
        chatId: chat.id,
        clientId: request.body.clientId,
        author: 'counsellor',
        workerId: worker.id,
        sealed,
      });
      return reply.code(created ? 201 : 200).send(message);
    },
  );

  app.get(
    '/chats/:id/photos/:attachmentId',
    {
      schema: {
        summary: 'A photo the child shared in the chat, still sealed (the console opens and checks it)',
        tags: ['staff'],
        params: attachmentParams,
      },
    },
    async (request, reply) => {
      const worker = await requirePermission(db, policy, request, 'case.readSealed');
      const chat = await chatOf(worker, request.params.id);
      requireHolder(worker, chat);
      const sealed = await getChatPhoto(deps.blobs, chat.id, request.params.attachmentId);
      reply.header('cache-control', 'no-store');
      return reply.type('application/octet-stream').send(Buffer.from(sealed));
    },
  );

  app.get(
    '/chats/:id/events',
    {
      schema: {
        summary: 'The chat as server-sent events, for the counsellor who has it (or a supervisor)',
        tags: ['staff'],
        params: chatParams,
        querystring: streamQuery,
      },
    },
    async (request, reply) => {
      const worker = await requirePermission(db, policy, request, 'case.readSealed');
      const chat = await chatOf(worker, request.params.id);
      requireHolder(worker, chat);
      hub.seen(worker.id);
      await streamChat(request, reply, {
        db,
        hub,
        streams,
        chatId: chat.id,
        after: resumeAfter(request.headers['last-event-id'], request.query.after),
        state: stateView(chat),
      });
    },
  );
};
