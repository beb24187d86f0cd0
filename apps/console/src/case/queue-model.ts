import type { ReportState } from '@vangnet/core';
import type { PackMeta } from '@vangnet/core/pack/schema';
import { isUrgent } from '@vangnet/core/sla/deadlines';
import { addLeadTime } from '@vangnet/core/sla/lead-time';
import { text } from '../lib/text.ts';
import { assigneeId, type CaseSummary } from '../lib/types.ts';

/**
 * The queue's order and filters, kept pure so they can be tested without a browser. A case waits for
 * first human contact while it is `new`; its target comes from the country pack (urgent or default).
 */
export type SlaMeta = { meta: { sla: PackMeta['sla'] } };

export type QueueRow = CaseSummary & {
  urgent: boolean;
  /** First-contact deadline (ms since epoch), or null once contact was made. */
  deadline: number | null;
  /** A worker reached the reporter (a message or a recorded call): the countdown stopped. */
  firstContactMet: boolean;
  unread: boolean;
};

export type QueueFilters = {
  status: ReportState | '';
  category: string;
  platform: string;
  ageBand: string;
  /** '' any, 'me', 'nobody' or a worker id. */
  assignee: string;
};

export const NO_FILTERS: QueueFilters = { status: '', category: '', platform: '', ageBand: '', assignee: '' };

export const OPEN_STATES: readonly ReportState[] = ['new', 'contacted', 'in-progress', 'referred'];

export function toRow(pack: SlaMeta, c: CaseSummary): QueueRow {
  // The server computes urgency from the pack's full policy; the pack's public SLA is the fallback.
  const urgent = c.urgent ?? isUrgent(pack, c.metadata);
  const received = new Date(c.visibleAt ?? c.createdAt);
  const target = urgent ? pack.meta.sla.firstContact.urgent : pack.meta.sla.firstContact.default;
  const firstContactMet = !!c.firstContactAt;
  const deadline = c.status === 'new' && !firstContactMet ? addLeadTime(received, target).getTime() : null;
  return { ...c, urgent, deadline, firstContactMet, unread: !!c.unread };
}

/**
 * A case with a new message from the reporter first (they wrote and wait for an answer); then waiting
 * for contact; among those, urgent first, then the least time left (breached cases have negative time
 * left, so they rise to the top of their group). Cases already contacted follow, oldest first. Ties
 * keep the order the cases arrived in.
 */
export function compareRows(a: QueueRow, b: QueueRow): number {
  if (a.unread !== b.unread) return a.unread ? -1 : 1;
  if ((a.deadline === null) !== (b.deadline === null)) return a.deadline === null ? 1 : -1;
  if (a.urgent !== b.urgent) return a.urgent ? -1 : 1;
  if (a.deadline !== null && b.deadline !== null && a.deadline !== b.deadline) return a.deadline - b.deadline;
  const at = Date.parse(a.visibleAt ?? a.createdAt);
  const bt = Date.parse(b.visibleAt ?? b.createdAt);
  return at - bt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

export function matches(row: QueueRow, f: QueueFilters, myId: string): boolean {
  if (f.status ? row.status !== f.status : !OPEN_STATES.includes(row.status)) return false;
  if (f.category && row.metadata.category !== f.category) return false;
  if (f.platform && row.metadata.platform !== f.platform) return false;
  if (f.ageBand && row.metadata.ageBand !== f.ageBand) return false;
  const who = assigneeId(row.assignee);
  if (f.assignee === 'me' && who !== myId) return false;
  if (f.assignee === 'nobody' && who !== null) return false;
  if (f.assignee && f.assignee !== 'me' && f.assignee !== 'nobody' && who !== f.assignee) return false;
  return true;
}

export function buildQueue(
  pack: SlaMeta,
  cases: readonly CaseSummary[],
  f: QueueFilters,
  myId: string,
): QueueRow[] {
  const rows: QueueRow[] = [];
  for (const c of cases) {
    const row = toRow(pack, c);
    if (matches(row, f, myId)) rows.push(row);
  }
  return rows.sort(compareRows);
}

/** "2 h 05 min left", "overdue by 12 min": words as well as colour, for screen readers and print. */
export function formatTimeLeft(ms: number): { text: string; breached: boolean } {
  const breached = ms < 0;
  const minutes = Math.floor(Math.abs(ms) / 60_000);
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  const span =
    h >= 48
      ? text.queue.days(Math.floor(h / 24), h % 24)
      : h > 0
        ? text.queue.hours(h, String(m).padStart(2, '0'))
        : text.queue.minutes(m);
  return { text: breached ? text.queue.overdue(span) : text.queue.left(span), breached };
}

/** The list with changed cases replaced by id and new ones added (the queue re-sorts and filters). */
export function mergeChanges(list: readonly CaseSummary[], changed: readonly CaseSummary[]): CaseSummary[] {
  if (changed.length === 0) return [...list];
  const byId = new Map(changed.map((c) => [c.id, c]));
  const merged = list.map((c) => byId.get(c.id) ?? c);
  const known = new Set(list.map((c) => c.id));
  for (const c of changed) if (!known.has(c.id)) merged.push(c);
  return merged;
}
