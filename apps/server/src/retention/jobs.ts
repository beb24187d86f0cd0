import type { Db } from '../db/open-database.ts';
import { enqueueJob } from '../jobs/queue.ts';
import type { JobHandler } from '../jobs/worker.ts';
import { deleteBlobs, RETENTION_BLOBS_QUEUE, type RetentionDeps, runRetention } from './run-retention.ts';

/**
 * Retention in the job loop. Every replica plans "the retention run of this hour" under the same job
 * id, so the run happens once an hour however many replicas there are.
 */
export const RETENTION_QUEUE = 'retention.run';

export async function scheduleRetention(db: Db, now = new Date()): Promise<boolean> {
  const hour = now.toISOString().slice(0, 13);
  return (
    await enqueueJob(db, RETENTION_QUEUE, {}, { id: `retention:run:${hour}`, runAt: now, maxAttempts: 3 })
  ).created;
}

export function retentionHandlers(deps: RetentionDeps): Record<string, JobHandler> {
  return {
    [RETENTION_QUEUE]: async (_job, now) => {
      await runRetention(deps, now);
    },
    // Blobs of deleted cases whose deletion did not finish right after the commit.
    [RETENTION_BLOBS_QUEUE]: async (job) => {
      await deleteBlobs(deps, (job.payload as { keys: string[] }).keys);
    },
  };
}
