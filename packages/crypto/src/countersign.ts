import { ed25519 } from '@noble/curves/ed25519.js';
import { canonicalJson } from './canonical-json.ts';
import { fromHex, toHex, utf8 } from './encoding.ts';

export { canonicalJson } from './canonical-json.ts';

/**
 * What the server signs when it accepts a report: the hashes of the ciphertexts it holds and when it
 * got them. The sealed body holds the evidence manifest with the plaintext hashes, so a reader who
 * checks both can show that what the helpline opened is what the reporter sent.
 */
export interface ServerReceipt {
  version: 1;
  reportId: string;
  /** ISO 8601 time the report became complete on the server. */
  receivedAt: string;
  country: string;
  /** The sealed body as stored. */
  body: { sha256: string; size: number };
  /** Every sealed evidence item as stored. */
  items: { id: string; sha256: string; size: number }[];
}

/** A fresh Ed25519 key pair for the server, both halves hex. */
export function generateSigningKey(): { privateKey: string; publicKey: string } {
  const secret = new Uint8Array(32);
  globalThis.crypto.getRandomValues(secret);
  const publicKey = toHex(ed25519.getPublicKey(secret));
  const privateKey = toHex(secret);
  secret.fill(0);
  return { privateKey, publicKey };
}

/** The Ed25519 public key (hex) of a private key (hex). */
export function signingPublicKey(privateKeyHex: string): string {
  return toHex(ed25519.getPublicKey(fromHex(privateKeyHex)));
}

/** Ed25519 signature (hex) over the UTF-8 bytes of `canonicalJson(receipt)`. */
export function countersign(receipt: ServerReceipt, privateKeyHex: string): string {
  return signCanonicalJson(receipt, privateKeyHex);
}

/**
 * The same signature over any other statement of the server (an audit checkpoint, an export's
 * bundle index). Each statement carries its own `kind`, so one can never pass for another.
 */
export function signCanonicalJson(statement: object, privateKeyHex: string): string {
  const secret = fromHex(privateKeyHex);
  if (secret.length !== 32) throw new TypeError('An Ed25519 private key is 32 bytes.');
  return toHex(ed25519.sign(utf8(canonicalJson(statement)), secret));
}

/** `verifyCountersignature` for a statement signed with `signCanonicalJson`. */
export function verifyCanonicalJsonSignature(
  statement: object,
  signatureHex: string,
  publicKeyHex: string,
): boolean {
  return verifyCountersignature(statement as ServerReceipt, signatureHex, publicKeyHex);
}

/**
 * Whether `signatureHex` is the server's signature over exactly this receipt. Returns false (never
 * throws) for a malformed signature or key, so it can check untrusted input directly. Strict RFC 8032
 * checks (no ZIP-215 leniency) so one receipt has one valid encoding of each signature.
 */
export function verifyCountersignature(
  receipt: ServerReceipt,
  signatureHex: string,
  publicKeyHex: string,
): boolean {
  try {
    const signature = fromHex(signatureHex);
    const publicKey = fromHex(publicKeyHex);
    if (signature.length !== 64 || publicKey.length !== 32) return false;
    return ed25519.verify(signature, utf8(canonicalJson(receipt)), publicKey, { zip215: false });
  } catch {
    return false;
  }
}
