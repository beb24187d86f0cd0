import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { Upload as TusUpload } from 'tus-js-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseKind } from '../src/db/open-database.ts';
import { openDatabase } from '../src/db/open-database.ts';
import { runDueJobs } from '../src/jobs/worker.ts';
import { finishStagedUploads } from '../src/uploads/finish-upload.ts';
import { scheduleUploadSweep, uploadSweepHandlers } from '../src/uploads/jobs.ts';
import { StagedUploadStore, UPLOAD_EXPIRY_MS } from '../src/uploads/staged-upload-store.ts';
import { databaseKinds, type TestDatabase } from './support/databases.ts';
import {
  freePort,
  holdLastPatch,
  type ServerProcess,
  serverStorage,
  spawnServer,
  startTcpProxy,
} from './support/faults.ts';
import { type PreparedReport, prepareReport, uploadItem } from './support/reporter-client.ts';
import { startTestApp, type TestApp } from './support/test-app.ts';

// "A report must never be lost": the database fails, or the server dies, between the last byte of the
// last evidence item and the moment the server records it. Each time the report must reach the
// helpline's queue exactly once: status `new`, one `visible` event, one countersigned receipt.

type Self = {
  status: string;
  timeline: { event: string }[];
  receipt?: { items: { id: string }[] };
  signature?: string;
};

async function selfAt(base: string, token: string): Promise<Self> {
  const res = await fetch(`${base}/api/v1/reports/self`, { headers: { authorization: `Bearer ${token}` } });
  if (res.status !== 200) throw new Error(`/reports/self answered ${res.status}`);
  return (await res.json()) as Self;
}

/** In the queue exactly once: `new`, one `visible`, one arrival per item, a receipt listing every item. */
function expectInQueueOnce(self: Self, items: number): void {
  expect(self.status).toBe('new');
  expect(self.timeline.filter((e) => e.event === 'visible')).toHaveLength(1);
  expect(self.timeline.filter((e) => e.event === 'evidence-received')).toHaveLength(items);
  expect(self.receipt?.items).toHaveLength(items);
  expect(self.signature).toBeTruthy();
}

function randomItem(bytes: number): Uint8Array {
  const out = new Uint8Array(bytes);
  for (let i = 0; i < bytes; i += 65_536) out.set(randomBytes(Math.min(65_536, bytes - i)), i);
  return out;
}

/** Waits (polling the disk, no fixed sleep) until the staged file of an upload holds `size` bytes. */
async function stagedReaches(dataDir: string, uploadUrl: string, size: number): Promise<void> {
  const file = join(dataDir, 'uploads', uploadUrl.split('/').at(-1)!);
  for (;;) {
    if ((statSync(file, { throwIfNoEntry: false })?.size ?? 0) >= size) return;
    await new Promise((r) => setTimeout(r, 2));
  }
}

/** A database the test can take away from the running server, and give back. */
type Cuttable = { t: TestApp; cut(): Promise<void>; restore(): Promise<void> };

/**
 * PostgreSQL: the server reaches it through a TCP proxy of the test's; `cut` drops every connection
 * and refuses new ones, as a failed database or network does.
 *
 * PGlite runs inside the server's own process: there is no connection to cut. Its honest equivalent is
 * the real database refusing the server's queries: the evidence table is renamed away, so every query
 * on it fails inside the database with a real error, and renamed back to restore. (The process dying
 * at that moment is the other test below, which runs on PGlite too.)
 */
async function startCuttable(kind: DatabaseKind): Promise<Cuttable> {
  if (kind === 'pglite') {
    const t = await startTestApp('pglite');
    return {
      t,
      cut: async () => {
        await t.deps.db.execute(sql.raw('ALTER TABLE report_items RENAME TO report_items_cut_away'));
      },
      restore: async () => {
        await t.deps.db.execute(sql.raw('ALTER TABLE report_items_cut_away RENAME TO report_items'));
      },
    };
  }
  const direct = new URL(process.env.DATABASE_URL!);
  const proxy = await startTcpProxy({ host: direct.hostname, port: Number(direct.port || 5432) });
  const viaProxy = new URL(direct);
  viaProxy.hostname = '127.0.0.1';
  viaProxy.port = String(proxy.port);
  const pgSchema = `test_${randomBytes(6).toString('hex')}`;
  const dataDir = mkdtempSync(join(tmpdir(), 'vangnet-fault-'));
  const opened = await openDatabase({ dataDir, databaseUrl: viaProxy.href, pgSchema });
  const database: TestDatabase = {
    ...opened,
    dataDir,
    pgSchema,
    close: async () => {
      proxy.restore();
      try {
        await opened.db.execute(sql.raw(`DROP SCHEMA IF EXISTS "${pgSchema}" CASCADE`));
      } finally {
        await opened.close();
        await proxy.close();
        rmSync(dataDir, { recursive: true, force: true });
      }
    },
  };
  const t = await startTestApp('postgres', {}, database);
  return {
    t,
    cut: async () => proxy.cut(),
    restore: async () => proxy.restore(),
  };
}

