import { chacha20poly1305 } from '@noble/ciphers/chacha.js';
import { base64nopad } from '@scure/base';
import { type Identity, type Recipient, Stanza } from 'age-encryption';
import { scrypt } from 'hash-wasm';
import { utf8 } from './encoding.ts';

/**
 * age's passphrase mode (the `scrypt` stanza of the age v1 spec), with scrypt computed in WebAssembly
 * (hash-wasm) instead of typage's pure-JS scrypt. Same stanza, same work factor, same file: a vault
 * wrapped before this change opens with it, and typage or the age CLI open what it wraps (vault.test.ts).
 * The salt and work factor travel in the stanza, so the KDF's parameters are stored with each vault.
 */

const LABEL = 'age-encryption.org/v1/scrypt';
/** age's own default; the vault keeps it (a PIN has little entropy, the KDF is what slows guessing). */
export const VAULT_LOG_N = 18;
/** age refuses more; a hostile file must not make the phone allocate gigabytes. */
const MAX_LOG_N = 20;

async function stanzaKey(passphrase: string, salt: Uint8Array, logN: number): Promise<Uint8Array> {
  const labelAndSalt = new Uint8Array(LABEL.length + salt.length);
  labelAndSalt.set(utf8(LABEL));
  labelAndSalt.set(salt, LABEL.length);
  return scrypt({
    password: utf8(passphrase),
    salt: labelAndSalt,
    costFactor: 2 ** logN,
    blockSize: 8,
    parallelism: 1,
    hashLength: 32,
    outputType: 'binary',
  });
}

/** Wraps the file key under the passphrase: one `scrypt` stanza, the only one in the header. */
export function scryptRecipient(passphrase: string, logN = VAULT_LOG_N): Recipient {
  return {
    async wrapFileKey(fileKey) {
      const salt = globalThis.crypto.getRandomValues(new Uint8Array(16));
      const key = await stanzaKey(passphrase, salt, logN);
      const body = chacha20poly1305(key, new Uint8Array(12)).encrypt(fileKey);
      return [new Stanza(['scrypt', base64nopad.encode(salt), String(logN)], body)];
    },
  };
}

/** Unwraps a `scrypt` stanza with the passphrase; null when it does not fit. Checks as age does. */
export function scryptIdentity(passphrase: string): Identity {
  return {
    async unwrapFileKey(stanzas) {
      const stanza = stanzas.find((s) => s.args[0] === 'scrypt');
      if (!stanza) return null;
      if (stanzas.length !== 1) throw new Error('scrypt recipient is not the only one in the header');
      const [, saltText, logNText] = stanza.args;
      if (stanza.args.length !== 3 || !/^[1-9][0-9]*$/.test(logNText ?? '')) {
        throw new Error('invalid scrypt stanza');
      }
      const salt = base64nopad.decode(saltText ?? '');
      const logN = Number(logNText);
      if (salt.length !== 16 || stanza.body.length !== 32) throw new Error('invalid scrypt stanza');
      if (logN > MAX_LOG_N) throw new Error('scrypt work factor is too high');
      const key = await stanzaKey(passphrase, salt, logN);
      try {
        return chacha20poly1305(key, new Uint8Array(12)).decrypt(stanza.body);
      } catch {
        return null;
      }
    },
  };
}
