import { Decrypter } from 'age-encryption';
import { fromUtf8, toHex, utf8 } from './encoding.ts';
import { OpenError } from './errors.ts';
import { isIdentity, recipientOf } from './keys.ts';
import { seal } from './seal.ts';
import type { AgeIdentity, AgeRecipient } from './types.ts';
import { wrapHelplineIdentity } from './worker-keys.ts';

/**
 * Key rotation. A worker's wrapped copy (under their password's unwrap key, or a passkey's) holds a
 * keyring: one or more age identities, one a line. Since rotation it holds the worker's own personal
 * identity, whose recipient the server knows; every helpline identity made by a rotation reaches a
 * worker as a grant, the identity sealed to that personal recipient. A removed worker gets no grant of
 * a new helpline identity, so a report sealed after the rotation is closed to them, while every current
 * worker holds the old identities too and still opens every older report.
 */

/** Wraps several identities (a keyring) like `wrapHelplineIdentity` wraps one; order is kept. */
export function wrapKeyring(identities: readonly AgeIdentity[], unwrapKey: Uint8Array): Promise<Uint8Array> {
  if (identities.length === 0 || !identities.every(isIdentity)) {
    throw new TypeError('A keyring is one or more age identities.');
  }
  // One identity a line: a single identity is the format wrapHelplineIdentity always wrote.
  return wrapHelplineIdentity(identities.join('\n') as AgeIdentity, unwrapKey);
}

/** Opens a wrapped keyring (also an older copy holding one identity); `OpenError` for a wrong key. */
export async function unwrapKeyring(wrapped: Uint8Array, unwrapKey: Uint8Array): Promise<AgeIdentity[]> {
  if (unwrapKey.length !== 32) throw new TypeError('An unwrap key is 32 bytes.');
  const decrypter = new Decrypter();
  decrypter.addPassphrase(toHex(unwrapKey));
  let text: string;
  try {
    text = fromUtf8(await decrypter.decrypt(wrapped));
  } catch (cause) {
    throw new OpenError({ cause });
  }
  return parseKeyring(text);
}

/** The identities of a keyring's text; `OpenError` when any line is not an identity. */
export function parseKeyring(text: string): AgeIdentity[] {
  const lines = text.split('\n').filter((line) => line.length > 0);
  if (lines.length === 0 || !lines.every(isIdentity)) throw new OpenError();
  return [...new Set(lines)] as AgeIdentity[];
}

/** A helpline identity sealed to one worker's personal recipient (an age file holding the identity). */
export function sealGrant(identity: AgeIdentity, personalRecipient: AgeRecipient): Promise<Uint8Array> {
  if (!isIdentity(identity)) throw new TypeError('Not an age X25519 identity.');
  return seal(utf8(identity), [personalRecipient]);
}

/**
 * Opens a grant with the worker's personal identity and checks that it holds the identity of
 * `recipient` (the helpline recipient the server says it is for), so a grant cannot pass off one key
 * as another. `OpenError` otherwise.
 */
export async function openGrant(
  sealed: Uint8Array,
  personal: AgeIdentity,
  recipient: string,
): Promise<AgeIdentity> {
  const decrypter = new Decrypter();
  decrypter.addIdentity(personal);
  let text: string;
  try {
    text = fromUtf8(await decrypter.decrypt(sealed));
  } catch (cause) {
    throw new OpenError({ cause });
  }
  if (!isIdentity(text) || (await recipientOf(text)) !== recipient) throw new OpenError();
  return text;
}

/** The identity among `identities` whose recipient is `recipient`, or null. */
export async function identityFor(
  identities: readonly AgeIdentity[],
  recipient: string | null,
): Promise<AgeIdentity | null> {
  if (!recipient) return null;
  for (const identity of identities) if ((await recipientOf(identity)) === recipient) return identity;
  return null;
}
