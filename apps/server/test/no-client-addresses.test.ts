import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { deriveWorkerSecrets, sealJson, toBase64 } from '@vangnet/crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, startServer } from '../src/server.ts';
import { ensureHelpline } from '../src/services/helpline.ts';
import { currentTotpCode } from '../src/staff/totp.ts';
import {
  addHelpline,
  addWorker,
  awaitFreshTotpStep,
  type TestHelpline,
  type TestWorker,
} from './staff-fixtures.ts';
import { databaseKinds } from './support/databases.ts';
import { prepareReport } from './support/reporter-client.ts';
import { dumpAllTables } from './support/table-dump.ts';
import type { TestApp } from './support/test-app.ts';

/**
 * Issue 9: every request line carried `remoteAddress` (behind a proxy, the forwarded one), and
 * `POST /api/v1/reports` lines with a millisecond time lined up with `reports.created_at`. The real
 * server, logging at trace into a captured stream, serves a run of reporter, staff, partner and
 * operator requests from a distinctive socket address (127.0.0.77) that also sends
 * `X-Forwarded-For: 203.0.113.9` with TRUST_PROXY on. Neither address may appear in any log line or
 * any table, and no log line is written for the reporter's routes at all.
 */
const SOCKET_ADDRESS = '127.0.0.77';
const FORWARDED_ADDRESS = '203.0.113.9';

type Answer = { status: number; headers: Record<string, string | string[] | undefined>; text: string };

