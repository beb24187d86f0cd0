import { Upload } from 'tus-js-client';
import { idbAll, idbPut } from '../lib/idb.ts';
import { writeLocal } from '../lib/storage.ts';
import { type AnyOutboxEntry, OUTBOX_FLAG, type OutboxEntry } from './outbox-types.ts';
import { sealPending } from './prepare.ts';
import { Offline, type OutboxIo, Rejected, type SendProgress, sendEntry } from './send-entry.ts';
import { UnverifiedRecipients } from './trusted-recipients.ts';

/**
 * The outbox: sealed reports waiting to be sent. Runs on "Send", on start and whenever the phone comes
 * back online. Every step can be repeated safely (see send-entry.ts): the report POST carries the
 * entry's Idempotency-Key (same answer on a retry), uploads are resumable tus uploads with a stored
 * fingerprint, and an item the server already has is skipped. So a report goes once, never twice.
 */
export type { SendProgress } from './send-entry.ts';

const listeners = new Set<(p: SendProgress) => void>();
const last = new Map<string, SendProgress>();

export function onProgress(listener: (p: SendProgress) => void): () => void {
  listeners.add(listener);
  for (const p of last.values()) listener(p);
  return () => listeners.delete(listener);
}

function emit(p: SendProgress): void {
  last.set(p.entryId, p);
  for (const l of listeners) l(p);
}

function uploadOne(
  entry: OutboxEntry,
  blob: { id: string; sealed: Uint8Array },
  onBytes: (n: number) => void,
) {
  return new Promise<void>((resolve, reject) => {
    if (!navigator.onLine) return reject(new Offline());
    const upload = new Upload(new Blob([blob.sealed as Uint8Array<ArrayBuffer>]), {
      endpoint: new URL(entry.uploadUrl ?? '/api/v1/uploads', location.href).href,
      headers: { authorization: `Bearer ${entry.accessToken}` },
      metadata: { reportId: entry.reportId ?? '', itemId: blob.id },
      // Our own fingerprint: the blob has no name or date, and the same item must map to the same upload.
      fingerprint: async () => `vangnet-${entry.id}-${blob.id}`,
      storeFingerprintForResuming: true,
      removeFingerprintOnSuccess: true,
      chunkSize: 256 * 1024,
      retryDelays: [0, 1000, 3000],
      onProgress: (sent) => onBytes(sent),
      onSuccess: () => resolve(),
      onError: (error) => {
        const status = (
          error as { originalResponse?: { getStatus(): number } | null }
        ).originalResponse?.getStatus();
        if (status && status >= 400 && status < 500 && status !== 409 && status !== 423 && status !== 429) {
          reject(new Rejected(`upload.${status}`));
        } else {
          reject(new Offline());
        }
      },
    });
    upload
      .findPreviousUploads()
      .then((previous) => {
        const first = previous[0];
        if (first) upload.resumeFromPreviousUpload(first);
        upload.start();
      })
      .catch(reject);
  });
}

/** The browser's side of sending: fetch, tus-js-client and IndexedDB. */
const browserIo: OutboxIo = {
  online: () => navigator.onLine,
  fetch: (url, init) => fetch(url, init),
  upload: uploadOne,
  save: (entry) => idbPut('outbox', entry),
  emit,
};

/** Still to go: not yet sealed (its list did not verify yet), queued, or created on the server. */
const waiting = (e: AnyOutboxEntry) =>
  e.state === 'unsealed' || e.state === 'queued' || e.state === 'created';

let running: Promise<void> | null = null;
let retryTimer: ReturnType<typeof setTimeout> | undefined;
let retries = 0;
/** 2 s, 4 s, 8 s … up to 2 minutes. */
const retryDelay = () => Math.min(2000 * 2 ** retries, 120_000);

/**
 * Online but the answer got lost or the server was busy: try again by itself, waiting longer each time.
 * Offline: the `online` event starts the next try instead.
 */
function scheduleRetry(left: boolean): void {
  clearTimeout(retryTimer);
  if (!left) {
    retries = 0;
    return;
  }
  if (!navigator.onLine) return;
  retryTimer = setTimeout(() => void processOutbox(), retryDelay());
  retries++;
}

/** Sends whatever waits. One run at a time in this tab, and (where the browser has Web Locks) across tabs. */
export function processOutbox(): Promise<void> {
  // A call during a run waits for it and then looks again, so an entry queued meanwhile is not missed.
  if (running) return running.then(() => processOutbox());
  running = (async () => {
    const work = async () => {
      const entries = (await idbAll<AnyOutboxEntry>('outbox')).filter(waiting);
      for (const waitingEntry of entries) {
        let entry: OutboxEntry | undefined;
        try {
          if (waitingEntry.state === 'unsealed') {
            try {
              entry = await sealPending(waitingEntry);
            } catch (error) {
              if (error instanceof UnverifiedRecipients) {
                emit({ entryId: waitingEntry.id, stage: 'unverified' });
                continue;
              }
              throw error;
            }
          } else entry = waitingEntry;
          await sendEntry(browserIo, entry);
        } catch (error) {
          if (error instanceof Rejected && entry) {
            entry.state = 'failed';
            entry.problem = error.problem;
            await idbPut('outbox', entry);
            emit({ entryId: entry.id, stage: 'failed', problem: error.problem });
          } else {
            emit({ entryId: waitingEntry.id, stage: 'waiting' });
          }
        }
      }
      const left = (await idbAll<AnyOutboxEntry>('outbox')).some(waiting);
      writeLocal(OUTBOX_FLAG, left ? '1' : '0');
      scheduleRetry(left);
    };
    if (navigator.locks) await navigator.locks.request('vangnet-outbox', work);
    else await work();
  })().finally(() => {
    running = null;
  });
  return running;
}

export async function outboxEntry(id: string): Promise<AnyOutboxEntry | undefined> {
  return (await idbAll<AnyOutboxEntry>('outbox')).find((e) => e.id === id);
}
