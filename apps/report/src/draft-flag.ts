import { readSession, writeSession } from './lib/storage.ts';

/** Where the sealed draft lives; read here without loading the flow chunk. */
export const DRAFT_KEY = 'vn.draft';
/** Set once the draft's report is sealed and queued: "Report something" then starts a new one. */
const SENT_KEY = 'vn.draft.sent';

/** A report in progress that has not been sent yet. */
export function hasDraft(): boolean {
  return readSession(DRAFT_KEY) !== null && readSession(SENT_KEY) === null;
}

export function markDraftSent(sent: boolean): void {
  writeSession(SENT_KEY, sent ? '1' : null);
}
