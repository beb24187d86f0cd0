import { hkdf } from '@noble/hashes/hkdf.js';
import { scryptAsync } from '@noble/hashes/scrypt.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { Decrypter, Encrypter } from 'age-encryption';
import { fromHex, fromUtf8, toHex, utf8 } from './encoding.ts';
import { OpenError } from './errors.ts';
import { isIdentity } from './keys.ts';
import type { AgeIdentity } from './types.ts';

const WORKER_SCRYPT = { N: 2 ** 15, r: 8, p: 1, dkLen: 64 } as const;
const MIN_SALT_BYTES = 16;
// The passphrase is hex(unwrapKey): 256 bits straight out of scrypt, so there is nothing left to
// guess and a high age work factor would only make every login slower. 10 is the lowest cost that
// still reads as an ordinary age passphrase file.
const WRAP_WORK_FACTOR = 10;

export interface WorkerSecrets {
  /** Sent to the server at login (which stores only a slow hash of it): 64 hex characters. */
  authKey: string;
  /** Never leaves the browser: unwraps the helpline identity. 32 bytes. */
  unwrapKey: Uint8Array;
}

/**
 * Splits a case worker's password into a login key and an unwrap key, so the server can check the
 * password without ever being able to unwrap the helpline key:
 * scrypt(password, salt, N=2^15, r=8, p=1) → 64 bytes; first 32 → authKey (hex), last 32 → unwrapKey.
 * `saltHex` is the worker's random salt from `/staff/prelogin` (at least 16 bytes).
 */
export async function deriveWorkerSecrets(password: string, saltHex: string): Promise<WorkerSecrets> {
  const salt = fromHex(saltHex);
  if (salt.length < MIN_SALT_BYTES) throw new TypeError('The salt must be at least 16 bytes.');
  // NFC: the same password typed on another keyboard or OS (composed vs decomposed accents) must give
  // the same bytes.
  const out = await scryptAsync(utf8(password.normalize('NFC')), salt, WORKER_SCRYPT);
  return { authKey: toHex(out.subarray(0, 32)), unwrapKey: out.slice(32, 64) };
}

function passphraseOf(unwrapKey: Uint8Array): string {
  if (unwrapKey.length !== 32) throw new TypeError('An unwrap key is 32 bytes.');
  return toHex(unwrapKey);
}

/** Wraps the helpline identity for one case worker: an age passphrase file under hex(unwrapKey). */
export async function wrapHelplineIdentity(
  identity: AgeIdentity,
  unwrapKey: Uint8Array,
): Promise<Uint8Array> {
  const encrypter = new Encrypter();
  encrypter.setPassphrase(passphraseOf(unwrapKey));
  encrypter.setScryptWorkFactor(WRAP_WORK_FACTOR);
  return encrypter.encrypt(utf8(identity));
}

/** Unwraps the helpline identity (the first of a keyring); throws `OpenError` for a wrong key (wrong password) or changed bytes. */
export async function unwrapHelplineIdentity(
  wrapped: Uint8Array,
  unwrapKey: Uint8Array,
): Promise<AgeIdentity> {
  const decrypter = new Decrypter();
  decrypter.addPassphrase(passphraseOf(unwrapKey));
  let text: string;
  try {
    text = fromUtf8(await decrypter.decrypt(wrapped));
  } catch (cause) {
    throw new OpenError({ cause });
  }
  // A keyring (helpline-keyring.ts) holds one identity a line; its first is the helpline identity.
  const first = text.split('\n')[0];
  if (!isIdentity(first)) throw new OpenError();
  return first;
}

/** What the console asks a passkey's PRF for (the browser hashes it again with "WebAuthn PRF\0"). */
export const PASSKEY_PRF_INPUT: Uint8Array = sha256(utf8('vangnet/staff/passkey-prf/v1'));

/**
 * The unwrap key a passkey gives through the WebAuthn PRF extension: HKDF-SHA-256 over the PRF output
 * (32 secret bytes only that authenticator can make for that credential), so the raw PRF output is
 * never itself the key. Used with `wrapHelplineIdentity` / `unwrapHelplineIdentity` like the
 * password's unwrap key; the server stores the result wrapped and cannot open it.
 */
export function passkeyUnwrapKey(prfOutput: Uint8Array): Uint8Array {
  if (prfOutput.length < 32) throw new TypeError('A PRF output is at least 32 bytes.');
  return hkdf(sha256, prfOutput, undefined, utf8('vangnet/staff/passkey-unwrap/v1'), 32);
}
