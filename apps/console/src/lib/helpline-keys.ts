import type { AgeIdentity, AgeRecipient } from '@vangnet/crypto';
import type { Crypto } from './crypto.ts';

/**
 * The keys a signed-in worker holds (packages/crypto helpline-keyring.ts). `keyring` is what their
 * wrapped copy holds (their personal identity, and the helpline identity of an older account);
 * `helpline` is every helpline identity they may open reports with, newest first: the keyring's and
 * those granted to them by key rotations. Pure: the caller fetches and posts, so the tests run the
 * very code the console runs.
 */
export type WorkerKeys = { keyring: string[]; helpline: string[]; personal: string | null };

export type GrantsAnswer = {
  personalRecipient: string | null;
  grants: { recipient: string; sealed: string }[];
};

/** Opens the grants with the personal identity in the keyring; a grant that does not open is skipped. */
export async function keysFrom(
  c: Crypto,
  keyring: readonly string[],
  answer: GrantsAnswer,
): Promise<WorkerKeys> {
  const ring = keyring as AgeIdentity[];
  const personal = await c.identityFor(ring, answer.personalRecipient);
  const granted: string[] = [];
  if (personal) {
    for (const grant of answer.grants) {
      try {
        granted.push(await c.openGrant(c.fromBase64(grant.sealed), personal, grant.recipient));
      } catch {
        // Changed or not for this worker: the keys already held still open what they can.
      }
    }
  }
  const helpline = [...new Set([...granted.reverse(), ...ring.filter((i) => i !== personal)])];
  return { keyring: [...ring], helpline, personal };
}

/**
 * A first personal identity for a worker who has none yet: the keyring with it added, wrapped again
 * under the password's unwrap key, and the body that names it to the server.
 */
export async function personalKeyEnrolment(c: Crypto, keyring: readonly string[], unwrapKey: Uint8Array) {
  const personal = await c.generateIdentity();
  const next = [...keyring, personal.identity] as AgeIdentity[];
  const wrapped = await c.wrapKeyring(next, unwrapKey);
  return {
    keyring: next as string[],
    wrapped,
    body: { recipient: personal.recipient, wrappedHelplineKey: c.toBase64(wrapped) },
  };
}

export type RotationWorker = { id: string; personalRecipient: string | null };

/**
 * The administrator's half of a key rotation: a new helpline identity made here, and it and every
 * helpline identity this admin holds sealed to the personal recipient of each worker who stays. A
 * removed worker gets nothing. Returns the new identity (the admin's session keeps it) and the body for
 * `POST /staff/helpline-key/rotate`.
 */
export async function rotationRequest(
  c: Crypto,
  input: { helpline: readonly string[]; workers: readonly RotationWorker[]; remove: readonly string[] },
) {
  const fresh = await c.generateIdentity();
  const identities = [fresh.identity, ...(input.helpline as AgeIdentity[])];
  const recipients = await Promise.all(identities.map((i) => c.recipientOf(i)));
  const grants: { workerId: string; recipient: string; sealed: string }[] = [];
  for (const worker of input.workers) {
    if (input.remove.includes(worker.id) || !worker.personalRecipient) continue;
    for (const [i, identity] of identities.entries()) {
      const sealed = await c.sealGrant(identity, worker.personalRecipient as AgeRecipient);
      grants.push({ workerId: worker.id, recipient: recipients[i]!, sealed: c.toBase64(sealed) });
    }
  }
  return {
    identity: fresh.identity as string,
    body: { recipient: fresh.recipient as string, remove: [...input.remove], grants },
  };
}
