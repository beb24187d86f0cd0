import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type AgeIdentity,
  open,
  openJson,
  type Sealed,
  type ServerReceipt,
  verifyCountersignature,
} from '@vangnet/crypto';
import { eq, sql } from 'drizzle-orm';
import { Upload as TusUpload } from 'tus-js-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messages, reports, workers } from '../src/db/schema/index.ts';
import { ensureHelpline } from '../src/services/helpline.ts';
import { changeCaseStatus } from '../src/staff/case-actions.ts';
import { staffPolicyOf } from '../src/staff/staff-policy.ts';
import { databaseKinds } from './support/databases.ts';
import {
  addHelplineKey,
  createUpload,
  interruptedPatch,
  patchUpload,
  prepareReport,
  submit,
  uploadItem,
  uploadOffset,
} from './support/reporter-client.ts';
import { startTestApp, type TestApp } from './support/test-app.ts';

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    const stat = statSync(path);
    // Regular files only: the data folder also holds the lock's Unix socket (vangnet.lock.sock).
    return stat.isDirectory() ? filesUnder(path) : stat.isFile() ? [path] : [];
  });
}

/** Every row of every table of this database, as text; bytes as latin1 so raw markers would show. */
async function dumpAllTables(t: TestApp): Promise<string> {
  const tables = (await t.deps.db.execute(
    sql`select table_name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE'`,
  )) as unknown as { rows: { table_name: string }[] };
  expect(tables.rows.map((r) => r.table_name)).toContain('reports');
  let dump = '';
  for (const { table_name } of tables.rows) {
    const rows = (await t.deps.db.execute(sql.raw(`select * from "${table_name}"`))) as unknown as {
      rows: Record<string, unknown>[];
    };
    dump += JSON.stringify(rows.rows, (_k, v) =>
      v instanceof Uint8Array
        ? Buffer.from(v).toString('latin1')
        : v?.type === 'Buffer'
          ? Buffer.from(v.data).toString('latin1')
          : v,
    );
  }
  return dump;
}

async function selfOf(t: TestApp, token: string) {
  return t.app.inject({ url: '/api/v1/reports/self', headers: { authorization: `Bearer ${token}` } });
}

