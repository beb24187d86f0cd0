import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../db/open-database.ts';
import type { ChatEvent, ChatHub, ChatStateView } from './chat-hub.ts';
import { messagesAfter, messageView } from './chat-store.ts';

/** A comment line now and then keeps proxies from closing a quiet stream. */
const HEARTBEAT_MS = 15_000;

/** Streams open on this process, so closing the server ends them instead of waiting for them. */
export type OpenStreams = Set<() => void>;

/**
 * The sequence number a stream resumes after: `Last-Event-ID` (what a reconnecting EventSource sends)
 * or `?after=`, whichever is higher; 0 for a new stream.
 */
export function resumeAfter(lastEventId: string | string[] | undefined, after: number | undefined): number {
  const header = typeof lastEventId === 'string' && /^\d{1,15}$/.test(lastEventId) ? Number(lastEventId) : 0;
  return Math.max(header, after ?? 0);
}

/**
 * A chat's events as server-sent events: first every stored message after `after`, then live ones,
 * each with its sequence number as the event id, never one twice and never out of order. The hub is
 * subscribed before the database is read, so nothing that commits in between is missed; anything
 * both the read and the hub deliver is dropped by its sequence number.
 */
export async function streamChat(
  request: FastifyRequest,
  reply: FastifyReply,
  opts: { db: Db; hub: ChatHub; streams: OpenStreams; chatId: string; after: number; state: ChatStateView },
): Promise<void> {
  const { db, hub, chatId } = opts;
  let lastSent = opts.after;
  let caughtUp = false;
  const pending: ChatEvent[] = [];
  const raw = reply.raw;
  const write = (event: ChatEvent) => {
    if (event.kind === 'message') {
      if (event.message.seq <= lastSent) return;
      lastSent = event.message.seq;
      raw.write(`id: ${event.message.seq}\nevent: message\ndata: ${JSON.stringify(event.message)}\n\n`);
    } else {
      raw.write(`event: state\ndata: ${JSON.stringify(event.state)}\n\n`);
    }
  };
  const unsubscribe = hub.subscribe(chatId, (event) => {
    if (caughtUp) write(event);
    else pending.push(event);
  });
  reply.hijack();
  raw.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    'x-accel-buffering': 'no',
    connection: 'keep-alive',
  });
  // Tells a browser EventSource how soon to come back after a drop.
  raw.write('retry: 500\n\n');
  const heartbeat = setInterval(() => raw.write(': keep-alive\n\n'), HEARTBEAT_MS);
  heartbeat.unref();
  const end = () => {
    clearInterval(heartbeat);
    unsubscribe();
    opts.streams.delete(end);
    if (!raw.writableEnded) raw.end();
  };
  opts.streams.add(end);
  request.raw.once('close', end);
  try {
    write({ kind: 'state', state: opts.state });
    // Page through the backlog: a long chat after a long gap still arrives whole.
    for (;;) {
      const rows = await messagesAfter(db, chatId, lastSent);
      for (const row of rows) write({ kind: 'message', message: messageView(row) });
      if (rows.length < 500) break;
    }
    caughtUp = true;
    for (const event of pending.splice(0)) write(event);
  } catch (error) {
    request.log.warn({ err: error }, 'chat stream: backlog read failed');
    end();
  }
}
