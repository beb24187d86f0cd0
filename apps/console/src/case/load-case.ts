import { getBytes, getJson } from '../lib/api.ts';
import { loadCrypto } from '../lib/crypto.ts';
import { helplineIdentities, helplineIdentity, subscribe } from '../lib/session.ts';
import type { CaseDetail } from '../lib/types.ts';
import { type OpenedCase, openCase } from './open-case.ts';

/**
 * Fetches and opens a case. The last opened case is kept in memory so the export screen does not
 * fetch and decrypt everything again; locking or signing out drops it with the key.
 */
let last: OpenedCase | null = null;
subscribe(() => {
  if (helplineIdentity() === null) last = null;
});

export function lastOpened(id: string): OpenedCase | null {
  return last?.detail.id === id ? last : null;
}

export async function loadCase(
  id: string,
  serverPublicKey: string,
  reuse?: OpenedCase | null,
): Promise<OpenedCase> {
  const identity = helplineIdentities();
  if (!identity || identity.length === 0) throw new Error('locked');
  const [crypto, detail] = await Promise.all([loadCrypto(), getJson<CaseDetail>(`/staff/cases/${id}`)]);
  // Evidence does not change after receipt: reuse ciphertexts already fetched for this case.
  const known = new Map((reuse?.detail.id === id ? reuse.items : []).map((i) => [i.manifest.id, i.sealed]));
  const opened = await openCase(crypto, identity, detail, {
    serverPublicKey,
    fetchItem: async (itemId) => known.get(itemId) ?? getBytes(`/staff/cases/${id}/items/${itemId}`),
  });
  last = opened;
  return opened;
}
