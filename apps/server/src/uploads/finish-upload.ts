import { Readable } from 'node:stream';
import { sha256HexStream } from '@vangnet/crypto';
import { and, eq } from 'drizzle-orm';
import type { AppDeps } from '../app-deps.ts';
import { reportItems } from '../db/schema/index.ts';
import { Problem } from '../http/problem.ts';
import { recordItemReceived } from '../services/intake.ts';
import type { UploadStaging } from './upload-staging.ts';

export const hashMismatch = () =>
  new Problem(
    422,
    'evidence.hash-mismatch',
    'The uploaded evidence does not match what the report declared',
    'The file changed or was damaged on the way. Send it again.',
  );

/**
 * Finishings running in this process, by staged file: the last PATCH, a HEAD from the retrying client
 * and the sweep can all reach the same upload at once, and here they share one run.
 */
const running = new Map<string, Promise<void>>();

/**
 * Finishes a staged upload that holds every byte: checks the ciphertext's hash against what the report
 * declared, puts it in the blob store, records the item (which makes the report `new` when it was the
 * last one) and only then marks the upload recorded, so tus calls it complete.
 *
 * Safe to repeat and to run on two replicas at once: an item already recorded is only marked; the blob
 * is written under a fixed key by rename (same bytes either way); `recordItemReceived` locks the report
 * row and updates only an item not yet received, so there is one record, one `visible` event and one
 * countersigned receipt. A database failure throws and leaves the upload unrecorded for the next try.
 */
export function finishStagedUpload(deps: AppDeps, store: UploadStaging, uploadId: string): Promise<void> {
  const key = `${store.location}\0${uploadId}`;
  const current = running.get(key);
  if (current) return current;
  const run = finish(deps, store, uploadId).finally(() => running.delete(key));
  running.set(key, run);
  return run;
}

async function finish(deps: AppDeps, store: UploadStaging, uploadId: string): Promise<void> {
  try {
    await finishOnce(deps, store, uploadId);
  } catch (error) {
    // Another replica recorded it meanwhile (and removed the staged bytes this run was reading): done.
    if (!(error instanceof Problem) && (await isRecorded(store, uploadId))) return;
    throw error;
  }
}

async function isRecorded(store: UploadStaging, uploadId: string): Promise<boolean> {
  try {
    const upload = await store.getUpload(uploadId);
    return upload.offset === upload.size && !(await store.isUnrecordedComplete(uploadId));
  } catch {
    return false;
  }
}

async function finishOnce(deps: AppDeps, store: UploadStaging, uploadId: string): Promise<void> {
  const upload = await store.getUpload(uploadId);
  if (!(await store.isUnrecordedComplete(uploadId))) return; // Recorded meanwhile, or not complete.
  const reportId = upload.metadata?.reportId ?? '';
  const itemId = upload.metadata?.itemId ?? '';
  const [item] = await deps.db
    .select()
    .from(reportItems)
    .where(and(eq(reportItems.reportId, reportId), eq(reportItems.itemId, itemId)))
    .limit(1);
  if (item?.receivedAt) {
    // Recorded by another replica or before a crash: only the marker was missing.
    await store.markRecorded(uploadId);
    return;
  }
  const sha256 = await sha256HexStream(
    Readable.toWeb(await store.openStaged(uploadId)) as ReadableStream<Uint8Array>,
  );
  if (!item || sha256 !== item.sha256 || upload.offset !== item.size) {
    await store.remove(uploadId);
    throw hashMismatch();
  }
  const blobKey = `reports/${reportId}/${itemId}`;
  await deps.blobs.put(blobKey, await store.openStaged(uploadId));
  await recordItemReceived(deps, reportId, itemId, blobKey);
  await store.markRecorded(uploadId);
}

/**
 * Finishes every complete but unrecorded upload in the staging area: for a phone that never comes
 * back after the database failed (or the server died) at its last byte. Returns how many it finished and
 * how many failed (database still away): those are left for the next sweep or the client.
 */
export async function finishStagedUploads(
  deps: AppDeps,
  store: UploadStaging,
): Promise<{ finished: number; failed: number }> {
  let finished = 0;
  let failed = 0;
  for (const id of await store.unrecordedCompleteIds()) {
    try {
      await finishStagedUpload(deps, store, id);
      finished++;
    } catch (error) {
      if (error instanceof Problem) continue; // Did not match what the report declared: removed.
      failed++;
      deps.logger?.warn({ err: { type: (error as Error).name } }, 'could not finish a staged upload');
    }
  }
  return { finished, failed };
}
