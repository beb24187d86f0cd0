import { getJson, postJson } from './api.ts';
import type { Crypto } from './crypto.ts';
import { type GrantsAnswer, keysFrom, personalKeyEnrolment, type WorkerKeys } from './helpline-keys.ts';

/**
 * After the wrapped keyring opened: fetches the helpline keys granted to this worker and opens them.
 * With the password's unwrap key at hand and no personal key yet, it first makes one (so the next key
 * rotation can reach this worker) and returns the re-wrapped copy the session keeps for unlocking.
 */
export async function unlockKeys(
  c: Crypto,
  keyring: string[],
  unwrapKey?: Uint8Array,
): Promise<WorkerKeys & { wrapped?: Uint8Array }> {
  let answer: GrantsAnswer;
  try {
    answer = await getJson<GrantsAnswer>('/staff/key-grants');
  } catch {
    // A session that may only add a passkey, or a server that is away: the keyring still opens.
    return { keyring, helpline: keyring, personal: null };
  }
  if (!answer.personalRecipient && unwrapKey) {
    const enrolment = await personalKeyEnrolment(c, keyring, unwrapKey);
    try {
      const r = await postJson<{ personalRecipient: string }>('/staff/me/personal-key', enrolment.body);
      const keys = await keysFrom(c, enrolment.keyring, {
        ...answer,
        personalRecipient: r.personalRecipient,
      });
      return { ...keys, wrapped: enrolment.wrapped };
    } catch {
      // Another tab enrolled first: keep what opened; the next sign-in reads the stored keyring.
    }
  }
  return keysFrom(c, keyring, answer);
}
