import fc from 'fast-check';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { readExpected } from '../test/reference-data.ts';
import { pdqHashFile } from './decode-node.ts';
import { HASH_WORDS, hammingDistance, hexToWords, wordsToHex } from './hamming.ts';
import { linearScan, MatchIndex } from './match-index.ts';

/** Small seeded generator (mulberry32), so a failing case can be replayed from its seed. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
}

function randomWords(count: number, next: () => number): Uint32Array {
  const words = new Uint32Array(count * HASH_WORDS);
  for (let i = 0; i < words.length; i++) words[i] = next();
  return words;
}

/**
 * A copy of `query` with exactly `bits` bits flipped. `spread` deals the flips round-robin over
 * the 16 substrings, the hardest case for the pigeonhole search; otherwise they land anywhere.
 */
function plant(query: Uint32Array, bits: number, spread: boolean, next: () => number): Uint32Array {
  const copy = query.slice();
  const chosen = new Set<number>();
  const order = Array.from({ length: 16 }, (_, s) => s).sort(() => (next() & 1) - 0.5);
  let k = 0;
  while (chosen.size < bits) {
    const bit = spread ? order[k++ % 16]! * 16 + (next() % 16) : next() % 256;
    if (chosen.has(bit)) continue;
    chosen.add(bit);
    copy[bit >> 5]! ^= 1 << (bit & 31);
  }
  return copy;
}

describe('MatchIndex', () => {
  it('returns exactly what a linear scan returns, for random hashes with planted near neighbours', () => {
    fc.assert(
      fc.property(
        fc.integer(),
        fc.integer({ min: 0, max: 3000 }),
        // Planted neighbours sit around the search radius, where an off-by-one would show.
        fc.array(fc.integer({ min: -6, max: 6 }), { maxLength: 40 }),
        fc.boolean(),
        fc.integer({ min: 0, max: 64 }),
        (seed, background, offsets, spread, maxDistance) => {
          const next = random(seed);
          const plantedDistances = offsets.map((o) => Math.max(0, maxDistance + o));
          const query = randomWords(1, next);
          const words = new Uint32Array((background + plantedDistances.length) * HASH_WORDS);
          words.set(randomWords(background, next));
          plantedDistances.forEach((bits, i) => {
            words.set(plant(query, bits, spread, next), (background + i) * HASH_WORDS);
          });
          const index = new MatchIndex(words);
          const expected = linearScan(words, query, maxDistance);
          expect(index.queryBuckets(query, maxDistance)).toEqual(expected);
          expect(index.query(query, maxDistance)).toEqual(expected);
          // Every planted neighbour within reach is found, at its planted distance.
          const reachable = plantedDistances.filter((d) => d <= maxDistance).length;
          expect(expected.filter((m) => m.id >= background)).toHaveLength(reachable);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('answers repeated queries independently and handles duplicates and tiny indexes', () => {
    const hash = 'ab'.repeat(32);
    const index = MatchIndex.fromHex([hash, hash, 'f'.repeat(64)]);
    for (let round = 0; round < 3; round++) {
      expect(index.queryBuckets(hash)).toEqual([
        { id: 0, distance: 0 },
        { id: 1, distance: 0 },
      ]);
    }
    expect(new MatchIndex(new Uint32Array(0)).query(hash)).toEqual([]);
    expect(() => index.query(hash, 257)).toThrow(RangeError);
    expect(() => index.query(hash, -1)).toThrow(RangeError);
    expect(() => index.query('not a hash')).toThrow(TypeError);
  });

  it('among 100,000 known hashes, finds a reference image and a blurred copy, not an unrelated image', async () => {
    const rows = readExpected();
    const file = (path: string) => rows.find((r) => r.path === path)!.file;
    const known = [
      'bridge-mods/aaa-orig.jpg',
      'reg-test-input/labelme-subset/q0122.jpg',
      'misc-images/wee.jpg',
    ];
    const knownHashes = await Promise.all(known.map(async (p) => (await pdqHashFile(file(p))).hash));

    const total = 100_000;
    const words = randomWords(total, random(20260210));
    const slots = [12_345, 67_890, 99_999];
    knownHashes.forEach((hash, i) => {
      hexToWords(hash, words, slots[i]! * HASH_WORDS);
    });
    const index = new MatchIndex(words);
    expect(index.size).toBe(total);

    // The same photo, shared again: blurred a little and re-compressed.
    const blurred = await sharp(file('bridge-mods/aaa-orig.jpg')).blur(1.5).jpeg({ quality: 80 }).toBuffer();
    const blurredHash = (await pdqHashFile(blurred)).hash;
    expect(hammingDistance(blurredHash, knownHashes[0]!)).toBeGreaterThan(0);

    expect(index.query(knownHashes[0]!)).toEqual([{ id: slots[0], distance: 0 }]);
    const blurMatches = index.query(blurredHash);
    expect(blurMatches.map((m) => m.id)).toEqual([slots[0]]);
    expect(blurMatches[0]!.distance).toBeLessThanOrEqual(31);
    expect(wordsToHex(words, slots[0]! * HASH_WORDS)).toBe(knownHashes[0]);

    const unrelated = (await pdqHashFile(file('reg-test-input/pen-and-coaster.png'))).hash;
    expect(index.query(unrelated)).toEqual([]);
    expect(linearScan(words, unrelated)).toEqual([]);
  });
});
