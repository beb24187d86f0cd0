import { Socket } from 'node:net';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Db } from '../db/open-database.ts';
import { requireWorker } from './session-cookie.ts';

const STAFF_PREFIX = '/api/v1/staff/';

/** The staff routes that work without a session: signing in and out. */
export const PUBLIC_STAFF_ROUTES: ReadonlySet<string> = new Set([
  `${STAFF_PREFIX}prelogin`,
  `${STAFF_PREFIX}login`,
  `${STAFF_PREFIX}logout`,
  `${STAFF_PREFIX}passkey-login/options`,
  `${STAFF_PREFIX}passkey-login`,
]);

/** Bodies that need no session are small: an e-mail address, an authKey and a code, a WebAuthn assertion. */
export const PUBLIC_STAFF_BODY_LIMIT = 16 * 1024;

/**
 * After an early answer, a client may still be sending its body. Closing at once would reset the
 * connection and could destroy the answer before the client reads it, so the rest is discarded (never
 * kept) for a short while, up to a small amount, and then the connection is closed.
 */
const LINGER_BYTES = 1024 * 1024;
const LINGER_MS = 5_000;

function discardBrieflyThenClose(request: FastifyRequest): void {
  const { raw } = request;
  const socket = raw.socket;
  // Only a real connection (app.inject's stand-in has nothing to close).
  if (!(socket instanceof Socket) || raw.complete || socket.destroyed) return;
  const startedAt = socket.bytesRead;
  const close = () => {
    clearTimeout(timer);
    socket.off('data', onData);
    if (!raw.complete) socket.destroy();
  };
  const onData = () => {
    if (raw.complete) close();
    else if (socket.bytesRead - startedAt > LINGER_BYTES) close();
  };
  const timer = setTimeout(close, LINGER_MS);
  timer.unref();
  socket.on('data', onData);
  socket.once('close', () => clearTimeout(timer));
}

/**
 * Every staff route except sign-in checks the session cookie once the request line and headers have
 * arrived, before a byte of the body is read: without a session the answer is 401 at once, so a
 * stranger cannot make the server read (and hold) a large body. The worker found here is what the
 * route's own `requireWorker` gets, so the session is looked up once.
 */
export function registerStaffSessionGate(app: FastifyInstance, db: Db): void {
  // preParsing: after the rate limits (onRequest), so a flood of made-up cookies is still limited,
  // and before the body is read.
  app.addHook('preParsing', async (request, reply, payload) => {
    const route = request.routeOptions.url;
    if (!route?.startsWith(STAFF_PREFIX) || PUBLIC_STAFF_ROUTES.has(route)) return payload;
    try {
      await requireWorker(db, request);
    } catch (error) {
      reply.raw.once('finish', () => discardBrieflyThenClose(request));
      throw error;
    }
    return payload;
  });
}