/** Submits a report with two items and uploads the first one whole, so the second is the last. */
async function reportWithLastItemLeft(t: TestApp) {
  const prepared = await prepareReport(t, { items: [randomItem(70_000), randomItem(256 * 1024)] });
  const token = prepared.keys.accessToken;
  const created = await t.app.inject({
    method: 'POST',
    url: '/api/v1/reports',
    headers: { 'idempotency-key': crypto.randomUUID() },
    payload: prepared.request,
  });
  const { reportId } = created.json() as { reportId: string };
  const [first, last] = prepared.items as [PreparedReport['items'][0], PreparedReport['items'][0]];
  expect((await uploadItem(t, token, reportId, first.id, first.sealed)).status).toBe(204);
  return { prepared, token, reportId, last };
}

describe.each(databaseKinds())('database cut at the last upload on %s', (kind) => {
  let c: Cuttable;
  beforeAll(async () => {
    c = await startCuttable(kind);
  });
  afterAll(async () => {
    await c?.t.close();
  });

  it('the last PATCH fails with the database; HEAD never calls the upload complete before the record; the client resumes and the report reaches the queue once', async () => {
    const { t } = c;
    const { token, reportId, last } = await reportWithLastItemLeft(t);
    let lastPatchStatus = 0;
    let headWhileCut: { status: number; offset: string | null } | undefined;
    await new Promise<void>((resolve, reject) => {
      const upload: TusUpload = new TusUpload(Buffer.from(last.sealed), {
        endpoint: `${t.url}/api/v1/uploads`,
        headers: { authorization: `Bearer ${token}` },
        metadata: { reportId, itemId: last.id },
        chunkSize: 64 * 1024,
        // The app's own retry schedule: the retry after the failed PATCH is a HEAD.
        retryDelays: [0, 200, 1000, 3000],
        httpStack: holdLastPatch({
          total: last.sealed.byteLength,
          // The server is inside the last PATCH (half of it is on disk): the database goes away now.
          whileStreaming: async (sentBefore) => {
            await stagedReaches(t.deps.config.dataDir, upload.url!, sentBefore);
            await c.cut();
          },
          afterLastPatch: async (status) => {
            lastPatchStatus = status;
            // Every byte is staged, the item is not recorded: HEAD must not say "complete".
            const head = await fetch(upload.url!, {
              method: 'HEAD',
              headers: { 'tus-resumable': '1.0.0', authorization: `Bearer ${token}` },
            });
            headWhileCut = { status: head.status, offset: head.headers.get('upload-offset') };
            await c.restore();
          },
        }),
        onSuccess: () => resolve(),
        onError: reject,
      });
      upload.start();
    });
    expect(lastPatchStatus).toBe(500);
    expect(headWhileCut).toBeDefined();
    expect(headWhileCut!.status === 200 && Number(headWhileCut!.offset) === last.sealed.byteLength).toBe(
      false,
    );
    expectInQueueOnce(await selfAt(t.url, token), 2);
    expect(
      Buffer.compare(Buffer.from(await t.deps.blobs.getBytes(`reports/${reportId}/${last.id}`)), last.sealed),
    ).toBe(0);
  });

  it('a phone that never comes back: the sweep job finishes the upload, two replicas at once record it once, and a later HEAD says complete', async () => {
    const { t } = c;
    const { token, reportId, last } = await reportWithLastItemLeft(t);
    let uploadUrl = '';
    const failure = await new Promise<unknown>((resolve) => {
      const upload: TusUpload = new TusUpload(Buffer.from(last.sealed), {
        endpoint: `${t.url}/api/v1/uploads`,
        headers: { authorization: `Bearer ${token}` },
        metadata: { reportId, itemId: last.id },
        chunkSize: 64 * 1024,
        retryDelays: [],
        httpStack: holdLastPatch({
          total: last.sealed.byteLength,
          whileStreaming: async (sentBefore) => {
            uploadUrl = upload.url!;
            await stagedReaches(t.deps.config.dataDir, upload.url!, sentBefore);
            await c.cut();
          },
        }),
        onSuccess: () => resolve(undefined),
        onError: (error) => resolve(error),
      });
      upload.start();
    });
    expect(failure).toBeInstanceOf(Error);
    await c.restore();
    expect((await selfAt(t.url, token)).status).toBe('awaiting-evidence');

    // Two replicas sharing one staging volume (seen here under two paths) and the job loop all
    // finish it at the same moment.
    const uploads = join(t.deps.config.dataDir, 'uploads');
    const otherMount = join(t.deps.config.dataDir, 'uploads-other-mount');
    symlinkSync(uploads, otherMount);
    await scheduleUploadSweep(t.deps.db);
    const [, a, b] = await Promise.all([
      runDueJobs({ db: t.deps.db, handlers: uploadSweepHandlers(t.deps) }),
      finishStagedUploads(t.deps, await StagedUploadStore.create(uploads, UPLOAD_EXPIRY_MS)),
      finishStagedUploads(t.deps, await StagedUploadStore.create(otherMount, UPLOAD_EXPIRY_MS)),
    ]);
    expect(a.failed + b.failed).toBe(0);
    expectInQueueOnce(await selfAt(t.url, token), 2);

    // The phone comes back much later: the upload is complete, nothing is sent or recorded again.
    await new Promise<void>((resolve, reject) => {
      new TusUpload(Buffer.from(last.sealed), {
        uploadUrl,
        headers: { authorization: `Bearer ${token}` },
        retryDelays: [],
        onSuccess: () => resolve(),
        onError: reject,
      }).start();
    });
    expectInQueueOnce(await selfAt(t.url, token), 2);
    // Only an empty marker is left of the staged bytes.
    expect(readFileSync(join(uploads, uploadUrl.split('/').at(-1)!)).byteLength).toBe(0);
  });
});

