import type { Db } from '../db/open-database.ts';
import { backoffMs, claimJobs, completeJob, failJob, type Job } from './queue.ts';

/** Does one job's work; throwing (or rejecting) counts as a failed attempt. */
export type JobHandler = (job: Job, now: Date) => Promise<void>;

export type JobWorkerOptions = {
  db: Db;
  handlers: Record<string, JobHandler>;
  /** How long a claimed job stays locked; longer than any handler may take. */
  lockMs?: number;
  batchSize?: number;
  backoff?: (attempt: number) => number;
  clock?: () => Date;
  /** Told about failures (job id, queue, attempt, whether it is now dead); never the payload. */
  onFailure?: (info: {
    id: string;
    queue: string;
    attempts: number;
    outcome: 'retry' | 'dead';
    error: string;
  }) => void;
};

/** Claims and runs every due job once; returns how many ran. Tests call this to step the queue. */
export async function runDueJobs(options: JobWorkerOptions): Promise<number> {
  const { db, handlers } = options;
  const clock = options.clock ?? (() => new Date());
  const claimed = await claimJobs(db, Object.keys(handlers), {
    limit: options.batchSize ?? 10,
    lockMs: options.lockMs ?? 120_000,
    now: clock(),
  });
  for (const job of claimed) {
    const handler = handlers[job.queue];
    try {
      if (!handler) throw new Error(`no handler for queue ${job.queue}`);
      await handler(job, clock());
      await completeJob(db, job, clock());
    } catch (e) {
      const error = e instanceof Error ? e.message : String(e);
      const outcome = await failJob(db, job, error, clock(), options.backoff ?? backoffMs);
      options.onFailure?.({ id: job.id, queue: job.queue, attempts: job.attempts, outcome, error });
    }
  }
  return claimed.length;
}

/** Polls for due jobs until stopped. One loop per process; replicas share work through SKIP LOCKED. */
export function startJobWorker(options: JobWorkerOptions & { pollMs?: number }): { stop(): Promise<void> } {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  const tick = () => {
    running = (async () => {
      try {
        // Keep going while there is a full batch waiting.
        while (!stopped && (await runDueJobs(options)) >= (options.batchSize ?? 10)) {}
      } catch {
        // A database hiccup: try again on the next tick.
      }
      if (!stopped) timer = setTimeout(tick, options.pollMs ?? 1_000);
    })();
  };
  tick();
  return {
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
