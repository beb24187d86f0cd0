/**
 * Why a supervisor keeps a case past its retention period. Short codes, not free text: the reason is
 * written to the audit log in the clear, so it must never carry anything about the reporter.
 */
export const LEGAL_HOLD_REASONS = [
  'police-request',
  'court-order',
  'complaint',
  'safeguarding-review',
] as const;
export type LegalHoldReason = (typeof LEGAL_HOLD_REASONS)[number];
