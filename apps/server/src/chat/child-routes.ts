import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../app-deps.ts';
import { chats } from '../db/schema/index.ts';
import { Problem } from '../http/problem.ts';
import { isWellFormedAgeFile } from '../services/age-file.ts';
import { isUniqueViolation } from '../services/db-errors.ts';
import { ensureHelpline } from '../services/helpline.ts';
import { reportForToken } from '../services/reporter-auth.ts';
import { decodeSealed } from '../services/sealed-bytes.ts';
import { chatLoad } from './chat-capacity.ts';
import type { ChatHub } from './chat-hub.ts';
import { putChatPhoto } from './chat-photos.ts';
import {
  attachmentParams,
  bearerHeaders,
  chatParams,
  childStateSchema,
  MAX_CHAT_MESSAGE_BYTES,
  MAX_CHAT_PHOTO_BYTES,
  messageSchema,
  postChatMessageBody,
  startChatBody,
  streamQuery,
} from './chat-schemas.ts';
import {
  appendMessage,
  CHILD_LEFT,
  chatClosed,
  findChat,
  OPEN_STATES,
  stateView,
  waitingAhead,
} from './chat-store.ts';
import { type OpenStreams, resumeAfter, streamChat } from './chat-stream.ts';
import { chatNotFound, chatTokenHash, sameHash } from './chat-token.ts';

/**
 * The child's side of a live chat, at `/api/v1/chats`: no account and no report needed. The device
 * makes the chat id, a secret and a short-lived age key pair; the server sees the secret's hash, the
 * public key and clear metadata (language, age band, urgency).
 */
