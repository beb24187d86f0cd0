import { readSession } from './lib/storage.ts';

/** Where the sealed draft lives; read here without loading the flow chunk. */
export const DRAFT_KEY = 'vn.draft';

export function hasDraft(): boolean {
  return readSession(DRAFT_KEY) !== null;
}