describe.each(databaseKinds())('report intake on %s', (kind) => {
  let t: TestApp;
  let helpline: { identity: AgeIdentity; recipient: string };
  beforeAll(async () => {
    t = await startTestApp(kind);
    helpline = await addHelplineKey(t);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('stores a report and its evidence sealed: a unique marker appears in no table and no file', async () => {
    const marker = `MARKER-${randomUUID()}`;
    const evidence = new TextEncoder().encode(`screenshot text: ${marker} (evidence)`);
    const prepared = await prepareReport(t, { description: `What happened: ${marker}`, items: [evidence] });
    const created = await submit(t, prepared.request);
    expect(created.statusCode).toBe(201);
    const answer = created.json();
    expect(answer.status).toBe('awaiting-evidence');
    expect(answer.receipt).toBeUndefined();

    const item = prepared.items[0]!;
    const finished = await uploadItem(t, prepared.keys.accessToken, answer.reportId, item.id, item.sealed);
    expect(finished.status).toBe(204);

    const self = (await selfOf(t, prepared.keys.accessToken)).json();
    expect(self.status).toBe('new');
    expect(self.items).toEqual([{ id: item.id, received: true }]);
    expect(self.timeline.map((e: { event: string }) => e.event)).toEqual([
      'received',
      'evidence-received',
      'visible',
    ]);
    const receipt = self.receipt as ServerReceipt;
    expect(receipt.items).toEqual([{ id: item.id, sha256: item.sha256, size: item.sealed.byteLength }]);
    expect(verifyCountersignature(receipt, self.signature, t.deps.signingKey.publicKey)).toBe(true);

    // The marker is nowhere the server keeps anything: no table, no file under the data folder.
    const dump = await dumpAllTables(t);
    expect(dump).toContain(answer.reportId);
    expect(dump).not.toContain(marker);
    const files = filesUnder(t.deps.config.dataDir);
    expect(files.some((f) => f.includes(join('blobs', 'reports', answer.reportId)))).toBe(true);
    for (const file of files) {
      expect(readFileSync(file).includes(Buffer.from(marker)), file).toBe(false);
    }

    // The helpline and the receipt each open the body and the item.
    const [row] = await t.deps.db.select().from(reports).where(eq(reports.id, answer.reportId));
    const stored = await t.deps.blobs.getBytes(`reports/${answer.reportId}/${item.id}`);
    for (const identity of [helpline.identity, prepared.keys.identity]) {
      const body = await openJson<{ description: string }>(row!.body as Sealed<{ description: string }>, [
        identity,
      ]);
      expect(body.description).toContain(marker);
      expect(new TextDecoder().decode(await open(stored, [identity]))).toContain(marker);
    }
  });

  it('an evidence item from the blob store opens with the age CLI and the helpline identity', async () => {
    const plaintext = new TextEncoder().encode(`evidence for the age CLI ${randomUUID()}`);
    const prepared = await prepareReport(t, { items: [plaintext] });
    const { reportId } = (await submit(t, prepared.request)).json();
    const item = prepared.items[0]!;
    expect((await uploadItem(t, prepared.keys.accessToken, reportId, item.id, item.sealed)).status).toBe(204);
    const dir = mkdtempSync(join(tmpdir(), 'vangnet-age-'));
    try {
      writeFileSync(join(dir, 'item.age'), await t.deps.blobs.getBytes(`reports/${reportId}/${item.id}`));
      writeFileSync(join(dir, 'helpline.key'), `${helpline.identity}\n`, { mode: 0o600 });
      const out = execFileSync('age', ['--decrypt', '-i', join(dir, 'helpline.key'), join(dir, 'item.age')]);
      expect(Buffer.compare(out, Buffer.from(plaintext))).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('an upload cut off halfway resumes from the offset the server reports and completes the report', async () => {
    const big = new Uint8Array(3 * 1024 * 1024);
    for (let i = 0; i < big.length; i += 65_536) big.set(crypto.getRandomValues(new Uint8Array(65_536)), i);
    const prepared = await prepareReport(t, { items: [big, new TextEncoder().encode('second item')] });
    const { reportId } = (await submit(t, prepared.request)).json();
    const token = prepared.keys.accessToken;
    const [first, second] = prepared.items as [(typeof prepared.items)[0], (typeof prepared.items)[0]];

    const created = await createUpload(t, token, reportId, first.id, first.sealed.byteLength);
    expect(created.status).toBe(201);
    const location = created.headers.get('location')!;
    await interruptedPatch(t, token, location, first.sealed, first.sealed.byteLength / 2);
    const offset = await uploadOffset(t, token, location);
    expect(offset).toBeGreaterThan(0);
    expect(offset).toBeLessThan(first.sealed.byteLength);
    // Not visible while an item is missing.
    expect((await selfOf(t, token)).json().status).toBe('awaiting-evidence');

    const rest = await patchUpload(t, token, location, offset, first.sealed.subarray(offset));
    expect(rest.status).toBe(204);
    expect((await selfOf(t, token)).json().status).toBe('awaiting-evidence');
    expect((await uploadItem(t, token, reportId, second.id, second.sealed)).status).toBe(204);

    const self = (await selfOf(t, token)).json();
    expect(self.status).toBe('new');
    const stored = await t.deps.blobs.getBytes(`reports/${reportId}/${first.id}`);
    expect(Buffer.compare(Buffer.from(stored), Buffer.from(first.sealed))).toBe(0);
    expect(Buffer.compare(Buffer.from(await open(stored, [helpline.identity])), Buffer.from(big))).toBe(0);
    expect(self.receipt.items.map((i: { sha256: string }) => i.sha256).sort()).toEqual(
      [first.sha256, second.sha256].sort(),
    );
  });

  it('the tus-js-client the reporter app uses uploads in chunks, stops, and resumes where it was', async () => {
    const plaintext = new Uint8Array(640 * 1024);
    for (let i = 0; i < plaintext.length; i += 65_536)
      plaintext.set(crypto.getRandomValues(new Uint8Array(65_536)), i);
    const prepared = await prepareReport(t, { items: [plaintext] });
    const { reportId } = (await submit(t, prepared.request)).json();
    const item = prepared.items[0]!;
    const options = {
      endpoint: `${t.url}/api/v1/uploads`,
      headers: { authorization: `Bearer ${prepared.keys.accessToken}` },
      metadata: { reportId, itemId: item.id },
      chunkSize: 64 * 1024,
      retryDelays: [],
    };
    // First attempt: stop after a few chunks, as when the app is closed.
    const uploadUrl = await new Promise<string>((resolve, reject) => {
      const upload: TusUpload = new TusUpload(Buffer.from(item.sealed), {
        ...options,
        onChunkComplete: (_size, sent) => {
          if (sent >= 3 * 64 * 1024) upload.abort().then(() => resolve(upload.url!), reject);
        },
        onError: reject,
      });
      upload.start();
    });
    const offset = await uploadOffset(t, prepared.keys.accessToken, new URL(uploadUrl).pathname);
    expect(offset).toBeGreaterThanOrEqual(3 * 64 * 1024);
    expect(offset).toBeLessThan(item.sealed.byteLength);
    expect((await selfOf(t, prepared.keys.accessToken)).json().status).toBe('awaiting-evidence');
    // Second attempt resumes the same upload.
    let firstByteSent = -1;
    await new Promise<void>((resolve, reject) => {
      const upload = new TusUpload(Buffer.from(item.sealed), {
        ...options,
        uploadUrl,
        onProgress: (sent) => {
          if (firstByteSent < 0) firstByteSent = sent;
        },
        onSuccess: () => resolve(),
        onError: reject,
      });
      upload.start();
    });
    expect(firstByteSent).toBeGreaterThanOrEqual(offset);
    expect((await selfOf(t, prepared.keys.accessToken)).json().status).toBe('new');
    const stored = await t.deps.blobs.getBytes(`reports/${reportId}/${item.id}`);
    expect(Buffer.compare(Buffer.from(await open(stored, [helpline.identity])), Buffer.from(plaintext))).toBe(
      0,
    );
  });

  it('rejects tampered ciphertext and a declared hash that does not match; the report stays invisible', async () => {
    const prepared = await prepareReport(t, { items: [new TextEncoder().encode('real evidence')] });
    const { reportId } = (await submit(t, prepared.request)).json();
    const token = prepared.keys.accessToken;
    const item = prepared.items[0]!;

    const tampered = item.sealed.slice();
    tampered[tampered.length - 5]! ^= 0x01;
    const rejected = await uploadItem(t, token, reportId, item.id, tampered);
    expect(rejected.status).toBe(422);
    expect(rejected.headers.get('content-type')).toContain('application/problem+json');
    expect((await rejected.json()).code).toBe('evidence.hash-mismatch');
    expect(await t.deps.blobs.has(`reports/${reportId}/${item.id}`)).toBe(false);
    const self = (await selfOf(t, token)).json();
    expect(self.status).toBe('awaiting-evidence');
    expect(self.receipt).toBeUndefined();
    const [row] = await t.deps.db.select().from(reports).where(eq(reports.id, reportId));
    expect(row!.visibleAt).toBeNull();
    // Nothing staged is left behind (a recorded upload keeps only an empty marker until it expires).
    expect(
      filesUnder(join(t.deps.config.dataDir, 'uploads')).filter(
        (f) => !f.endsWith('.json') && statSync(f).size > 0,
      ),
    ).toEqual([]);

    // The same bytes under a report that declared another hash.
    const other = await prepareReport(t, { items: [new TextEncoder().encode('other evidence')] });
    other.request.items[0]!.sha256 = 'a'.repeat(64);
    const otherId = (await submit(t, other.request)).json().reportId;
    const mismatch = await uploadItem(
      t,
      other.keys.accessToken,
      otherId,
      other.items[0]!.id,
      other.items[0]!.sealed,
    );
    expect(mismatch.status).toBe(422);
    expect((await mismatch.json()).code).toBe('evidence.hash-mismatch');
    expect((await selfOf(t, other.keys.accessToken)).json().status).toBe('awaiting-evidence');

    // The right bytes still complete the first report afterwards.
    expect((await uploadItem(t, token, reportId, item.id, item.sealed)).status).toBe(204);
    expect((await selfOf(t, token)).json().status).toBe('new');
  });

  it('refuses uploads with a wrong token, for an undeclared item, or of the wrong size', async () => {
    const prepared = await prepareReport(t, { items: [new TextEncoder().encode('x')] });
    const { reportId } = (await submit(t, prepared.request)).json();
    const item = prepared.items[0]!;
    const wrongToken = await createUpload(t, 'ab'.repeat(32), reportId, item.id, item.sealed.byteLength);
    expect(wrongToken.status).toBe(404);
    expect(wrongToken.headers.get('content-type')).toContain('application/problem+json');
    const undeclared = await createUpload(t, prepared.keys.accessToken, reportId, 'not-declared', 10);
    expect((await undeclared.json()).code).toBe('evidence.unknown-item');
    const wrongSize = await createUpload(
      t,
      prepared.keys.accessToken,
      reportId,
      item.id,
      item.sealed.byteLength + 1,
    );
    expect((await wrongSize.json()).code).toBe('evidence.size-mismatch');
    // Another reporter's token cannot touch this upload.
    const created = await createUpload(
      t,
      prepared.keys.accessToken,
      reportId,
      item.id,
      item.sealed.byteLength,
    );
    const stranger = await prepareReport(t);
    await submit(t, stranger.request);
    const foreign = await patchUpload(
      t,
      stranger.keys.accessToken,
      created.headers.get('location')!,
      0,
      item.sealed,
    );
    expect(foreign.status).toBe(404);
    // An upload id that tries to leave the staging folder.
    const escaping = await patchUpload(
      t,
      prepared.keys.accessToken,
      '/api/v1/uploads/..%2F..%2Fsigning-key',
      0,
      item.sealed,
    );
    expect(escaping.status).toBe(404);
    expect((await selfOf(t, prepared.keys.accessToken)).json().status).toBe('awaiting-evidence');
  });

  it('a retried submission returns the same answer and stores one report; another body under the key is 409', async () => {
    const prepared = await prepareReport(t);
    const key = randomUUID();
    const first = await submit(t, prepared.request, key);
    expect(first.statusCode).toBe(201);
    expect(first.json().status).toBe('new');
    const retry = await submit(t, prepared.request, key);
    expect(retry.statusCode).toBe(200);
    expect(retry.json()).toEqual(first.json());
    const rows = await t.deps.db
      .select()
      .from(reports)
      .where(eq(reports.accessTokenHash, prepared.request.reporter.accessTokenHash));
    expect(rows).toHaveLength(1);

    const changed = await submit(
      t,
      { ...prepared.request, metadata: { ...prepared.request.metadata, category: 'hate' } },
      key,
    );
    expect(changed.statusCode).toBe(409);
    expect(changed.json().code).toBe('idempotency.key-reused');
    // A new key with the same receipt is refused too (one receipt, one report).
    const again = await submit(t, prepared.request, randomUUID());
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('report.access-token-in-use');
  });

  it('rejects bad input with a problem code and stores nothing', async () => {
    const prepared = await prepareReport(t);
    const before = await dumpAllTables(t);
    const cases: [unknown, number, string][] = [
      [
        { ...prepared.request, metadata: { ...prepared.request.metadata, category: 'gossip' } },
        400,
        'report.unknown-category',
      ],
      [
        { ...prepared.request, metadata: { ...prepared.request.metadata, country: 'DE' } },
        422,
        'report.unknown-country',
      ],
      [
        { ...prepared.request, metadata: { ...prepared.request.metadata, name: 'Sam' } },
        400,
        'request.invalid',
      ],
      [
        { ...prepared.request, body: Buffer.from('not sealed at all').toString('base64') },
        422,
        'report.body-not-sealed',
      ],
      [{ ...prepared.request, body: '%%%' }, 400, 'report.body-not-base64'],
      [
        { ...prepared.request, reporter: { ...prepared.request.reporter, recipient: 'age1nope' } },
        400,
        'report.invalid-recipient',
      ],
    ];
    for (const [body, status, code] of cases) {
      const res = await submit(t, body);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect({ status: res.statusCode, code: res.json().code }).toEqual({ status, code });
    }
    const noKey = await t.app.inject({ method: 'POST', url: '/api/v1/reports', payload: prepared.request });
    expect(noKey.json().code).toBe('request.idempotency-key-required');
    const tooBig = await submit(t, { ...prepared.request, body: 'A'.repeat(2 * 1024 * 1024) });
    expect(tooBig.statusCode).toBe(413);
    expect(await dumpAllTables(t)).toBe(before);
  });

  it('follow-up: wrong or malformed tokens get 404/401; messages are idempotent', async () => {
    const prepared = await prepareReport(t);
    const { reportId } = (await submit(t, prepared.request)).json();
    const token = prepared.keys.accessToken;
    expect((await selfOf(t, 'cd'.repeat(32))).statusCode).toBe(404);
    expect((await selfOf(t, 'cd'.repeat(32))).json().code).toBe('report.not-found');
    const malformed = await t.app.inject({
      url: '/api/v1/reports/self',
      headers: { authorization: 'Bearer 1234' },
    });
    expect(malformed.statusCode).toBe(401);

    const config = (await t.app.inject({ url: '/api/v1/config' })).json();
    const { sealJson, toBase64 } = await import('@vangnet/crypto');
    const sealed = toBase64(
      await sealJson({ version: 1, text: 'Thank you' }, [
        ...config.helplineRecipients,
        prepared.keys.recipient,
      ]),
    );
    const key = randomUUID();
    const post = () =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/reports/self/messages',
        headers: { authorization: `Bearer ${token}`, 'idempotency-key': key },
        payload: { sealed },
      });
    const first = await post();
    expect(first.statusCode).toBe(201);
    const retry = await post();
    expect(retry.statusCode).toBe(200);
    expect(retry.json()).toEqual(first.json());
    const self = (await selfOf(t, token)).json();
    expect(self.reportId).toBe(reportId);
    expect(self.messages).toHaveLength(1);
    expect(self.messages[0]).toMatchObject({ id: first.json().id, author: 'reporter', sealed });

    // A case worker moves the case on: the reporter sees the new status, not who or why.
    const helplineId = await ensureHelpline(t.deps.db, t.deps.pack);
    const [worker] = await t.deps.db
      .insert(workers)
      .values({
        id: randomUUID(),
        helplineId,
        email: `w-${randomUUID()}@example.org`,
        role: 'caseworker',
        kdfSalt: '00',
        authHash: 'x',
      })
      .returning();
    const changed = await changeCaseStatus(t.deps.db, staffPolicyOf(t.deps.pack), {
      helplineId,
      caseId: reportId,
      workerId: worker!.id,
      to: 'contacted',
      fields: {},
    });
    expect(changed.ok).toBe(true);

    // A helpline reply is shown; a case note between workers never is.
    const later = new Date(Date.now() + 1000);
    await t.deps.db.insert(messages).values([
      { id: randomUUID(), reportId, author: 'helpline', sealed: new Uint8Array([1]), createdAt: later },
      {
        id: randomUUID(),
        reportId,
        author: 'helpline',
        sealed: new Uint8Array([2]),
        internal: true,
        createdAt: later,
      },
    ]);
    const withReply = (await selfOf(t, token)).json();
    expect(withReply.status).toBe('contacted');
    expect(withReply.timeline.at(-1)).toMatchObject({
      event: 'status-changed',
      detail: { status: 'contacted' },
    });
    expect(JSON.stringify(withReply.timeline)).not.toContain(worker!.id);
    expect(withReply.messages.map((m: { author: string; sealed: string }) => [m.author, m.sealed])).toEqual([
      ['reporter', sealed],
      ['helpline', 'AQ=='],
    ]);
  });
});

describe('rate limits', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp('pglite', {
      limits: { followUpPerTokenPerMinute: 3, submissionsPerIpPerHour: 2 },
    });
    await addHelplineKey(t);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('limits follow-up per access token and submissions per client', async () => {
    const prepared = await prepareReport(t);
    await submit(t, prepared.request);
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await selfOf(t, prepared.keys.accessToken)).statusCode);
    expect(statuses).toEqual([200, 200, 200, 429]);
    const limited = await selfOf(t, prepared.keys.accessToken);
    expect(limited.headers['content-type']).toContain('application/problem+json');
    expect(limited.json().code).toBe('rate-limited');
    // Another token is not held back by the first one's limit.
    const other = await prepareReport(t);
    expect((await submit(t, other.request)).statusCode).toBe(201);
    expect((await selfOf(t, other.keys.accessToken)).statusCode).toBe(200);
    // Third submission from this client within the hour.
    const third = await submit(t, (await prepareReport(t)).request);
    expect(third.statusCode).toBe(429);
  });
});

describe('chunked uploads and the general limit', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp('pglite', { limits: { perIpPerMinute: 10 } });
    await addHelplineKey(t);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('an item sent in many small chunks is not stopped by the per-client limit for other routes', async () => {
    const prepared = await prepareReport(t, { items: [new Uint8Array(40 * 1024).fill(7)] });
    const { reportId } = (await submit(t, prepared.request)).json();
    const item = prepared.items[0]!;
    const token = prepared.keys.accessToken;
    const created = await createUpload(t, token, reportId, item.id, item.sealed.byteLength);
    const location = created.headers.get('location')!;
    const chunk = 2 * 1024;
    let statuses = new Set<number>();
    for (let offset = 0; offset < item.sealed.byteLength; offset += chunk) {
      const res = await patchUpload(t, token, location, offset, item.sealed.subarray(offset, offset + chunk));
      statuses = statuses.add(res.status);
    }
    expect([...statuses]).toEqual([204]);
    expect((await selfOf(t, token)).json().status).toBe('new');
  });
});
