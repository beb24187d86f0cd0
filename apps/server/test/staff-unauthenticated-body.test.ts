import { connect } from 'node:net';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './support/test-app.ts';

type EarlyAnswer = { head: string; body: string; bodyBytesSent: number; declared: number };

/**
 * Sends a request that declares a `declared`-byte body over a raw socket, 64 KiB at a time, and stops
 * sending as soon as any answer arrives (or the server stops reading and closes). It reports how much
 * of the body went out before the answer: a server that reads the whole body first only answers once
 * every byte was sent.
 */
async function postLargeBody(url: string, path: string, declared: number, headers: string[] = []) {
  const { hostname, port } = new URL(url);
  const socket = connect({ host: hostname, port: Number(port) });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('error', reject);
  });
  let received = '';
  let ended = false;
  socket.on('data', (chunk: Buffer) => {
    received += chunk.toString('latin1');
  });
  const finished = new Promise<void>((resolve) => {
    const done = () => {
      ended = true;
      resolve();
    };
    socket.once('close', done);
    socket.once('end', done);
    // A reset after the answer (the server closed with unread bytes) ends the exchange too.
    socket.once('error', done);
  });
  const answered = () => received.includes('\r\n\r\n') || ended;
  socket.write(
    [
      `POST ${path} HTTP/1.1`,
      `Host: ${hostname}:${port}`,
      'Content-Type: text/csv',
      `Content-Length: ${declared}`,
      ...headers,
      '',
      '',
    ].join('\r\n'),
  );
  const chunk = Buffer.alloc(64 * 1024, 'a');
  let sent = 0;
  while (sent < declared && !answered()) {
    const piece = chunk.subarray(0, Math.min(chunk.length, declared - sent));
    const flushed = socket.write(piece);
    sent += piece.length;
    if (!flushed) {
      // The server is not reading: wait for it to read on, or for its answer.
      await Promise.race([new Promise((resolve) => socket.once('drain', resolve)), finished]);
    }
    await nextTurn();
  }
  // Wait for the whole answer (the head is enough for a problem with a content-length).
  while (!ended && !/\r\n\r\n[\s\S]*\}/.test(received)) {
    await Promise.race([new Promise((resolve) => socket.once('data', resolve)), finished]);
  }
  socket.destroy();
  const split = received.indexOf('\r\n\r\n');
  return {
    head: received.slice(0, split),
    body: received.slice(split + 4),
    bodyBytesSent: sent,
    declared,
  } satisfies EarlyAnswer;
}

/** The general per-client limit, high enough for this file's own requests from 127.0.0.1. */
const PER_IP = 40;

describe('staff routes check the session before reading a body', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp('pglite', { limits: { perIpPerMinute: PER_IP } });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('answers a 60 MiB hash list without a session cookie with 401 before the body is sent', async () => {
    const answer = await postLargeBody(t.url, '/api/v1/staff/known-hash-lists?source=test', 60 * 1024 * 1024);
    expect(answer.head).toMatch(/^HTTP\/1\.1 401 /);
    expect(answer.head.toLowerCase()).toContain('content-type: application/problem+json');
    expect(JSON.parse(answer.body).code).toBe('staff.signed-out');
    // The answer came while most of the body was still unsent: the server did not wait to read it.
    expect(answer.bodyBytesSent).toBeLessThan(answer.declared / 4);
  });

  it('does the same with a cookie that opens no session', async () => {
    const answer = await postLargeBody(
      t.url,
      '/api/v1/staff/known-hash-lists?source=test',
      60 * 1024 * 1024,
      [`Cookie: vangnet_session=${'a'.repeat(43)}`],
    );
    expect(answer.head).toMatch(/^HTTP\/1\.1 401 /);
    expect(answer.bodyBytesSent).toBeLessThan(answer.declared / 4);
  });

  it.each([
    ['POST', '/api/v1/staff/cases/x/messages'],
    ['POST', '/api/v1/staff/cases/x/metadata'],
    ['POST', '/api/v1/staff/cases/x/status'],
    ['POST', '/api/v1/staff/cases/x/assign'],
    ['POST', '/api/v1/staff/cases/x/take'],
    ['POST', '/api/v1/staff/cases/x/export'],
    ['PUT', '/api/v1/staff/cases/x/legal-hold'],
    ['POST', '/api/v1/staff/cases/x/referrals'],
    ['POST', '/api/v1/staff/workers'],
    ['POST', '/api/v1/staff/workers/x/disable'],
    ['POST', '/api/v1/staff/referrals/x/retry'],
  ] as const)(
    '%s %s without a session: 401 before the (too large) body is looked at',
    async (method, url) => {
      const response = await t.app.inject({
        method,
        url,
        headers: { 'content-type': 'application/json' },
        payload: JSON.stringify({ pad: 'p'.repeat(2 * 1024 * 1024) }),
      });
      expect(response.statusCode).toBe(401);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.json().code).toBe('staff.signed-out');
    },
  );

  it('requests without a session still count toward the per-client limit', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < PER_IP + 5; i++) {
      const response = await t.app.inject({
        method: 'GET',
        url: '/api/v1/staff/cases',
        remoteAddress: '198.51.100.40',
        headers: { cookie: `vangnet_session=${'b'.repeat(43)}` },
      });
      statuses.push(response.statusCode);
    }
    expect(statuses).toEqual([...Array(PER_IP).fill(401), ...Array(5).fill(429)]);
  });

  it('keeps sign-in bodies small: a large login body is refused as too large', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/staff/login',
      payload: { email: 'x@example.org', authKey: 'a'.repeat(64), totp: '123456', pad: 'p'.repeat(200_000) },
    });
    expect(response.statusCode).toBe(413);
    expect(response.headers['content-type']).toContain('application/problem+json');
  });

  it('still lets anyone sign out and sign in without a session', async () => {
    const logout = await t.app.inject({ method: 'POST', url: '/api/v1/staff/logout' });
    expect(logout.statusCode).toBe(204);
    const prelogin = await t.app.inject({
      method: 'POST',
      url: '/api/v1/staff/prelogin',
      payload: { email: 'someone@example.org' },
    });
    expect(prelogin.statusCode).toBe(200);
  });
});
