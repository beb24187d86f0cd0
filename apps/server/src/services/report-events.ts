import { randomUUID } from 'node:crypto';
import type { Db } from '../db/open-database.ts';
import { reportEvents } from '../db/schema/index.ts';
import type { Transaction } from './idempotency.ts';

/**
 * What a reporter sees on the timeline. `received`: the server has the report; `visible`: every
 * item arrived and the helpline can see it; `status-changed` ({status}): a case worker moved it on.
 * Staff code records `status-changed` through this same function.
 */
export type ReportEvent =
  | 'received'
  | 'evidence-received'
  | 'visible'
  | 'status-changed'
  | 'helpline-replied';

export async function recordReportEvent(
  db: Db | Transaction,
  reportId: string,
  event: ReportEvent,
  detail?: Record<string, string | number | boolean>,
  at: Date = new Date(),
): Promise<void> {
  await db.insert(reportEvents).values({ id: randomUUID(), reportId, event, at, detail: detail ?? null });
}
