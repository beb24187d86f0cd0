import { randomBytes } from 'node:crypto';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as crypto from '@vangnet/crypto';
import { eq } from 'drizzle-orm';
import { Upload as TusUpload } from 'tus-js-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCase } from '../../console/src/case/open-case.ts';
import type { CaseDetail } from '../../console/src/lib/types.ts';
import { loadActivePack } from '../src/active-pack.ts';
import { repoRoot } from '../src/config.ts';
import { type OpenedDatabase, openDatabase } from '../src/db/open-database.ts';
import { helplineRecipients, stagedUploads } from '../src/db/schema/index.ts';
import { ensureHelpline } from '../src/services/helpline.ts';
import { loadOrCreateSigningKey } from '../src/signing-key.ts';
import { currentTotpCode } from '../src/staff/totp.ts';
import { totpKeyOf, useTotpKey } from '../src/staff/totp-at-rest.ts';
import { addWorker, type TestWorker } from './staff-fixtures.ts';
import { freePort, type ServerProcess, serverStorage, spawnServer } from './support/faults.ts';
import { prepareReport } from './support/reporter-client.ts';
import { S3RVER_CREDENTIALS, startS3Server, type TestS3Server } from './support/s3-server.ts';
import type { TestApp } from './support/test-app.ts';

// Issue 14: "An evidence upload started on replica A and finished on replica B after A is killed
// verifies in the console." Two real server processes on one PostgreSQL and one S3-compatible server
// (s3rver); neither has a disk the other can see. A is SIGKILLed while a PATCH is on the wire; B
// answers HEAD with the offset A committed, takes the rest, and the case opens in the console's own
// code (apps/console/src/case/open-case.ts) with every check holding.

/** A TestApp-shaped view of a server process, for `prepareReport` (it only reads /api/v1/config). */
function overHttp(url: string): TestApp {
  const inject = async (options: { url: string }) => {
    const body = (await (await fetch(`${url}${options.url}`)).json()) as unknown;
    return { json: () => body };
  };
  return { url, app: { inject } } as unknown as TestApp;
}

