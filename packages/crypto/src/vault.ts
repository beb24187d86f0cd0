import { Decrypter, Encrypter } from 'age-encryption';
import { fromUtf8, utf8 } from './encoding.ts';
import { WrongPinError } from './errors.ts';
import { generateIdentity, isIdentity } from './keys.ts';
import { scryptIdentity, scryptRecipient } from './scrypt-stanza.ts';
import type { AgeIdentity, AgeRecipient } from './types.ts';

export { WrongPinError } from './errors.ts';

export interface Vault {
  /** The vault identity as an age passphrase file under the PIN; safe to keep in IndexedDB. */
  wrappedIdentity: Uint8Array;
  /** Seal new evidence to this with `seal`: adding needs no PIN, reading does. */
  recipient: AgeRecipient;
}

/**
 * A new on-device evidence vault: a fresh age identity wrapped under the PIN with age's passphrase mode
 * at its normal scrypt work factor (2^18, 256 MiB; above OWASP's scrypt minimum of 2^17). A PIN has
 * little entropy, so the slow KDF is what stands between someone holding the phone and the evidence.
 * scrypt runs in WebAssembly (scrypt-stanza.ts); the reporter app calls this from a worker.
 */
export async function createVault(pin: string): Promise<Vault> {
  return (await createUnlockedVault(pin)).vault;
}

/**
 * `createVault`, also handing back the new identity so the app that just asked for the PIN can use the
 * vault at once: unlocking right after creating would run the slow scrypt a second time (seconds on a
 * cheap phone). Keep only `vault` in storage; the identity stays in memory.
 */
export async function createUnlockedVault(pin: string): Promise<{ vault: Vault; identity: AgeIdentity }> {
  if (pin.length === 0) throw new TypeError('A vault needs a PIN.');
  const { identity, recipient } = await generateIdentity();
  const encrypter = new Encrypter();
  encrypter.addRecipient(scryptRecipient(pin.normalize('NFC')));
  return { vault: { wrappedIdentity: await encrypter.encrypt(utf8(identity)), recipient }, identity };
}

/**
 * The vault identity, to open items with `open`. Throws `WrongPinError` when the PIN does not fit.
 * (A damaged wrapped identity looks the same as a wrong PIN: age cannot tell them apart.)
 */
export async function unlockVault(wrappedIdentity: Uint8Array, pin: string): Promise<AgeIdentity> {
  const decrypter = new Decrypter();
  // The work factor is read from the vault's own stanza: a vault made at another one still opens.
  decrypter.addIdentity(scryptIdentity(pin.normalize('NFC')));
  let text: string;
  try {
    text = fromUtf8(await decrypter.decrypt(wrappedIdentity));
  } catch (cause) {
    throw new WrongPinError({ cause });
  }
  if (!isIdentity(text)) throw new WrongPinError();
  return text;
}
