import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../app-deps.ts';
import { Problem } from '../http/problem.ts';
import { readSessionToken, requireWorker } from '../staff/session-cookie.ts';
import { sessionStillValid } from '../staff/sessions.ts';
import type { LiveEvent } from './live-feed.ts';

/** A comment line now and then keeps proxies from closing a quiet stream. */
const HEARTBEAT_MS = 15_000;
/**
 * A session that ended (signed out, idle or too old, account disabled) ends its stream within this long.
 * The check does not count as activity: an open stream never keeps an idle session alive.
 */
const SESSION_CHECK_MS = 30_000;
/** What a browser's EventSource waits before it comes back after a drop. */
const RETRY_MS = 2_000;

/**
 * `GET /api/v1/staff/events`: server-sent events for the signed-in worker's helpline. Each event names a
 * kind and a case id, nothing more; the console then asks the queue's change feed (or offers to reload
 * a case), so every read still goes through the routes that check and audit access.
 */
export const liveRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  const { db, live } = deps;
  const streams = new Set<() => void>();
  app.addHook('preClose', async () => {
    for (const end of [...streams]) end();
  });

  app.get(
    '/events',
    {
      schema: {
        summary: 'Live updates for the console: which cases changed, as server-sent events (ids only)',
        tags: ['staff'],
      },
    },
    async (request, reply) => {
      const worker = await requireWorker(db, request);
      if (!live)
        throw new Problem(503, 'live.unavailable', 'Live updates are not available; the console polls');
      const token = readSessionToken(request)!;
      const raw = reply.raw;
      const write = (event: LiveEvent) => {
        raw.write(
          event.kind === 'resync'
            ? 'event: resync\ndata: {}\n\n'
            : `event: ${event.kind}\ndata: ${JSON.stringify({ id: event.caseId })}\n\n`,
        );
      };
      const unsubscribe = live.subscribe(worker.helplineId, write);
      reply.hijack();
      raw.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-store',
        'x-content-type-options': 'nosniff',
        'x-accel-buffering': 'no',
        connection: 'keep-alive',
      });
      // `ready`: the stream listens now; the console reads the changes once so nothing before is missed.
      raw.write(`retry: ${RETRY_MS}\n\nevent: ready\ndata: {}\n\n`);
      const heartbeat = setInterval(() => raw.write(': keep-alive\n\n'), HEARTBEAT_MS);
      const sessionCheck = setInterval(() => {
        sessionStillValid(db, token, worker.id).then(
          (valid) => {
            if (valid) return;
            raw.write('event: signed-out\ndata: {}\n\n');
            end();
          },
          () => {}, // The database is away: the stream stays; the next check asks again.
        );
      }, SESSION_CHECK_MS);
      heartbeat.unref();
      sessionCheck.unref();
      const end = () => {
        clearInterval(heartbeat);
        clearInterval(sessionCheck);
        unsubscribe();
        streams.delete(end);
        if (!raw.writableEnded) raw.end();
      };
      streams.add(end);
      request.raw.once('close', end);
    },
  );
};
