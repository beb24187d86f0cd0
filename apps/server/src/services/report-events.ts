import { randomUUID } from 'node:crypto';
import type { Db } from '../db/open-database.ts';
import { reportEvents } from '../db/schema/index.ts';
import { enqueueNews } from '../push/send-news.ts';
import type { Transaction } from './idempotency.ts';

/**
 * What a reporter sees on the timeline. `received`: the server has the report; `visible`: every
 * item arrived and the helpline can see it; `status-changed` ({status}): a case worker moved it on.
 * Staff code records `status-changed` and `helpline-replied`, referrals `handed-over`,
 * `partner-confirmed` and `partner-outcome` through this same function: it is also where a reporter who
 * opted in gets one "there is news" push per event they can see (queued in the same transaction).
 */
export type ReportEvent =
  | 'received'
  | 'evidence-received'
  | 'visible'
  | 'status-changed'
  | 'helpline-replied'
  | 'handed-over'
  | 'partner-confirmed'
  | 'partner-outcome';

export async function recordReportEvent(
  db: Db | Transaction,
  reportId: string,
  event: ReportEvent,
  detail?: Record<string, string | number | boolean>,
  at: Date = new Date(),
): Promise<void> {
  const id = randomUUID();
  await db.insert(reportEvents).values({ id, reportId, event, at, detail: detail ?? null });
  await enqueueNews(db, reportId, event, id);
}
