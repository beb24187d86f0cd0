import { and, eq, lt } from 'drizzle-orm';
import type { AppDeps } from '../app-deps.ts';
import type { Db } from '../db/open-database.ts';
import { jobs } from '../db/schema/index.ts';
import { enqueueJob } from '../jobs/queue.ts';
import type { JobHandler } from '../jobs/worker.ts';
import { finishStagedUploads } from './finish-upload.ts';
import { openUploadStaging } from './open-upload-staging.ts';

/**
 * The sweep that finishes complete but unrecorded uploads, in the job loop. Every replica plans "the
 * sweep of this five-minute slot" under the same job id, so it runs once per slot however many replicas
 * there are (it reads the staging area tus writes to: DATA_DIR/uploads, or the bucket with BLOB_STORE_URL). A failed sweep
 * (database away) is retried with the queue's backoff.
 */
export const UPLOAD_SWEEP_QUEUE = 'uploads.finish-staged';
const SLOT_MS = 5 * 60 * 1000;

export async function scheduleUploadSweep(db: Db, now = new Date()): Promise<boolean> {
  const slot = new Date(Math.floor(now.getTime() / SLOT_MS) * SLOT_MS).toISOString();
  return (
    await enqueueJob(db, UPLOAD_SWEEP_QUEUE, {}, { id: `uploads:finish:${slot}`, runAt: now, maxAttempts: 5 })
  ).created;
}

export function uploadSweepHandlers(deps: AppDeps): Record<string, JobHandler> {
  return {
    [UPLOAD_SWEEP_QUEUE]: async (_job, now) => {
      const { failed } = await finishStagedUploads(deps, await openUploadStaging(deps));
      // 288 sweeps a day: the done ones of earlier days are of no use to anyone.
      await deps.db
        .delete(jobs)
        .where(
          and(
            eq(jobs.queue, UPLOAD_SWEEP_QUEUE),
            lt(jobs.doneAt, new Date(now.getTime() - 24 * 60 * 60 * 1000)),
          ),
        );
      if (failed > 0) throw new Error(`${failed} staged upload(s) could not be finished yet`);
    },
  };
}
