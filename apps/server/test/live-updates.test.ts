import { randomUUID } from 'node:crypto';
import { generateSigningKey, sealJson, toBase64 } from '@vangnet/crypto';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseKind } from '../src/db/open-database.ts';
import { openDatabase } from '../src/db/open-database.ts';
import { sessions } from '../src/db/schema/index.ts';
import { LiveFeed } from '../src/live/live-feed.ts';
import { ensureHelpline } from '../src/services/helpline.ts';
import { sessionIdOf } from '../src/staff/session-token.ts';
import { endSession, sessionStillValid, startSession } from '../src/staff/sessions.ts';
import { addHelpline, addWorker, signInAs, type TestHelpline } from './staff-fixtures.ts';
import { databaseKinds, openTestDatabase, type TestDatabase } from './support/databases.ts';
import { prepareReport, submit } from './support/reporter-client.ts';
import { openSse, type SseStream } from './support/sse-client.ts';
import { startTestApp, type TestApp } from './support/test-app.ts';

/**
 * Issue 14, live updates: a case created through replica A and a reporter's message sent through it
 * reach a console streaming from replica B (PostgreSQL NOTIFY, fanned out per replica), as ids only,
 * and only to that helpline's workers. On the embedded database one process does both sides.
 */
describe.each(databaseKinds())('live updates on %s', (kind: DatabaseKind) => {
  let database: TestDatabase;
  const replicas: TestApp[] = [];
  const feeds: LiveFeed[] = [];
  let helpline: TestHelpline;
  const streams: SseStream[] = [];

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    const signingKey = generateSigningKey();
    // PostgreSQL: two replicas, each with a pool and a LISTEN connection of its own. PGlite: one process.
    for (let i = 0; i < (kind === 'postgres' ? 2 : 1); i++) {
      const opened =
        i === 0
          ? database
          : {
              ...(await openDatabase({
                dataDir: database.dataDir,
                databaseUrl: process.env.DATABASE_URL!,
                pgSchema: database.pgSchema!,
              })),
              dataDir: database.dataDir,
            };
      const live = await LiveFeed.start(opened);
      feeds.push(live);
      replicas.push(await startTestApp(kind, { live, signingKey }, opened));
    }
    const id = await ensureHelpline(database.db, replicas[0]!.deps.pack);
    helpline = await addHelpline(database.db, 'NL', id);
  });
  afterAll(async () => {
    for (const s of streams) s.close();
    for (const f of feeds) await f.close();
    for (const r of [...replicas].reverse()) await r.close();
  });

  const a = () => replicas[0]!;
  const b = () => replicas.at(-1)!;

  async function streamAs(helplineOf: TestHelpline): Promise<SseStream> {
    const worker = await addWorker(database.db, helplineOf, 'caseworker');
    const { cookie } = await signInAs(b().app, worker);
    const stream = await openSse(`${b().url}/api/v1/staff/events`, { cookie });
    streams.push(stream);
    await expect.poll(() => stream.events.map((e) => e.event)).toContain('ready');
    return stream;
  }

  it('a case created through A and a message sent through it reach a console on B, ids only', async () => {
    const console = await streamAs(helpline);
    const other = await streamAs(await addHelpline(database.db, 'NL'));
    const prepared = await prepareReport(a());
    const created = await submit(a(), prepared.request);
    expect(created.statusCode).toBe(201);
    const reportId = created.json().reportId as string;
    await expect
      .poll(() => console.events.filter((e) => e.event === 'case').map((e) => e.data))
      .toContain(JSON.stringify({ id: reportId }));

    const sent = await a().app.inject({
      method: 'POST',
      url: '/api/v1/reports/self/messages',
      headers: { authorization: `Bearer ${prepared.keys.accessToken}`, 'idempotency-key': randomUUID() },
      payload: { sealed: toBase64(await sealJson({ version: 1, text: 'nog iets' }, [helpline.recipient])) },
    });
    expect(sent.statusCode).toBe(201);
    await expect
      .poll(() => console.events.filter((e) => e.event === 'message').map((e) => e.data))
      .toContain(JSON.stringify({ id: reportId }));
    // Nothing but a kind and an id: every event's data is `{"id": …}` or empty.
    for (const e of console.events)
      expect(Object.keys(JSON.parse(e.data))).toEqual(e.event === 'ready' ? [] : ['id']);
    // Fan-out is synchronous per process: by now another helpline's console would have heard it too.
    expect(other.events.map((e) => e.event)).toEqual(['ready']);
  });

  it.runIf(kind === 'postgres')(
    'a replica whose LISTEN connection is cut reconnects, tells its consoles to resync, and goes on',
    async () => {
      const stream = await streamAs(helpline);
      const { db } = database;
      // Every live listener on this schema's channel: B's and A's. The server cuts them, as a failover would.
      await db.execute(
        sql`select pg_terminate_backend(pid) from pg_stat_activity
            where application_name = ${`vangnet_live_${database.pgSchema}`}`,
      );
      await expect.poll(() => stream.events.map((e) => e.event), { timeout: 15_000 }).toContain('resync');
      const created = await submit(a(), (await prepareReport(a())).request);
      await expect
        .poll(() => stream.events.filter((e) => e.event === 'case').map((e) => e.data))
        .toContain(JSON.stringify({ id: created.json().reportId as string }));
    },
  );

  it("checking an open stream's session does not move its idle expiry, and sees it end", async () => {
    const { db } = database;
    const worker = await addWorker(db, helpline, 'caseworker');
    const token = await startSession(db, worker.id, new Date());
    const expiry = async () =>
      (
        await db
          .select()
          .from(sessions)
          .where(eq(sessions.id, sessionIdOf(token)))
      )[0]?.expiresAt.getTime();
    const before = await expiry();
    expect(await sessionStillValid(db, token, worker.id, new Date(Date.now() + 60_000))).toBe(true);
    expect(await expiry()).toBe(before);
    expect(await sessionStillValid(db, token, 'someone-else')).toBe(false);
    await endSession(db, token);
    expect(await sessionStillValid(db, token, worker.id)).toBe(false);
  });

  it('answers 401 without a session, and 503 where the server has no live feed (the console then polls)', async () => {
    const res = await b().app.inject({ url: '/api/v1/staff/events' });
    expect(res.statusCode).toBe(401);
    const plain = await startTestApp(kind, {}, undefined);
    try {
      const id = await ensureHelpline(plain.deps.db, plain.deps.pack);
      const worker = await addWorker(plain.deps.db, await addHelpline(plain.deps.db, 'NL', id), 'caseworker');
      const { cookie } = await signInAs(plain.app, worker);
      const refused = await plain.app.inject({ url: '/api/v1/staff/events', headers: { cookie } });
      expect(refused.statusCode).toBe(503);
      expect(refused.json().code).toBe('live.unavailable');
    } finally {
      await plain.close();
    }
  });
});
