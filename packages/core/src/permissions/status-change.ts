import type { ReportState } from '../report-metadata.ts';

/**
 * Which status changes a worker may make. The country pack's `statusWorkflow` decides; without one
 * this default applies. `awaiting-evidence` is never set by hand: only the arrival of the last evidence
 * item moves a report out of it, and a worker never sees a report in it.
 */
export type StatusTransition = {
  from: readonly ReportState[];
  to: ReportState;
  requires?: readonly string[];
};

const OPEN: ReportState[] = ['new', 'contacted', 'in-progress', 'referred'];

export const DEFAULT_STATUS_TRANSITIONS: readonly StatusTransition[] = [
  { from: ['new'], to: 'contacted' },
  { from: ['new', 'contacted', 'referred'], to: 'in-progress' },
  { from: ['new', 'contacted', 'in-progress'], to: 'referred', requires: ['serviceId'] },
  { from: OPEN, to: 'closed' },
  // Reopening: a reporter writes again after the case was closed.
  { from: ['closed'], to: 'in-progress' },
];

export type StatusChangeCheck =
  | { ok: true }
  | { ok: false; code: 'case.status-not-settable' | 'case.status-transition'; missing?: never }
  | { ok: false; code: 'case.status-fields-missing'; missing: string[] };

export function checkStatusChange(
  from: ReportState,
  to: ReportState,
  fields: Readonly<Record<string, unknown>>,
  transitions: readonly StatusTransition[] = DEFAULT_STATUS_TRANSITIONS,
): StatusChangeCheck {
  if (to === 'awaiting-evidence' || from === 'awaiting-evidence') {
    return { ok: false, code: 'case.status-not-settable' };
  }
  const transition = transitions.find((t) => t.to === to && t.from.includes(from));
  if (!transition) return { ok: false, code: 'case.status-transition' };
  const missing = (transition.requires ?? []).filter((f) => fields[f] === undefined || fields[f] === '');
  if (missing.length) return { ok: false, code: 'case.status-fields-missing', missing };
  return { ok: true };
}
