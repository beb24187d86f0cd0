import type { ReportMetadata, SharedPart } from '@vangnet/core';

/**
 * What a partner receives. `sealed` opens to a `PartnerContent` (core/routing/partner-content.ts). The content (description, evidence the worker chose, contact details the
 * reporter agreed to share) is sealed in the console to the partner's age recipient; the server only
 * carries the ciphertext. The clear part is the whitelisted metadata a partner needs to triage, and
 * the link to confirm receipt and report the outcome.
 */
export type ReferralPackage = {
  version: 1;
  referralId: string;
  country: string;
  packVersion: string;
  service: { id: string; name: string };
  from: { helplineId: string; helplineName: string };
  metadata: Pick<ReportMetadata, 'category' | 'role' | 'ageBand' | 'flags'>;
  consent: { recordedAt: string };
  /** Which parts of the report are inside `sealed` (core/routing/partner-content.ts). */
  shared: SharedPart[];
  createdAt: string;
  /** age ciphertext, base64. */
  sealed: string;
  /** The referral's address: POST `{token}` to `<partnerUrl>/ack`, `{token, outcome}` to `<partnerUrl>/outcome`. */
  partnerUrl: string;
  /** For people: `<partnerUrl>#token=…`. The token sits after `#`, which browsers never send, so it stays out of logs. */
  link: string;
  token: string;
};

export const OUTCOMES = ['accepted', 'declined', 'resolved', 'referred-on'] as const;
export type Outcome = (typeof OUTCOMES)[number];
