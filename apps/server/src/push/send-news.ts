import { isNewsForReporter } from '@vangnet/core/push/news';
import webpush from 'web-push';
import type { Db } from '../db/open-database.ts';
import { enqueueJob } from '../jobs/queue.ts';
import type { JobHandler } from '../jobs/worker.ts';
import type { Transaction } from '../services/idempotency.ts';
import type { PushDeps } from './push-deps.ts';
import { findSubscription, hasSubscription, removeSubscription } from './subscriptions.ts';

export const PUSH_QUEUE = 'push.news';

/** `caseId`, as in the other case jobs, so retention deletes a report's pending pushes with it. */
type NewsJob = { caseId: string; eventId: string };

/**
 * Called where a timeline event is recorded, in the same transaction: one push job per event the
 * reporter sees, only for a report whose reporter opted in. The job id is the event's, so the event
 * is announced at most once however often this runs; the job runs after the transaction commits.
 */
export async function enqueueNews(
  db: Db | Transaction,
  reportId: string,
  event: string,
  eventId: string,
): Promise<void> {
  if (!isNewsForReporter(event)) return;
  if (!(await hasSubscription(db, reportId))) return;
  await enqueueJob(db, PUSH_QUEUE, { caseId: reportId, eventId } satisfies NewsJob, {
    id: `push:${eventId}`,
    maxAttempts: 8,
  });
}

/** How long the push service keeps a notice for a phone that is off: four days. */
const TTL_SECONDS = 4 * 24 * 3600;

/**
 * Sends "there is news" and nothing else. The payload (encrypted to the browser, RFC 8291) holds only
 * the language to show the notice in; the push service sees the endpoint, the time and the size. An
 * endpoint the service says is gone (404, 410) is removed. Errors never carry the endpoint.
 */
export function pushNewsHandler(db: Db, push: PushDeps): JobHandler {
  return async (job) => {
    const { caseId } = job.payload as NewsJob;
    const found = await findSubscription(db, push.subscriptionKey, caseId);
    if (!found) return;
    // web-push encrypts (RFC 8291) and signs (VAPID); the request itself goes out through fetch, which
    // also speaks plain http to an origin the operator allowed (PUSH_SERVICE_ORIGINS), and times out.
    const request = webpush.generateRequestDetails(found.sub, JSON.stringify({ lang: found.lang }), {
      vapidDetails: push.vapid,
      TTL: TTL_SECONDS,
      urgency: 'normal',
      // A phone that was off gets one notice for several events, not a pile of them.
      topic: 'news',
      contentEncoding: 'aes128gcm',
    });
    let status = 0;
    try {
      const answer = await fetch(request.endpoint, {
        method: 'POST',
        headers: request.headers as Record<string, string>,
        body: request.body as Buffer<ArrayBuffer>,
        redirect: 'error',
        signal: AbortSignal.timeout(push.timeoutMs ?? 10_000),
      });
      status = answer.status;
      await answer.body?.cancel();
    } catch {
      status = 0;
    }
    if (status >= 200 && status < 300) return;
    if (status === 404 || status === 410) {
      await removeSubscription(db, caseId);
      return;
    }
    throw new Error(status ? `push service answered ${status}` : 'push service unreachable');
  };
}

export function pushHandlers(db: Db, push: PushDeps | undefined): Record<string, JobHandler> {
  return push ? { [PUSH_QUEUE]: pushNewsHandler(db, push) } : {};
}
