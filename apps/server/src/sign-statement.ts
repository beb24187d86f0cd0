import { createPrivateKey, createPublicKey, type KeyObject, sign } from 'node:crypto';
import { canonicalJson } from '@vangnet/crypto';

/** The fixed PKCS#8 header of an Ed25519 private key; the 32-byte seed follows it. */
const PKCS8_ED25519_HEADER = Buffer.from('302e020100300506032b657004220420', 'hex');

/** A server holds one signing key; a handful of slots covers tests that start several apps. */
const keyObjects = new Map<string, KeyObject>();
const MAX_KEYS = 8;

function keyObjectOf(privateKeyHex: string): KeyObject {
  let key = keyObjects.get(privateKeyHex);
  if (!key) {
    if (!/^[0-9a-f]{64}$/i.test(privateKeyHex)) throw new TypeError('An Ed25519 private key is 32 bytes.');
    key = createPrivateKey({
      key: Buffer.concat([PKCS8_ED25519_HEADER, Buffer.from(privateKeyHex, 'hex')]),
      format: 'der',
      type: 'pkcs8',
    });
    if (keyObjects.size >= MAX_KEYS) keyObjects.delete(keyObjects.keys().next().value as string);
    keyObjects.set(privateKeyHex, key);
  }
  return key;
}

/**
 * The server's Ed25519 signature (hex) over the UTF-8 bytes of `canonicalJson(statement)`: the same
 * bytes as `signCanonicalJson` from @vangnet/crypto (Ed25519 is deterministic), made by OpenSSL
 * through `node:crypto` in about a tenth of the time. Intake signs every receipt, so this is on the
 * hot path; the browser and the CLI keep the portable library to verify.
 */
export function signStatement(statement: object, privateKeyHex: string): string {
  return sign(null, Buffer.from(canonicalJson(statement), 'utf8'), keyObjectOf(privateKeyHex)).toString(
    'hex',
  );
}

/**
 * The Ed25519 public key (hex) of a private key (hex), as `signingPublicKey` from @vangnet/crypto gives
 * it. Through OpenSSL: the portable library's first call builds its tables (about 80 ms of start-up).
 */
export function statementPublicKey(privateKeyHex: string): string {
  const spki = createPublicKey(keyObjectOf(privateKeyHex)).export({ format: 'der', type: 'spki' });
  // An Ed25519 SPKI is a fixed 12-byte header and the 32-byte key.
  return Buffer.from(spki.subarray(spki.length - 32)).toString('hex');
}
