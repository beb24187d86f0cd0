const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * A report whose evidence never finished arriving is never seen by the helpline. After this long the
 * phone has given up too (tus expires a staged upload after the same week), so the half report goes.
 */
export const AWAITING_EVIDENCE_DAYS = 7;

/** Cases closed before this moment have outlived the pack's retention period. */
export function closedCaseCutoff(closedCaseDays: number, now: Date): Date {
  return new Date(now.getTime() - closedCaseDays * DAY_MS);
}

/** Reports still waiting for evidence that were made before this moment are abandoned. */
export function awaitingEvidenceCutoff(now: Date, days = AWAITING_EVIDENCE_DAYS): Date {
  return new Date(now.getTime() - days * DAY_MS);
}
