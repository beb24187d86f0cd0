import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/open-database.ts';
import { reportEvents } from '../db/schema/index.ts';
import { enqueueNews } from '../push/send-news.ts';
import type { Transaction } from './idempotency.ts';

/**
 * What a reporter sees on the timeline. `received`: the server has the report; `visible`: every
 * item arrived and the helpline can see it; `status-changed` ({status}): a case worker moved it on.
 * `helpline-read`: a worker opened the case for the first time.
 * Staff code records `status-changed`, `helpline-read` and `helpline-replied`, referrals `handed-over`,
 * `partner-confirmed` and `partner-outcome`, trusted-flagger notices `platform-answered` ({platform,
 * outcome}) through this same function: it is also where a reporter who
 * opted in gets one "there is news" push per event they can see (queued in the same transaction).
 */
export type ReportEvent =
  | 'received'
  | 'helpline-read'
  | 'evidence-received'
  | 'visible'
  | 'status-changed'
  | 'helpline-replied'
  | 'handed-over'
  | 'partner-confirmed'
  | 'partner-outcome'
  | 'platform-answered';

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

/** Records an event only if the report has none of that kind yet (the first read of a case). */
export async function recordFirstReportEvent(
  db: Db | Transaction,
  reportId: string,
  event: ReportEvent,
  at: Date = new Date(),
): Promise<void> {
  const [seen] = await db
    .select({ id: reportEvents.id })
    .from(reportEvents)
    .where(and(eq(reportEvents.reportId, reportId), eq(reportEvents.event, event)))
    .limit(1);
  if (!seen) await recordReportEvent(db, reportId, event, undefined, at);
}
