import { createHash, randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BlobNotFoundError, InvalidBlobKeyError } from '../src/blobs/blob-store.ts';
import { S3_PART_BYTES, type S3BlobStore } from '../src/blobs/s3-blob-store.ts';
import { reportItems, reports, stagedUploads } from '../src/db/schema/index.ts';
import { runRetention } from '../src/retention/run-retention.ts';
import { openUploadStaging } from '../src/uploads/open-upload-staging.ts';
import { addHelpline, addVisibleReport } from './staff-fixtures.ts';
import { databaseKinds } from './support/databases.ts';
import {
  addHelplineKey,
  createUpload,
  patchUpload,
  prepareReport,
  submit,
  uploadItem,
} from './support/reporter-client.ts';
import { startS3Server, type TestS3Server } from './support/s3-server.ts';
import { startTestApp, type TestApp } from './support/test-app.ts';

// Evidence in an S3-compatible bucket (BLOB_STORE_URL), against a real one on loopback: s3rver from the
// npm registry, started here. What s3rver lacks next to S3 is in docs/operating-at-scale.md.

const DAY = 24 * 60 * 60 * 1000;
const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

let s3: TestS3Server;
beforeAll(async () => {
  s3 = await startS3Server();
});
afterAll(async () => {
  await s3?.close();
});

describe('S3BlobStore on s3rver', () => {
  let store: S3BlobStore;
  beforeAll(() => {
    store = s3.store();
  });

  it('puts, reads, checks and deletes a blob; a missing one is BlobNotFoundError, a bad key never reaches the store', async () => {
    const bytes = new Uint8Array(randomBytes(70_000));
    expect(await store.put('reports/r1/item-1', bytes)).toEqual({ size: bytes.byteLength });
    expect(await store.has('reports/r1/item-1')).toBe(true);
    expect(Buffer.compare(Buffer.from(await store.getBytes('reports/r1/item-1')), bytes)).toBe(0);
    const chunks: Buffer[] = [];
    for await (const chunk of await store.get('reports/r1/item-1')) chunks.push(chunk as Buffer);
    expect(sha(Buffer.concat(chunks))).toBe(sha(bytes));
    await store.delete('reports/r1/item-1');
    expect(await store.has('reports/r1/item-1')).toBe(false);
    await expect(store.get('reports/r1/item-1')).rejects.toBeInstanceOf(BlobNotFoundError);
    await expect(store.getBytes('reports/r1/item-1')).rejects.toBeInstanceOf(BlobNotFoundError);
    // Deleting what is not there is no error: retention may run twice.
    await store.delete('reports/r1/item-1');
    await expect(store.put('../escape', bytes)).rejects.toBeInstanceOf(InvalidBlobKeyError);
  });

  it('streams a blob larger than one part through a multipart upload, and an empty stream as an empty blob', async () => {
    const size = 2 * S3_PART_BYTES + 12_345;
    const bytes = new Uint8Array(randomBytes(size));
    // Odd-sized chunks, as a network delivers them.
    const chunks = function* () {
      for (let at = 0; at < size; at += 100_003) yield bytes.subarray(at, Math.min(size, at + 100_003));
    };
    expect(await store.put('reports/r2/big', Readable.from(chunks()))).toEqual({ size });
    expect(sha(await store.getBytes('reports/r2/big'))).toBe(sha(bytes));
    expect(await store.put('reports/r2/empty', Readable.from([]))).toEqual({ size: 0 });
    expect((await store.getBytes('reports/r2/empty')).byteLength).toBe(0);
  });

  it('answers ping while the server runs, and not while it is stopped', async () => {
    expect(await store.ping()).toBe(true);
    await s3.stop();
    try {
      expect(await store.ping()).toBe(false);
    } finally {
      await s3.start();
    }
    expect(await store.ping()).toBe(true);
  });
});