/** A TestApp-shaped view of a server process, for `prepareReport` (it only reads /api/v1/config). */
function overHttp(url: string): TestApp {
  const inject = async (options: { url: string }) => {
    const body = (await (await fetch(`${url}${options.url}`)).json()) as unknown;
    return { json: () => body };
  };
  return { url, app: { inject } } as unknown as TestApp;
}

describe.each(databaseKinds())('server killed between the last byte and the record on %s', (kind) => {
  it('after a restart on the same data the client resumes and the report reaches the queue once', {
    timeout: 300_000,
  }, async () => {
    const storage = await serverStorage(kind);
    const port = await freePort();
    const env = { ...storage.env, PORT: String(port), HOST: '127.0.0.1' };
    let server: ServerProcess | undefined = await spawnServer(env);
    try {
      const base = server.url;
      // Large enough that hashing and storing it takes a moment after the last byte: the window the
      // test stops the process in. The test checks it really stopped there (see below).
      const size = 12 * 1024 * 1024;
      let hit: { prepared: PreparedReport; reportId: string; uploadUrl: string } | undefined;
      for (let attempt = 0; attempt < 3 && !hit; attempt++) {
        const prepared = await prepareReport(overHttp(base), { items: [randomItem(size)] });
        const item = prepared.items[0]!;
        const created = await fetch(`${base}/api/v1/reports`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'idempotency-key': crypto.randomUUID() },
          body: JSON.stringify(prepared.request),
        });
        const { reportId } = (await created.json()) as { reportId: string };
        let uploadUrl = '';
        const outcome = new Promise<unknown>((resolve) => {
          const upload: TusUpload = new TusUpload(Buffer.from(item.sealed), {
            endpoint: `${base}/api/v1/uploads`,
            headers: { authorization: `Bearer ${prepared.keys.accessToken}` },
            metadata: { reportId, itemId: item.id },
            chunkSize: 4 * 1024 * 1024,
            retryDelays: [],
            onUploadUrlAvailable: () => {
              uploadUrl = upload.url!;
            },
            onSuccess: () => resolve(undefined),
            onError: (error) => resolve(error),
          });
          upload.start();
        });
        // The moment the last byte is on disk, freeze the server...
        while (!uploadUrl) await new Promise((r) => setImmediate(r));
        const staged = join(storage.dataDir, 'uploads', uploadUrl.split('/').at(-1)!);
        while ((statSync(staged, { throwIfNoEntry: false })?.size ?? 0) < item.sealed.byteLength) {
          await new Promise((r) => setImmediate(r));
        }
        server.child.kill('SIGSTOP');
        // ...and check it is before the record: the item is recorded only after its blob is stored.
        const blob = join(storage.dataDir, 'blobs', 'reports', reportId, item.id);
        if (existsSync(blob)) {
          // Too late this time (a busy machine): let it finish and try again with a new report.
          server.child.kill('SIGCONT');
          await outcome;
          continue;
        }
        server.child.kill('SIGKILL');
        await server.exited;
        expect(await outcome).toBeInstanceOf(Error);
        hit = { prepared, reportId, uploadUrl };
      }
      expect(hit, 'the server was never stopped between the last byte and the record').toBeDefined();
      const { prepared, reportId, uploadUrl } = hit!;
      const item = prepared.items[0]!;

      // Restart on the same data folder and database; the phone tries again and resumes.
      server = await spawnServer(env);
      await new Promise<void>((resolve, reject) => {
        new TusUpload(Buffer.from(item.sealed), {
          uploadUrl,
          headers: { authorization: `Bearer ${prepared.keys.accessToken}` },
          retryDelays: [0, 500, 2000],
          onSuccess: () => resolve(),
          onError: reject,
        }).start();
      });
      expectInQueueOnce(await selfAt(server.url, prepared.keys.accessToken), 1);
      const stored = readFileSync(join(storage.dataDir, 'blobs', 'reports', reportId, item.id));
      expect(Buffer.compare(stored, item.sealed)).toBe(0);
    } finally {
      if (server && server.child.exitCode === null && server.child.signalCode === null) {
        server.child.kill('SIGTERM');
        await server.exited;
      }
      await storage.drop();
    }
  });
});
