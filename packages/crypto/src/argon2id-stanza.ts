import { chacha20poly1305 } from '@noble/ciphers/chacha.js';
import { base64nopad } from '@scure/base';
import { type Identity, type Recipient, Stanza } from 'age-encryption';
import { argon2id } from 'hash-wasm';
import { utf8 } from './encoding.ts';

/**
 * A PIN-wrapping stanza for age files with Argon2id as its key derivation, in WebAssembly (hash-wasm).
 * It has the shape of age's own `scrypt` stanza (a salt and the work factor in the arguments, the file
 * key under ChaCha20-Poly1305 with a zero nonce as the body, and the only stanza in its header) with a
 * stanza type of its own, `vangnet-argon2id`, so no age tool mistakes it for passphrase mode.
 *
 * Why not scrypt: age's scrypt at 2^18 takes about ten seconds on a cheap phone and 256 MiB of memory,
 * and OWASP's scrypt minimum (2^17) would still take five. OWASP's Argon2id minimum (19 MiB, two passes,
 * one lane) costs a tenth of that time and memory while staying within current guidance, so the PIN
 * screen answers within a second. The parameters travel in the stanza, so a future change of the work
 * factor opens every older vault.
 */

const LABEL = 'vangnet.eu/v1/argon2id';
export const ARGON2ID_STANZA = 'vangnet-argon2id';

export type Argon2idCost = { memoryKiB: number; passes: number };

/** OWASP Password Storage Cheat Sheet, Argon2id: m = 19 MiB, t = 2, p = 1 (its first listed option). */
export const VAULT_ARGON2ID: Argon2idCost = { memoryKiB: 19 * 1024, passes: 2 };

/** A hostile file must not make the phone allocate gigabytes or spin for minutes. */
const MAX_MEMORY_KIB = 256 * 1024;
const MAX_PASSES = 16;
/** Argon2's own floor is 8 KiB per lane; below OWASP's weakest option is not accepted either. */
const MIN_MEMORY_KIB = 7 * 1024;

async function stanzaKey(passphrase: string, salt: Uint8Array, cost: Argon2idCost): Promise<Uint8Array> {
  const labelAndSalt = new Uint8Array(LABEL.length + salt.length);
  labelAndSalt.set(utf8(LABEL));
  labelAndSalt.set(salt, LABEL.length);
  return argon2id({
    password: utf8(passphrase),
    salt: labelAndSalt,
    parallelism: 1,
    iterations: cost.passes,
    memorySize: cost.memoryKiB,
    hashLength: 32,
    outputType: 'binary',
  });
}

/** Wraps the file key under the passphrase: one `vangnet-argon2id` stanza, the only one in the header. */
export function argon2idRecipient(passphrase: string, cost: Argon2idCost = VAULT_ARGON2ID): Recipient {
  return {
    async wrapFileKey(fileKey) {
      const salt = globalThis.crypto.getRandomValues(new Uint8Array(16));
      const key = await stanzaKey(passphrase, salt, cost);
      const body = chacha20poly1305(key, new Uint8Array(12)).encrypt(fileKey);
      return [
        new Stanza(
          [ARGON2ID_STANZA, base64nopad.encode(salt), String(cost.memoryKiB), String(cost.passes)],
          body,
        ),
      ];
    },
  };
}

const DECIMAL = /^[1-9][0-9]{0,8}$/;

/**
 * Unwraps a `vangnet-argon2id` stanza with the passphrase; null when the passphrase does not fit or the
 * file has no such stanza. A malformed stanza or a cost outside the limits throws before any work.
 */
export function argon2idIdentity(passphrase: string): Identity {
  return {
    async unwrapFileKey(stanzas) {
      const stanza = stanzas.find((s) => s.args[0] === ARGON2ID_STANZA);
      if (!stanza) return null;
      if (stanzas.length !== 1) throw new Error('argon2id recipient is not the only one in the header');
      const [, saltText, memoryText, passesText] = stanza.args;
      if (stanza.args.length !== 4 || !DECIMAL.test(memoryText ?? '') || !DECIMAL.test(passesText ?? '')) {
        throw new Error('invalid argon2id stanza');
      }
      const salt = base64nopad.decode(saltText ?? '');
      const cost = { memoryKiB: Number(memoryText), passes: Number(passesText) };
      if (salt.length !== 16 || stanza.body.length !== 32) throw new Error('invalid argon2id stanza');
      if (cost.memoryKiB > MAX_MEMORY_KIB || cost.memoryKiB < MIN_MEMORY_KIB || cost.passes > MAX_PASSES) {
        throw new Error('argon2id cost is outside the accepted range');
      }
      const key = await stanzaKey(passphrase, salt, cost);
      try {
        return chacha20poly1305(key, new Uint8Array(12)).decrypt(stanza.body);
      } catch {
        return null;
      }
    },
  };
}
