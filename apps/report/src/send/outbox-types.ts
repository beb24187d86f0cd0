import type { ReportMetadata } from '@vangnet/core/report-metadata';

/** A sealed report waiting to go (or gone). Holds only ciphertext and the follow-up token. */
export interface OutboxEntry {
  /** Also the Idempotency-Key: chosen and stored before the first try, so a retry is never a new report. */
  id: string;
  createdAt: number;
  request: {
    metadata: ReportMetadata;
    reporter: { recipient: string; accessTokenHash: string };
    body: string;
    items: { id: string; sha256: string; size: number }[];
  };
  blobs: { id: string; sealed: Uint8Array }[];
  /** Bearer for the uploads; dropped once everything is in. */
  accessToken?: string;
  state: 'queued' | 'created' | 'done' | 'failed';
  reportId?: string;
  uploadUrl?: string;
  uploaded: string[];
  problem?: string;
}

/** Set while anything waits in the outbox, so the first screen knows to load the sender without opening IndexedDB. */
export const OUTBOX_FLAG = 'vn.outbox';

/**
 * A report the child has sent that cannot be sealed yet: the helpline's recipient list did not verify
 * against the pack's trust anchor (send/trusted-recipients.ts). It stays on the phone, sealed at rest
 * under the device's draft key and to nobody else, until a genuine list is served.
 */
export interface UnsealedEntry {
  id: string;
  createdAt: number;
  state: 'unsealed';
  /** `sealAtRest({ draft, lang, code })` (flow/draft.ts). */
  atRest: string;
}

export type AnyOutboxEntry = OutboxEntry | UnsealedEntry;
