/**
 * Hamming distance between 256-bit PDQ hashes, and their packed form: 8 Uint32 words, with
 * word k holding hex digits 8k..8k+7 of the hash string. Bit order inside the words does not
 * matter for distances, only that both sides use the same packing.
 */

export const HASH_WORDS = 8;
const HEX_HASH = /^[0-9a-f]{64}$/i;

export function isPdqHex(value: string): boolean {
  return HEX_HASH.test(value);
}

/** Packs a 64-digit hex hash into `out` at word offset `at` (a new array when none is given). */
export function hexToWords(hex: string, out: Uint32Array = new Uint32Array(HASH_WORDS), at = 0): Uint32Array {
  if (!HEX_HASH.test(hex)) throw new TypeError('PDQ: a hash is 64 hexadecimal digits');
  for (let k = 0; k < HASH_WORDS; k++) out[at + k] = Number.parseInt(hex.slice(8 * k, 8 * k + 8), 16);
  return out;
}

export function wordsToHex(words: Uint32Array, at = 0): string {
  let hex = '';
  for (let k = 0; k < HASH_WORDS; k++) hex += words[at + k]!.toString(16).padStart(8, '0');
  return hex;
}

export function popcount32(x: number): number {
  let v = x - ((x >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  v = (v + (v >>> 4)) & 0x0f0f0f0f;
  return Math.imul(v, 0x01010101) >>> 24;
}

/** Distance between the hashes stored at word offsets `atA` in `a` and `atB` in `b`. */
export function wordsDistance(a: Uint32Array, atA: number, b: Uint32Array, atB: number): number {
  let d = 0;
  for (let k = 0; k < HASH_WORDS; k++) d += popcount32(a[atA + k]! ^ b[atB + k]!);
  return d;
}

function popcount64(x: bigint): number {
  return popcount32(Number(x & 0xffffffffn)) + popcount32(Number(x >> 32n));
}

/**
 * Number of differing bits. Takes two hex strings, two Uint32Arrays of equal length, or two
 * BigUint64Arrays of equal length (whole arrays are compared, so any bit width works).
 */
export function hammingDistance(a: string, b: string): number;
export function hammingDistance(a: Uint32Array, b: Uint32Array): number;
export function hammingDistance(a: BigUint64Array, b: BigUint64Array): number;
export function hammingDistance(
  a: string | Uint32Array | BigUint64Array,
  b: string | Uint32Array | BigUint64Array,
): number {
  if (typeof a === 'string' && typeof b === 'string')
    return wordsDistance(hexToWords(a), 0, hexToWords(b), 0);
  if (a instanceof Uint32Array && b instanceof Uint32Array) {
    if (a.length !== b.length) throw new RangeError('PDQ: hashes of different lengths');
    let d = 0;
    for (let k = 0; k < a.length; k++) d += popcount32(a[k]! ^ b[k]!);
    return d;
  }
  if (a instanceof BigUint64Array && b instanceof BigUint64Array) {
    if (a.length !== b.length) throw new RangeError('PDQ: hashes of different lengths');
    let d = 0;
    for (let k = 0; k < a.length; k++) d += popcount64(a[k]! ^ b[k]!);
    return d;
  }
  throw new TypeError('PDQ: compare two hashes of the same kind');
}
