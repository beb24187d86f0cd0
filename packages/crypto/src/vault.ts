import { Decrypter, Encrypter } from 'age-encryption';
import { argon2idIdentity, argon2idRecipient } from './argon2id-stanza.ts';
import { fromUtf8, utf8 } from './encoding.ts';
import { WrongPinError } from './errors.ts';
import { generateIdentity, isIdentity } from './keys.ts';
import { scryptIdentity } from './scrypt-stanza.ts';
import type { AgeIdentity, AgeRecipient } from './types.ts';

export { WrongPinError } from './errors.ts';

export interface Vault {
  /** The vault identity as an age passphrase file under the PIN; safe to keep in IndexedDB. */
  wrappedIdentity: Uint8Array;
  /** Seal new evidence to this with `seal`: adding needs no PIN, reading does. */
  recipient: AgeRecipient;
}

/**
 * A new on-device evidence vault: a fresh age identity wrapped under the PIN with Argon2id at OWASP's
 * minimum (19 MiB, two passes; argon2id-stanza.ts). A PIN has little entropy, so the slow KDF is what
 * stands between someone holding the phone and the evidence; it runs in WebAssembly, and the reporter
 * app calls this from a worker.
 */
export async function createVault(pin: string): Promise<Vault> {
  return (await createUnlockedVault(pin)).vault;
}

/**
 * `createVault`, also handing back the new identity so the app that just asked for the PIN can use the
 * vault at once: unlocking right after creating would run the slow KDF a second time. Keep only
 * `vault` in storage; the identity stays in memory.
 */
export async function createUnlockedVault(pin: string): Promise<{ vault: Vault; identity: AgeIdentity }> {
  if (pin.length === 0) throw new TypeError('A vault needs a PIN.');
  const { identity, recipient } = await generateIdentity();
  return { vault: { wrappedIdentity: await wrapIdentity(identity, pin), recipient }, identity };
}

async function wrapIdentity(identity: AgeIdentity, pin: string): Promise<Uint8Array> {
  const encrypter = new Encrypter();
  encrypter.addRecipient(argon2idRecipient(pin.normalize('NFC')));
  return encrypter.encrypt(utf8(identity));
}

export type UnlockedVault = {
  identity: AgeIdentity;
  /**
   * Set when the vault was wrapped the old way (age passphrase mode, scrypt 2^18: ten seconds on a
   * cheap phone): the same identity wrapped again under the same PIN with Argon2id. Store it in place
   * of the old bytes and the next unlock is fast; the vault's recipient and items do not change.
   */
  rewrapped?: Uint8Array;
};

/**
 * The vault identity, to open items with `open`. Throws `WrongPinError` when the PIN does not fit.
 * (A damaged wrapped identity looks the same as a wrong PIN: age cannot tell them apart.)
 */
export async function unlockVault(wrappedIdentity: Uint8Array, pin: string): Promise<AgeIdentity> {
  return (await unlockAndUpgradeVault(wrappedIdentity, pin)).identity;
}

/** `unlockVault`, also re-wrapping a vault made before Argon2id (see `UnlockedVault.rewrapped`). */
export async function unlockAndUpgradeVault(
  wrappedIdentity: Uint8Array,
  pin: string,
): Promise<UnlockedVault> {
  const normalized = pin.normalize('NFC');
  const decrypter = new Decrypter();
  // The stanza says which KDF and work factor the vault was made with; each identity only answers its own.
  decrypter.addIdentity(argon2idIdentity(normalized));
  let openedByScrypt = false;
  const scrypt = scryptIdentity(normalized);
  decrypter.addIdentity({
    async unwrapFileKey(stanzas) {
      const fileKey = await scrypt.unwrapFileKey(stanzas);
      if (fileKey) openedByScrypt = true;
      return fileKey;
    },
  });
  let text: string;
  try {
    text = fromUtf8(await decrypter.decrypt(wrappedIdentity));
  } catch (cause) {
    throw new WrongPinError({ cause });
  }
  if (!isIdentity(text)) throw new WrongPinError();
  return openedByScrypt
    ? { identity: text, rewrapped: await wrapIdentity(text, normalized) }
    : { identity: text };
}