export const childChatRoutes: FastifyPluginAsyncZod<{
  deps: AppDeps;
  hub: ChatHub;
  streams: OpenStreams;
}> = async (app, { deps, hub, streams }) => {
  const { db } = deps;
  /** The chat this token opens, or 404 (a wrong token never says whether the chat exists). */
  const chatFor = async (id: string, authorization: string | undefined) => {
    const hash = chatTokenHash(authorization);
    const chat = await findChat(db, id);
    if (!chat || !sameHash(chat.tokenHash, hash)) throw chatNotFound();
    return chat;
  };
  const childState = async (chat: Awaited<ReturnType<typeof chatFor>>) => {
    const ahead = chat.status === 'waiting' ? await waitingAhead(db, chat) : null;
    return { ...stateView(chat), position: ahead === null ? null : ahead + 1 };
  };

  app.post(
    '/chats',
    {
      schema: {
        summary: 'Start a live chat (idempotent by chat id)',
        tags: ['chat'],
        headers: bearerHeaders,
        body: startChatBody,
        response: { 200: childStateSchema, 201: childStateSchema },
      },
    },
    async (request, reply) => {
      const hash = chatTokenHash(request.headers.authorization);
      const body = request.body;
      if (!deps.pack.languages.includes(body.lang)) {
        throw new Problem(400, 'chat.unknown-language', 'This helpline does not chat in that language');
      }
      const helplineId = await ensureHelpline(db, deps.pack);
      try {
        await db.insert(chats).values({
          id: body.chatId,
          helplineId,
          tokenHash: hash,
          childRecipient: body.childRecipient,
          lang: body.lang,
          ageBand: body.ageBand ?? null,
          flags: body.urgent ? { urgent: true } : {},
          status: 'waiting',
        });
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
        // A retry of the same start: answer as before. Another device's id or token: not found.
        const chat = await chatFor(body.chatId, request.headers.authorization);
        return reply.code(200).send(await childState(chat));
      }
      const chat = (await findChat(db, body.chatId))!;
      return reply.code(201).send(await childState(chat));
    },
  );

  app.get(
    '/chats/availability',
    {
      schema: {
        summary:
          'Live load of the chat: who waits, counsellors online, whether the queue is full, the expected wait',
        tags: ['chat'],
        response: {
          200: z.object({
            waiting: z.number(),
            counsellorsOnline: z.number(),
            full: z.boolean(),
            expectedWaitMinutes: z.number().nullable(),
          }),
        },
      },
    },
    async (_request, reply) => {
      reply.header('cache-control', 'no-store');
      const load = await chatLoad(db, hub, deps.pack, await ensureHelpline(db, deps.pack));
      return {
        waiting: load.waiting,
        counsellorsOnline: load.counsellorsOnline,
        full: load.full,
        expectedWaitMinutes: load.expectedWaitMinutes,
      };
    },
  );

  app.get(
    '/chats/:id',
    {
      schema: {
        summary: "The chat's state and the child's place in the queue",
        tags: ['chat'],
        params: chatParams,
        headers: bearerHeaders,
        response: { 200: childStateSchema },
      },
    },
    async (request) => childState(await chatFor(request.params.id, request.headers.authorization)),
  );

  app.post(
    '/chats/:id/messages',
    {
      schema: {
        summary: 'Send a sealed chat message (idempotent by clientId)',
        tags: ['chat'],
        params: chatParams,
        headers: bearerHeaders,
        body: postChatMessageBody,
        response: { 200: messageSchema, 201: messageSchema },
      },
    },
    async (request, reply) => {
      const chat = await chatFor(request.params.id, request.headers.authorization);
      const sealed = decodeSealed(request.body.sealed, MAX_CHAT_MESSAGE_BYTES, 'chat.message');
      const { message, created } = await appendMessage(db, hub, {
        chatId: chat.id,
        clientId: request.body.clientId,
        author: 'child',
        sealed,
      });
      return reply.code(created ? 201 : 200).send(message);
    },
  );

  // A sealed photo is sent as its raw bytes: base64 in JSON would add a third and a copy.
  app.addContentTypeParser(
    'application/octet-stream',
    { parseAs: 'buffer', bodyLimit: MAX_CHAT_PHOTO_BYTES },
    (_request, body, done) => done(null, body),
  );

  app.put(
    '/chats/:id/photos/:attachmentId',
    {
      bodyLimit: MAX_CHAT_PHOTO_BYTES,
      schema: {
        summary: 'Put a photo from the vault, sealed on the device, for a message to show (idempotent by id)',
        description:
          'Body: the age file as application/octet-stream, at most 8 MiB. The message that shows it is sealed ' +
          'and names the id with the hash the vault took at capture; the server sees neither.',
        tags: ['chat'],
        params: attachmentParams,
        headers: bearerHeaders,
        response: { 200: z.object({ id: z.string() }), 201: z.object({ id: z.string() }) },
      },
    },
    async (request, reply) => {
      const chat = await chatFor(request.params.id, request.headers.authorization);
      if (!OPEN_STATES.includes(chat.status as 'waiting')) throw chatClosed();
      const body = request.body;
      if (!(body instanceof Uint8Array) || body.byteLength === 0) {
        throw new Problem(415, 'chat.photo-not-bytes', 'Send the sealed photo as application/octet-stream');
      }
      if (!isWellFormedAgeFile(body)) {
        throw new Problem(422, 'chat.photo-not-sealed', 'The photo is not sealed in the age format');
      }
      const { created } = await putChatPhoto(deps, chat.id, request.params.attachmentId, body);
      return reply.code(created ? 201 : 200).send({ id: request.params.attachmentId });
    },
  );

  app.post(
    '/chats/:id/report',
    {
      schema: {
        summary: 'Note the report this chat became (the child made it with one tap; idempotent)',
        description:
          "The report went in through the ordinary intake; its access token (in the body, never a URL) proves it is the child's own.",
        tags: ['chat'],
        params: chatParams,
        headers: bearerHeaders,
        body: z.strictObject({ accessToken: z.string().regex(/^[0-9a-f]{64}$/, 'the access token, 64 hex') }),
        response: { 200: z.object({ reportId: z.string() }) },
      },
    },
    async (request) => {
      const chat = await chatFor(request.params.id, request.headers.authorization);
      const report = await reportForToken(db, `Bearer ${request.body.accessToken}`);
      if (chat.reportId === report.id) return { reportId: report.id };
      if (chat.reportId !== null) {
        throw new Problem(409, 'chat.already-reported', 'This chat is already part of another report');
      }
      const [updated] = await db
        .update(chats)
        .set({ reportId: report.id })
        .where(and(eq(chats.id, chat.id), isNull(chats.reportId)))
        .returning();
      if (!updated) {
        // Another try won the race: the same report is fine, another one is not.
        const now = (await findChat(db, chat.id))!;
        if (now.reportId !== report.id) {
          throw new Problem(409, 'chat.already-reported', 'This chat is already part of another report');
        }
        return { reportId: report.id };
      }
      hub.publish(chat.id, { kind: 'state', state: stateView(updated) });
      return { reportId: report.id };
    },
  );

  app.get(
    '/chats/:id/events',
    {
      schema: {
        summary: 'The chat as server-sent events: messages after Last-Event-ID (or ?after=), then live',
        tags: ['chat'],
        params: chatParams,
        headers: bearerHeaders,
        querystring: streamQuery,
      },
    },
    async (request, reply) => {
      const chat = await chatFor(request.params.id, request.headers.authorization);
      await streamChat(request, reply, {
        db,
        hub,
        streams,
        chatId: chat.id,
        after: resumeAfter(request.headers['last-event-id'] as string | undefined, request.query.after),
        state: stateView(chat),
      });
    },
  );

  app.post(
    '/chats/:id/leave',
    {
      schema: {
        summary: 'The child ends the chat (quick exit too); the sealed messages stay',
        tags: ['chat'],
        params: chatParams,
        headers: bearerHeaders,
        response: { 200: z.object({ status: z.string() }) },
      },
    },
    async (request) => {
      const chat = await chatFor(request.params.id, request.headers.authorization);
      const status = chat.status === 'waiting' ? 'abandoned' : 'closed';
      const [updated] = await db
        .update(chats)
        .set({ status, closedAt: new Date(), ...(chat.status === 'active' ? { outcome: CHILD_LEFT } : {}) })
        .where(and(eq(chats.id, chat.id), inArray(chats.status, [...OPEN_STATES])))
        .returning();
      if (updated) hub.publish(chat.id, { kind: 'state', state: stateView(updated) });
      return { status: updated?.status ?? chat.status };
    },
  );
};