/** What the console does to sign in: prelogin → derive → login; returns the session cookie. */
async function signIn(base: string, worker: TestWorker): Promise<string> {
  const post = (path: string, body: unknown) =>
    fetch(`${base}/api/v1/staff/${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  const { kdfSalt } = (await (await post('prelogin', { email: worker.email })).json()) as { kdfSalt: string };
  const { authKey } = await crypto.deriveWorkerSecrets(worker.password, kdfSalt);
  const login = await post('login', {
    email: worker.email,
    authKey,
    totp: currentTotpCode(worker.totpSecret),
  });
  expect(login.status).toBe(200);
  return (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
}

const describeOnPostgres = process.env.DATABASE_URL ? describe : describe.skip;

describeOnPostgres('two replicas, one PostgreSQL, one object store', () => {
  let s3: TestS3Server;
  let storage: Awaited<ReturnType<typeof serverStorage>>;
  let database: OpenedDatabase;
  let dataDirB: string;
  const running: ServerProcess[] = [];

  beforeAll(async () => {
    s3 = await startS3Server();
    storage = await serverStorage('postgres');
  });
  afterAll(async () => {
    for (const server of running) {
      if (server.child.exitCode === null && server.child.signalCode === null) {
        server.child.kill('SIGTERM');
        await server.exited;
      }
    }
    await database?.close();
    await storage?.drop();
    await s3?.close();
    if (dataDirB) rmSync(dataDirB, { recursive: true, force: true });
  });

  it('an upload started on A, which is killed mid-PATCH, is finished on B and verifies in the console', {
    timeout: 240_000,
  }, async () => {
    const env = { ...storage.env, ...s3.env, HOST: '127.0.0.1' };
    const a = await spawnServer({ ...env, PORT: String(await freePort()) });
    running.push(a);
    // B shares A's signing key (docs/operating-at-scale.md: one key file for every replica), nothing else.
    dataDirB = mkdtempSync(join(tmpdir(), 'vangnet-replica-b-'));
    copyFileSync(join(storage.dataDir, 'signing-key.json'), join(dataDirB, 'signing-key.json'));

    // The helpline's key and a case worker, in the shared database.
    database = await openDatabase({ dataDir: dataDirB, databaseUrl: storage.env.DATABASE_URL! });
    // TOTP secrets are sealed at rest with a key derived from the servers' signing key.
    useTotpKey(database.db, totpKeyOf(loadOrCreateSigningKey(dataDirB).privateKey));
    const pack = await loadActivePack(join(repoRoot, 'country-packs/NL'));
    const helplineId = await ensureHelpline(database.db, pack);
    const { identity, recipient } = await crypto.generateIdentity();
    await database.db
      .insert(helplineRecipients)
      .values({ id: crypto.toHex(randomBytes(16)), helplineId, recipient });
    const worker = await addWorker(
      database.db,
      { id: helplineId, country: 'NL', identity, recipient },
      'caseworker',
    );

    // The reporter's device, talking to A: one 6 MiB item, sent in 1 MiB chunks.
    const size = 6 * 1024 * 1024;
    const prepared = await prepareReport(overHttp(a.url), { items: [new Uint8Array(randomBytes(size))] });
    const item = prepared.items[0]!;
    const token = prepared.keys.accessToken;
    const created = await fetch(`${a.url}/api/v1/reports`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': crypto.toHex(randomBytes(16)) },
      body: JSON.stringify(prepared.request),
    });
    expect(created.status).toBe(201);
    const { reportId } = (await created.json()) as { reportId: string };

    let uploadPath = '';
    const failure = await new Promise<unknown>((resolve) => {
      const upload: TusUpload = new TusUpload(Buffer.from(item.sealed), {
        endpoint: `${a.url}/api/v1/uploads`,
        headers: { authorization: `Bearer ${token}` },
        metadata: { reportId, itemId: item.id },
        chunkSize: 1024 * 1024,
        retryDelays: [],
        onUploadUrlAvailable: () => {
          uploadPath = new URL(upload.url!).pathname;
        },
        // Half-way through the fourth chunk (three are committed), A dies without a word.
        onProgress: (sent) => {
          if (sent >= 3.5 * 1024 * 1024 && a.child.signalCode === null) a.child.kill('SIGKILL');
        },
        onSuccess: () => resolve(undefined),
        onError: (error) => resolve(error),
      });
      upload.start();
    });
    expect(failure).toBeInstanceOf(Error);
    await a.exited;
    const uploadId = uploadPath.split('/').at(-1)!;
    const [staged] = await database.db.select().from(stagedUploads).where(eq(stagedUploads.id, uploadId));
    expect(staged?.recordedAt).toBeNull();
    expect(staged!.stagedBytes).toBeGreaterThan(0);
    expect(staged!.stagedBytes).toBeLessThan(size);
    // Whole chunks only: the one on the wire when A died was never committed.
    expect(staged!.stagedBytes % (1024 * 1024)).toBe(0);

    // B starts; the phone retries against the load balancer, which now sends it to B.
    const b = await spawnServer({ ...env, DATA_DIR: dataDirB, PORT: String(await freePort()) });
    running.push(b);
    const head = await fetch(`${b.url}${uploadPath}`, {
      method: 'HEAD',
      headers: { 'tus-resumable': '1.0.0', authorization: `Bearer ${token}` },
    });
    expect(head.status).toBe(200);
    // B resumes from what A committed: the bytes A had staged are not sent again.
    expect(Number(head.headers.get('upload-offset'))).toBe(staged!.stagedBytes);
    await new Promise<void>((resolve, reject) => {
      new TusUpload(Buffer.from(item.sealed), {
        uploadUrl: `${b.url}${uploadPath}`,
        headers: { authorization: `Bearer ${token}` },
        chunkSize: 1024 * 1024,
        retryDelays: [0, 500],
        onSuccess: () => resolve(),
        onError: reject,
      }).start();
    });

    const self = (await (
      await fetch(`${b.url}/api/v1/reports/self`, { headers: { authorization: `Bearer ${token}` } })
    ).json()) as { status: string; timeline: { event: string }[] };
    expect(self.status).toBe('new');
    expect(self.timeline.filter((e) => e.event === 'visible')).toHaveLength(1);

    // The console, signed in on B, opens the case with its own code: manifest, receipt and signature hold.
    const cookie = await signIn(b.url, worker);
    const detailResponse = await fetch(`${b.url}/api/v1/staff/cases/${reportId}`, { headers: { cookie } });
    expect(detailResponse.status).toBe(200);
    const detail = (await detailResponse.json()) as CaseDetail;
    const config = (await (await fetch(`${b.url}/api/v1/config`)).json()) as { serverPublicKey: string };
    const opened = await openCase(crypto, identity, detail, {
      serverPublicKey: config.serverPublicKey,
      fetchItem: async (itemId) => {
        const res = await fetch(`${b.url}/api/v1/staff/cases/${reportId}/items/${itemId}`, {
          headers: { cookie },
        });
        if (res.status !== 200) throw new Error(`item answered ${res.status}`);
        return new Uint8Array(await res.arrayBuffer());
      },
    });
    expect(opened.items).toHaveLength(1);
    expect(opened.items[0]!.checks).toEqual({ manifest: true, receipt: true, signature: true });
    expect(Buffer.compare(Buffer.from(opened.items[0]!.plain!), Buffer.from(item.plaintext))).toBe(0);

    // The evidence is in the bucket; the staged parts are gone from it.
    const store = s3.store();
    expect(await store.has(`reports/${reportId}/${item.id}`)).toBe(true);
    const [after] = await database.db.select().from(stagedUploads).where(eq(stagedUploads.id, uploadId));
    expect(after?.recordedAt).not.toBeNull();
    for (const part of after!.parts) expect(await store.has(part.key)).toBe(false);
    // Neither replica wrote the bucket's credentials anywhere in its output.
    for (const server of [a, b]) expect(server.output()).not.toContain(S3RVER_CREDENTIALS.secretAccessKey);
  });
});
