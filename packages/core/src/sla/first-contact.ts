import { checkStatusChange, type StatusTransition } from '../permissions/status-change.ts';
import type { ReportState } from '../report-metadata.ts';
import { leadTimeMs } from './lead-time.ts';

/** How a worker first reached the reporter: a sealed message in the app, or a call or chat they record. */
export const FIRST_CONTACT_VIA = ['message', 'phone', 'chat'] as const;
export type FirstContactVia = (typeof FIRST_CONTACT_VIA)[number];

/** The status that means "a person has reached the reporter"; the pack's workflow says if and from where. */
const CONTACTED: ReportState = 'contacted';

/**
 * Where first contact moves a case: to `contacted` when the pack's workflow allows that step from the
 * current status without extra fields; otherwise the status stays (a case already referred or in
 * progress keeps its status, and a pack without the step keeps `new`, while the countdown still stops).
 */
export function statusAfterFirstContact(
  from: ReportState,
  transitions: readonly StatusTransition[],
): ReportState | null {
  return checkStatusChange(from, CONTACTED, {}, transitions).ok ? CONTACTED : null;
}

export type FirstContactTimes = {
  /** When the helpline could see the report (the countdown starts here). */
  visibleAt: Date;
  firstContactAt: Date | null;
  /** The target that applied to this case (PT24H, or the urgent one). */
  target: string;
};

export type FirstContactFigures = {
  cases: number;
  contacted: number;
  medianMs: number | null;
  /** Share of contacted cases reached within their target. */
  withinTarget: number | null;
};

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Measured first-contact lead times: figures only, no case ids (a statistics page applies k-anonymity). */
export function summariseFirstContacts(cases: readonly FirstContactTimes[]): FirstContactFigures {
  const reached = cases.filter((c) => c.firstContactAt !== null);
  const spans = reached.map((c) => Math.max(0, c.firstContactAt!.getTime() - c.visibleAt.getTime()));
  const within = reached.filter((c, i) => spans[i]! <= leadTimeMs(c.target)).length;
  return {
    cases: cases.length,
    contacted: reached.length,
    medianMs: median(spans),
    withinTarget: reached.length === 0 ? null : within / reached.length,
  };
}
