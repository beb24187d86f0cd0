import { scryptAsync } from '@noble/hashes/scrypt.js';
import { dammCheckDigit, dammValid } from './damm.ts';
import { fromHex, toHex, utf8 } from './encoding.ts';
import { sha256Hex } from './hash.ts';
import { identityFromSecret, recipientOf } from './keys.ts';
import type { AccessToken, AgeIdentity, AgeRecipient, ReceiptCode } from './types.ts';

/** 20 random digits carry log2(10^20) ≈ 66.4 bits; the 21st digit is the Damm check digit. */
const RANDOM_DIGITS = 20;
const CODE_LENGTH = RANDOM_DIGITS + 1;
const CODE_PATTERN = /^[0-9]{21}$/;
// Spaces (any, incl. no-break), ASCII and typographic dashes, dots: what people type or paste when
// copying a grouped code from a note, a screenshot or a chat.
const SEPARATORS = /[\s.\-\u2010-\u2015\u2212]/g;
// Generous, so a pasted code with odd spacing still parses, yet a pasted essay is rejected at once.
const MAX_INPUT_LENGTH = 100;

/** Domain-separation salt: a receipt code derives these keys for Vangnet receipts of format 1 only. */
const RECEIPT_SALT = 'vangnet/receipt/v1';
// scrypt cost: 32 MiB and a fraction of a second on a phone. Guessing is already hopeless at 66 bits;
// the memory-hard KDF makes an offline search against a stolen access-token hash or recipient costly too.
const RECEIPT_SCRYPT = { N: 2 ** 15, r: 8, p: 1, dkLen: 64 } as const;

/** A fresh receipt code: 20 uniformly random digits and a Damm check digit. */
export function generateReceiptCode(): ReceiptCode {
  let digits = '';
  const buffer = new Uint8Array(32);
  while (digits.length < RANDOM_DIGITS) {
    globalThis.crypto.getRandomValues(buffer);
    for (const byte of buffer) {
      // Rejection sampling: 250 is the largest multiple of 10 below 256, so every digit is equally likely.
      if (byte < 250 && digits.length < RANDOM_DIGITS) digits += String(byte % 10);
    }
  }
  buffer.fill(0);
  return (digits + dammCheckDigit(digits)) as ReceiptCode;
}

/** `"123 456 789 012 345 678 901"`: groups of three are easy to read aloud and to type. */
export function formatReceiptCode(code: ReceiptCode): string {
  return code.replace(/(\d{3})(?=\d)/g, '$1 ');
}

/**
 * Reads a code as typed: ignores spaces, dashes and dots; returns null for a wrong length, any other
 * character, or a wrong check digit (which catches every single mistyped digit and every swap of two
 * neighbouring digits). Never throws.
 */
export function parseReceiptCode(input: unknown): ReceiptCode | null {
  if (typeof input !== 'string' || input.length > MAX_INPUT_LENGTH) return null;
  const digits = input.replace(SEPARATORS, '');
  if (digits.length !== CODE_LENGTH || !CODE_PATTERN.test(digits)) return null;
  return dammValid(digits) ? (digits as ReceiptCode) : null;
}

export interface ReporterKeys {
  /** Opens what was sealed to the reporter; stays on the device. */
  identity: AgeIdentity;
  /** Given to the server at submission so the helpline can seal replies to the reporter. */
  recipient: AgeRecipient;
  /** Follow-up credential; the server stores only `accessTokenHash(accessToken)`. */
  accessToken: AccessToken;
}

/**
 * The reporter's keys, derived from the receipt code alone, so the receipt re-opens the report on a new
 * device. scrypt(code, "vangnet/receipt/v1", N=2^15, r=8, p=1) → 64 bytes: bytes 0-31 are the X25519
 * secret, bytes 32-63 the access token. Asynchronous so a browser stays responsive while it runs.
 */
export async function deriveReporterKeys(code: ReceiptCode): Promise<ReporterKeys> {
  if (!CODE_PATTERN.test(code)) throw new TypeError('Pass a receipt code from parseReceiptCode.');
  const out = await scryptAsync(utf8(code), utf8(RECEIPT_SALT), RECEIPT_SCRYPT);
  const identity = identityFromSecret(out.subarray(0, 32));
  const accessToken = toHex(out.subarray(32, 64)) as AccessToken;
  out.fill(0);
  return { identity, recipient: await recipientOf(identity), accessToken };
}

const TOKEN_PATTERN = /^[0-9a-f]{64}$/;

/** Checks an access token that came from outside (an `Authorization` header); null if malformed. */
export function parseAccessToken(input: unknown): AccessToken | null {
  if (typeof input !== 'string') return null;
  const token = input.toLowerCase();
  return TOKEN_PATTERN.test(token) ? (token as AccessToken) : null;
}

/**
 * What the server stores and compares instead of the token: SHA-256 (hex) of the token's 32 bytes. The
 * token has 256 bits of entropy, so a fast hash is enough here; no slow hash is needed.
 */
export function accessTokenHash(token: AccessToken): string {
  const parsed = parseAccessToken(token);
  if (parsed === null) throw new TypeError('An access token is 64 hex characters.');
  return sha256Hex(fromHex(parsed));
}