describe.each(databaseKinds())('client addresses on %s', (kind) => {
  let server: RunningServer;
  let dataDir: string;
  let logs = '';
  const pgSchema = kind === 'postgres' ? `test_${randomBytes(6).toString('hex')}` : undefined;
  const socketAddresses = new Set<string>();
  let helpline: TestHelpline;
  let admin: TestWorker;

  /** One HTTP request from 127.0.0.77, through a "proxy" that says the client was 203.0.113.9. */
  function call(
    method: string,
    path: string,
    options: { headers?: Record<string, string>; body?: string | Uint8Array } = {},
  ): Promise<Answer> {
    const url = new URL(path, server.url);
    return new Promise((resolve, reject) => {
      const req = httpRequest(
        {
          host: url.hostname,
          port: url.port,
          path: url.pathname + url.search,
          method,
          localAddress: SOCKET_ADDRESS,
          headers: { 'x-forwarded-for': FORWARDED_ADDRESS, ...options.headers },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () =>
            resolve({
              status: res.statusCode ?? 0,
              headers: res.headers,
              text: Buffer.concat(chunks).toString('utf8'),
            }),
          );
        },
      );
      req.on('error', reject);
      req.end(options.body);
    });
  }
  const json = (body: unknown) => ({
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'vangnet-addresses-'));
    const sink = new Writable({
      write(chunk, _encoding, done) {
        logs += chunk.toString();
        done();
      },
    });
    server = await startServer({
      port: 0,
      host: '127.0.0.1',
      dataDir,
      ...(pgSchema ? { databaseUrl: process.env.DATABASE_URL, pgSchema } : {}),
      logLevel: 'trace',
      logStream: sink,
      // The test client (127.0.0.77) plays the proxy, so its X-Forwarded-For is believed and must not be logged either.
      trustProxy: ['loopback'],
      serveApps: false,
      // Low, so the run also goes through the limiter's refusal.
      limits: { submissionsPerIpPerHour: 4 },
    });
    server.app.server.on('connection', (socket) => socketAddresses.add(String(socket.remoteAddress)));
    const { db } = server.deps;
    helpline = await addHelpline(db, 'NL', await ensureHelpline(db, server.deps.pack));
    admin = await addWorker(db, helpline, 'admin');
  });
  afterAll(async () => {
    try {
      if (pgSchema) await server?.deps.db.execute(`DROP SCHEMA IF EXISTS "${pgSchema}" CASCADE` as never);
    } finally {
      await server?.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('writes neither address to any log line or table, and no log line for reporter routes', async () => {
    // The reporter: config, a report with one evidence item over tus, follow-up, a message, mistakes.
    expect((await call('GET', '/api/v1/config')).status).toBe(200);
    const prepared = await prepareReport({ app: server.app } as TestApp, {
      items: [new TextEncoder().encode('evidence')],
    });
    const submitted = await call('POST', '/api/v1/reports', {
      ...json(prepared.request),
      headers: { 'content-type': 'application/json', 'idempotency-key': randomUUID() },
    });
    expect(submitted.status, submitted.text).toBe(201);
    const reportId = JSON.parse(submitted.text).reportId as string;
    const item = prepared.items[0]!;
    const token = prepared.keys.accessToken;
    const tus = { 'tus-resumable': '1.0.0', authorization: `Bearer ${token}` };
    const b64 = (s: string) => Buffer.from(s).toString('base64');
    const created = await call('POST', '/api/v1/uploads', {
      headers: {
        ...tus,
        'upload-length': String(item.sealed.byteLength),
        'upload-metadata': `reportId ${b64(reportId)},itemId ${b64(item.id)}`,
      },
    });
    expect(created.status, created.text).toBe(201);
    const location = String(created.headers.location);
    expect((await call('HEAD', location, { headers: tus })).status).toBe(200);
    const patched = await call('PATCH', location, {
      headers: { ...tus, 'upload-offset': '0', 'content-type': 'application/offset+octet-stream' },
      body: item.sealed,
    });
    expect(patched.status, patched.text).toBe(204);
    const auth = { authorization: `Bearer ${token}` };
    expect((await call('GET', '/api/v1/reports/self', { headers: auth })).status).toBe(200);
    const wrongToken = { authorization: `Bearer ${'0'.repeat(64)}` };
    expect((await call('GET', '/api/v1/reports/self', { headers: wrongToken })).status).toBe(404);
    const sealed = toBase64(await sealJson({ version: 1, text: 'hoi' }, [prepared.keys.recipient]));
    const message = await call('POST', '/api/v1/reports/self/messages', {
      headers: { ...auth, 'content-type': 'application/json', 'idempotency-key': randomUUID() },
      body: JSON.stringify({ sealed }),
    });
    expect(message.status, message.text).toBe(201);
    const badReport = { ...prepared.request, metadata: { ...prepared.request.metadata, category: 'x' } };
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) {
      const res = await call('POST', '/api/v1/reports', {
        ...json(badReport),
        headers: { 'content-type': 'application/json', 'idempotency-key': randomUUID() },
      });
      statuses.push(res.status);
    }
    expect(statuses).toContain(400);
    expect(statuses.at(-1)).toBe(429);
    expect((await call('GET', '/nowhere')).status).toBe(404);

    // Staff: a wrong code, a sign-in, case work, a known-hash import; a partner; the operator.
    const prelogin = await call('POST', '/api/v1/staff/prelogin', json({ email: admin.email }));
    const { authKey } = await deriveWorkerSecrets(admin.password, JSON.parse(prelogin.text).kdfSalt);
    await awaitFreshTotpStep();
    const wrong = await call(
      'POST',
      '/api/v1/staff/login',
      json({ email: admin.email, authKey, totp: '000000' }),
    );
    expect(wrong.status).toBe(401);
    const login = await call(
      'POST',
      '/api/v1/staff/login',
      json({ email: admin.email, authKey, totp: currentTotpCode(admin.totpSecret) }),
    );
    expect(login.status, login.text).toBe(200);
    const cookie = String(login.headers['set-cookie']).split(';')[0]!;
    const staff = (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
      call(method, path, {
        headers: {
          cookie,
          ...headers,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    expect((await staff('GET', '/api/v1/staff/me')).status).toBe(200);
    expect((await staff('GET', '/api/v1/staff/cases')).status).toBe(200);
    expect((await staff('GET', `/api/v1/staff/cases/${reportId}`)).status).toBe(200);
    const reply = toBase64(await sealJson({ version: 1, text: 'hallo' }, [helpline.recipient]));
    const sent = await staff(
      'POST',
      `/api/v1/staff/cases/${reportId}/messages`,
      { sealed: reply },
      {
        'idempotency-key': randomUUID(),
      },
    );
    expect(sent.status, sent.text).toBe(201);
    // The reply was the first contact (new → contacted); the worker moves it on from there.
    expect(
      (await staff('POST', `/api/v1/staff/cases/${reportId}/status`, { status: 'in-progress' })).status,
    ).toBe(200);
    expect((await staff('POST', `/api/v1/staff/cases/${reportId}/export`)).status).toBe(200);
    const imported = await call('POST', '/api/v1/staff/known-hash-lists?source=test', {
      headers: { cookie, 'content-type': 'text/csv' },
      body: `md5\n${randomBytes(16).toString('hex')}\n`,
    });
    expect(imported.status, imported.text).toBe(201);
    expect((await staff('GET', '/api/v1/staff/known-hash-lists')).status).toBe(200);
    expect((await call('GET', '/api/v1/staff/cases')).status).toBe(401);
    expect((await staff('POST', '/api/v1/staff/logout')).status).toBe(204);
    expect((await call('GET', `/api/v1/partner/referrals/${randomUUID()}`)).status).toBeLessThan(500);
    expect((await call('GET', '/healthz')).status).toBe(200);

    // The requests did come from the distinctive address, and the server did log at trace.
    expect([...socketAddresses].some((a) => a.endsWith(SOCKET_ADDRESS))).toBe(true);
    const lines = logs
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { msg?: string; req?: { path?: string; url?: string } });
    const pathIn = (l: (typeof lines)[number]) => l.req?.path ?? l.req?.url ?? '';
    expect(lines.some((l) => l.msg === 'incoming request' && pathIn(l) === '/api/v1/staff/cases')).toBe(true);

    for (const address of [SOCKET_ADDRESS, FORWARDED_ADDRESS]) {
      expect(logs.includes(address), `${address} in the logs`).toBe(false);
      expect(logs.includes(Buffer.from(address).toString('hex')), `${address} (hex) in the logs`).toBe(false);
    }
    expect(logs).not.toMatch(/remoteAddress|remotePort/);
    // No request line at all for the reporter's routes: nothing to line up with reports.created_at.
    const reporterLines = lines.filter((l) =>
      /^\/(api\/v1\/(reports|uploads|config)|nowhere)/.test(pathIn(l)),
    );
    expect(reporterLines).toEqual([]);

    const dump = await dumpAllTables(server.deps.db);
    expect(dump).toContain(reportId);
    for (const address of [SOCKET_ADDRESS, FORWARDED_ADDRESS]) {
      expect(dump.includes(address), `${address} in a table`).toBe(false);
    }
  });
});