describe.each(databaseKinds())('evidence in the bucket on %s', (kind) => {
  let t: TestApp;
  let store: S3BlobStore;
  beforeAll(async () => {
    store = s3.store();
    t = await startTestApp(kind, { blobs: store });
    await addHelplineKey(t);
  });
  afterAll(async () => {
    await t?.close();
  });

  async function submitted(items: Uint8Array[]) {
    const prepared = await prepareReport(t, { items });
    const created = await submit(t, prepared.request);
    expect(created.statusCode).toBe(201);
    return { prepared, reportId: (created.json() as { reportId: string }).reportId };
  }

  it('an upload is staged in the bucket, finished into it, and its staged parts are removed', async () => {
    const { prepared, reportId } = await submitted([new Uint8Array(randomBytes(300_000))]);
    const item = prepared.items[0]!;
    const token = prepared.keys.accessToken;
    const created = await createUpload(t, token, reportId, item.id, item.sealed.byteLength);
    expect(created.status).toBe(201);
    const location = created.headers.get('location')!;
    const half = Math.floor(item.sealed.byteLength / 2);
    expect((await patchUpload(t, token, location, 0, item.sealed.subarray(0, half))).status).toBe(204);
    const uploadId = location.split('/').at(-1)!;
    const [staged] = await t.deps.db.select().from(stagedUploads).where(eq(stagedUploads.id, uploadId));
    expect(staged).toMatchObject({ reportId, itemId: item.id, stagedBytes: half, recordedAt: null });
    expect(await store.has(staged!.parts[0]!.key)).toBe(true);
    expect((await patchUpload(t, token, location, half, item.sealed.subarray(half))).status).toBe(204);

    const [row] = await t.deps.db.select().from(reportItems).where(eq(reportItems.reportId, reportId));
    expect(row?.receivedAt).not.toBeNull();
    expect(sha(await store.getBytes(row!.blobKey!))).toBe(item.sha256);
    const [after] = await t.deps.db.select().from(stagedUploads).where(eq(stagedUploads.id, uploadId));
    expect(after?.recordedAt).not.toBeNull();
    for (const part of after!.parts) expect(await store.has(part.key)).toBe(false);
    // Asked again (its answer was lost), the upload is complete, not gone.
    const head = await fetch(`${t.url}${location}`, {
      method: 'HEAD',
      headers: { 'tus-resumable': '1.0.0', authorization: `Bearer ${token}` },
    });
    expect(head.headers.get('upload-offset')).toBe(String(item.sealed.byteLength));
  });

  it('a PATCH at an offset another request already committed is refused with 409 and leaves nothing behind', async () => {
    const { prepared, reportId } = await submitted([new Uint8Array(randomBytes(20_000))]);
    const item = prepared.items[0]!;
    const token = prepared.keys.accessToken;
    const location = (await createUpload(t, token, reportId, item.id, item.sealed.byteLength)).headers.get(
      'location',
    )!;
    const first = item.sealed.subarray(0, 1000);
    expect((await patchUpload(t, token, location, 0, first)).status).toBe(204);
    expect((await patchUpload(t, token, location, 0, first)).status).toBe(409);
    const uploadId = location.split('/').at(-1)!;
    const [staged] = await t.deps.db.select().from(stagedUploads).where(eq(stagedUploads.id, uploadId));
    expect(staged?.stagedBytes).toBe(1000);
    expect(staged?.parts).toHaveLength(1);
  });

  it('retention deletes a closed case’s evidence and an abandoned report’s staged parts from the bucket', async () => {
    const { db } = t.deps;
    const helpline = await addHelpline(db, 'NL');
    // A closed case past the pack's retention period, its evidence in the bucket.
    const closed = await addVisibleReport(db, store, helpline, {
      visibleAt: new Date(Date.now() - 400 * DAY),
    });
    await db
      .update(reports)
      .set({ status: 'closed', closedAt: new Date(Date.now() - 399 * DAY) })
      .where(eq(reports.id, closed.id));
    const closedKey = `reports/${closed.id}/${closed.itemId}`;
    expect(await store.has(closedKey)).toBe(true);

    // A report whose only item stopped half-way: its staged part is in the bucket.
    const { prepared, reportId } = await submitted([new Uint8Array(randomBytes(10_000))]);
    const item = prepared.items[0]!;
    const token = prepared.keys.accessToken;
    const location = (await createUpload(t, token, reportId, item.id, item.sealed.byteLength)).headers.get(
      'location',
    )!;
    expect((await patchUpload(t, token, location, 0, item.sealed.subarray(0, 4000))).status).toBe(204);
    const uploadId = location.split('/').at(-1)!;
    const [staged] = await db.select().from(stagedUploads).where(eq(stagedUploads.id, uploadId));
    const partKey = staged!.parts[0]!.key;
    expect(await store.has(partKey)).toBe(true);

    // A year on: the closed case's period has passed, and the abandoned report's week.
    const later = new Date(Date.now() + 8 * DAY);
    const result = await runRetention({ ...t.deps, staging: await openUploadStaging(t.deps) }, later);
    expect(result.closed).toContain(closed.id);
    expect(result.abandoned).toContain(reportId);
    expect(result.stagedUploadsDeleted).toBeGreaterThanOrEqual(1);
    expect(await store.has(closedKey)).toBe(false);
    expect(await store.has(partKey)).toBe(false);
    expect(await db.select().from(stagedUploads).where(eq(stagedUploads.id, uploadId))).toHaveLength(0);
  });

  it('/readyz says not ready while the bucket does not answer', async () => {
    expect((await t.app.inject({ url: '/readyz' })).statusCode).toBe(200);
    await s3.stop();
    try {
      const response = await t.app.inject({ url: '/readyz' });
      expect(response.statusCode).toBe(503);
      expect(response.headers['content-type']).toContain('application/problem+json');
    } finally {
      await s3.start();
    }
    expect((await t.app.inject({ url: '/readyz' })).statusCode).toBe(200);
  });
});

// uploadItem is the whole-item path the other intake tests use; on the bucket it must work the same.
describe('a whole item in one PATCH', () => {
  it('is recorded with the bucket as store', async () => {
    const t = await startTestApp('pglite', { blobs: s3.store() });
    try {
      await addHelplineKey(t);
      const prepared = await prepareReport(t, { items: [new Uint8Array(randomBytes(S3_PART_BYTES + 5))] });
      const created = await submit(t, prepared.request);
      const { reportId } = created.json() as { reportId: string };
      const item = prepared.items[0]!;
      const res = await uploadItem(t, prepared.keys.accessToken, reportId, item.id, item.sealed);
      expect(res.status).toBe(204);
      expect(sha(await t.deps.blobs.getBytes(`reports/${reportId}/${item.id}`))).toBe(item.sha256);
    } finally {
      await t.close();
    }
  });
});
