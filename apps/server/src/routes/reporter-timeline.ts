import type { ReportEventRow } from '../db/schema/index.ts';

/**
 * What the reporter may know of each timeline event: its kind, its time and a few codes (a status,
 * a service id from the pack, a partner's outcome code). Anything else a record holds (a service's
 * display name, future bookkeeping) stays on the server; the app words it from its own pack and
 * catalogs. Events not listed here are not shown at all.
 */
const SHOWN: Readonly<Record<string, readonly string[]>> = {
  received: [],
  'evidence-received': [],
  visible: [],
  'helpline-read': [],
  'status-changed': ['status'],
  'helpline-replied': [],
  'handed-over': ['serviceId'],
  'partner-confirmed': ['serviceId'],
  'partner-outcome': ['serviceId', 'outcome'],
  'platform-answered': ['platform', 'outcome'],
};

export type ReporterTimelineEntry = {
  at: string;
  event: string;
  detail?: Record<string, string>;
};

export function reporterTimelineEntry(
  e: Pick<ReportEventRow, 'at' | 'event' | 'detail'>,
): ReporterTimelineEntry | null {
  const keys = SHOWN[e.event];
  if (!keys) return null;
  const detail: Record<string, string> = {};
  for (const key of keys) {
    const value = e.detail?.[key];
    if (typeof value === 'string') detail[key] = value;
  }
  return { at: e.at.toISOString(), event: e.event, ...(Object.keys(detail).length ? { detail } : {}) };
}
