import { randomUUID } from 'node:crypto';
import { Upload as TusUpload } from 'tus-js-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OutboxEntry } from '../../report/src/send/outbox-types.ts';
import { type OutboxIo, type SendProgress, sendEntry } from '../../report/src/send/send-entry.ts';
import { databaseKinds } from './support/databases.ts';
import { prepareReport } from './support/reporter-client.ts';
import { startTestApp, type TestApp } from './support/test-app.ts';

// The reporter app's outbox logic (apps/report/src/send/send-entry.ts) against the real server. Two
// stand-ins, because no browser runs here: an in-memory map for IndexedDB, and the upload step, which
// is tus-js-client (Node build, same options as the app) or, to reproduce what the server used to do
// (tus said "complete" while the item was never recorded), an upload that reports success without
// sending anything.

function ioFor(t: TestApp, upload: OutboxIo['upload']) {
  const saved = new Map<string, OutboxEntry>();
  const progress: SendProgress[] = [];
  const io: OutboxIo = {
    online: () => true,
    fetch: (url, init) => fetch(new URL(url, t.url), init),
    upload,
    save: async (entry) => {
      saved.set(entry.id, structuredClone(entry));
    },
    emit: (p) => progress.push(p),
  };
  return { io, saved, progress };
}

const realUpload =
  (t: TestApp): OutboxIo['upload'] =>
  (entry, blob) =>
    new Promise<void>((resolve, reject) => {
      new TusUpload(Buffer.from(blob.sealed), {
        endpoint: new URL(entry.uploadUrl ?? '/api/v1/uploads', t.url).href,
        headers: { authorization: `Bearer ${entry.accessToken}` },
        metadata: { reportId: entry.reportId ?? '', itemId: blob.id },
        chunkSize: 256 * 1024,
        retryDelays: [],
        onSuccess: () => resolve(),
        onError: reject,
      }).start();
    });

/** Says the upload went through without sending a byte: the old server's false "complete". */
const falselyComplete: OutboxIo['upload'] = async () => {};

describe.each(databaseKinds())('reporter outbox against the server on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(kind);
  });
  afterAll(async () => {
    await t?.close();
  });

  async function queuedEntry(): Promise<OutboxEntry> {
    const prepared = await prepareReport(t, {
      items: [new TextEncoder().encode('screenshot one'), new TextEncoder().encode('screenshot two')],
    });
    return {
      id: randomUUID(),
      createdAt: Date.now(),
      request: prepared.request,
      blobs: prepared.items.map((i) => ({ id: i.id, sealed: i.sealed })),
      accessToken: prepared.keys.accessToken,
      state: 'queued',
      uploaded: [],
    };
  }

  it('keeps the sealed copy and the token while the server says the report is not yet in the queue, and sends the rest later', async () => {
    const entry = await queuedEntry();
    const lying = ioFor(t, falselyComplete);
    await expect(sendEntry(lying.io, entry)).rejects.toThrow();
    const kept = lying.saved.get(entry.id)!;
    expect(kept.state).toBe('created');
    expect(kept.blobs).toHaveLength(2);
    expect(kept.accessToken).toBe(entry.accessToken);
    expect(kept.uploaded).toEqual([]);
    expect(lying.progress.some((p) => p.stage === 'done')).toBe(false);

    // The next run (the app retries by itself) uploads for real; only then is the copy deleted.
    const real = ioFor(t, realUpload(t));
    await sendEntry(real.io, kept);
    const done = real.saved.get(entry.id)!;
    expect(done.state).toBe('done');
    expect(done.blobs).toEqual([]);
    expect(done.accessToken).toBeUndefined();
    const self = await fetch(`${t.url}/api/v1/reports/self`, {
      headers: { authorization: `Bearer ${entry.accessToken}` },
    });
    expect(((await self.json()) as { status: string }).status).toBe('new');
  });

  it('after a lost answer, a report the server already has in the queue is finished without uploading again', async () => {
    const entry = await queuedEntry();
    const before = structuredClone(entry);
    await sendEntry(ioFor(t, realUpload(t)).io, entry);
    // The app was closed before it could save "done": it still holds the entry as created.
    Object.assign(before, { state: 'created', reportId: entry.reportId, uploadUrl: entry.uploadUrl });
    const again = ioFor(t, async () => {
      throw new Error('nothing should be uploaded again');
    });
    await sendEntry(again.io, before);
    expect(again.saved.get(entry.id)).toMatchObject({ state: 'done', blobs: [] });
    expect(again.saved.get(entry.id)?.accessToken).toBeUndefined();
  });
});
