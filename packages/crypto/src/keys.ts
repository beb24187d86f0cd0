import { bech32 } from '@scure/base';
import { identityToRecipient } from 'age-encryption';
import { requireWebCrypto } from './secure-context.ts';
import type { AgeIdentity, AgeRecipient } from './types.ts';

const IDENTITY_PREFIX = 'AGE-SECRET-KEY-';
const RECIPIENT_PREFIX = 'age';
// age strings are longer than bech32's 90-character default limit allows for some key types; ours
// are 74 and 62 characters, but a generous limit keeps decoding from failing on length alone.
const BECH32_LIMIT = 200;

/** A fresh random age X25519 key pair. */
export async function generateIdentity(): Promise<{ identity: AgeIdentity; recipient: AgeRecipient }> {
  const secret = new Uint8Array(32);
  globalThis.crypto.getRandomValues(secret);
  const identity = identityFromSecret(secret);
  secret.fill(0);
  return { identity, recipient: await recipientOf(identity) };
}

/** The age recipient (public key) of an identity. */
export async function recipientOf(identity: AgeIdentity): Promise<AgeRecipient> {
  requireWebCrypto();
  // Checked first because the bech32 decoder's own errors quote the whole string, secret included.
  return (await identityToRecipient(asIdentity(identity))) as AgeRecipient;
}

/**
 * Encodes a 32-byte X25519 secret as an age identity. age clamps the scalar itself, so any 32 bytes
 * (for example the output of a KDF) make a valid key.
 */
export function identityFromSecret(secret: Uint8Array): AgeIdentity {
  if (secret.length !== 32) throw new TypeError('An X25519 secret is 32 bytes.');
  return bech32.encode(IDENTITY_PREFIX, bech32.toWords(secret), BECH32_LIMIT).toUpperCase() as AgeIdentity;
}

function decodes(text: string, prefix: string): boolean {
  try {
    const { prefix: found, words } = bech32.decode(text as `${string}1${string}`, BECH32_LIMIT);
    return found.toLowerCase() === prefix.toLowerCase() && bech32.fromWords(words).length === 32;
  } catch {
    return false;
  }
}

/** Whether the text is an age X25519 recipient (`age1…`, 32-byte key, valid checksum). */
export function isRecipient(text: unknown): text is AgeRecipient {
  return typeof text === 'string' && text.startsWith('age1') && decodes(text, RECIPIENT_PREFIX);
}

/** Whether the text is an age X25519 identity (`AGE-SECRET-KEY-1…`, 32-byte key, valid checksum). */
export function isIdentity(text: unknown): text is AgeIdentity {
  return typeof text === 'string' && text.startsWith('AGE-SECRET-KEY-1') && decodes(text, IDENTITY_PREFIX);
}

/** Checks a recipient that came from outside (config, a country pack, an API) and brands it. */
export function asRecipient(text: string): AgeRecipient {
  if (!isRecipient(text)) throw new TypeError('Not an age X25519 recipient.');
  return text;
}

/** Checks an identity that came from outside (a file, a wrapped key) and brands it. The message never echoes it. */
export function asIdentity(text: string): AgeIdentity {
  if (!isIdentity(text)) throw new TypeError('Not an age X25519 identity.');
  return text;
}
