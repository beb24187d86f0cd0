import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hammingDistance, hexToWords, isPdqHex, wordsToHex } from './hamming.ts';

const hex64 = fc.stringMatching(/^[0-9a-f]{64}$/);

function toBig(hex: string): BigUint64Array {
  return BigUint64Array.from({ length: 4 }, (_, k) => BigInt(`0x${hex.slice(16 * k, 16 * k + 16)}`));
}

function bitByBit(a: string, b: string): number {
  let d = 0;
  for (let i = 0; i < 64; i++) {
    let x = Number.parseInt(a[i]!, 16) ^ Number.parseInt(b[i]!, 16);
    for (; x; x >>= 1) d += x & 1;
  }
  return d;
}

describe('hammingDistance', () => {
  it('counts differing bits', () => {
    expect(hammingDistance('0'.repeat(64), 'f'.repeat(64))).toBe(256);
    expect(hammingDistance('0'.repeat(64), `${'0'.repeat(63)}7`)).toBe(3);
    expect(hammingDistance('8'.repeat(64), '8'.repeat(64))).toBe(0);
  });

  it('agrees on hex, Uint32 words and BigUint64 words, and with a bit-by-bit count', () => {
    fc.assert(
      fc.property(hex64, hex64, (a, b) => {
        const expected = bitByBit(a, b);
        expect(hammingDistance(a, b)).toBe(expected);
        expect(hammingDistance(hexToWords(a), hexToWords(b))).toBe(expected);
        expect(hammingDistance(toBig(a), toBig(b))).toBe(expected);
      }),
    );
  });

  it('packs and unpacks hex without loss, upper case read as lower case', () => {
    fc.assert(
      fc.property(hex64, (a) => {
        expect(wordsToHex(hexToWords(a.toUpperCase()))).toBe(a);
      }),
    );
  });

  it('rejects what is not a 64-digit hex hash', () => {
    for (const bad of ['', 'xyz', '0'.repeat(63), '0'.repeat(65), `${'0'.repeat(63)}g`]) {
      expect(isPdqHex(bad)).toBe(false);
      expect(() => hammingDistance(bad, '0'.repeat(64))).toThrow(TypeError);
    }
    expect(() => hammingDistance(new Uint32Array(8), new Uint32Array(4))).toThrow(RangeError);
  });
});
