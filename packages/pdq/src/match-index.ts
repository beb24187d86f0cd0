/**
 * Finding known hashes near a query among up to millions: multi-index hashing (Norouzi, Punjani
 * & Fleet, "Fast Search in Hamming Space with Multi-Index Hashing", CVPR 2012).
 *
 * The 256 bits are cut into 16 substrings of 16 bits. If two hashes differ in at most D bits,
 * then by the pigeonhole principle at least one substring differs in at most floor(D / 16) bits.
 * So for D = 31 it is enough to look, per substring, in the bucket of the query's own value and
 * the 16 buckets one bit away: 272 bucket reads instead of a scan of every hash. Candidates are
 * then checked with the full 256-bit distance, so the answer is exact, never approximate.
 *
 * A candidate's 32-byte hash lies anywhere in memory, so checking it is a cache miss; with 16
 * candidates per bucket and 272 buckets that miss, not the arithmetic, was what a query cost. So each
 * substring's list keeps, next to the id, three other words of the hash (96 bits, none from the
 * substring itself). Those bits alone are a lower bound on the distance; for an unrelated hash
 * they differ in about 48, so all but about 1 in 3,000 candidates are turned away while reading
 * the list in order, and only the rest have their full hash read.
 *
 * Memory is typed arrays only: the packed hashes (32 bytes each), and per substring a
 * counting-sorted list of (id, three words) with bucket offsets: about 290 bytes per hash in all
 * (1,000,000 hashes take about 280 MiB).
 */
import { HASH_WORDS, hexToWords, popcount32, wordsDistance } from './hamming.ts';

export type Match = { id: number; distance: number };

const SUBSTRINGS = 16;
const SUBSTRING_BITS = 16;
const BUCKETS = 1 << SUBSTRING_BITS;
const HASH_BITS = 256;
/** Each list entry: the id, then three words of the hash that do not hold the substring. */
const ROW = 4;

/** The three words stored next to ids in substring s's list: the ones after the word holding s. */
function filterWord(s: number, k: number): number {
  return ((s >> 1) + 1 + k) % HASH_WORDS;
}

/** All 16-bit masks ordered by how many bits they set, and where each weight starts. */
const MASKS = new Uint16Array(BUCKETS);
const MASKS_UP_TO_WEIGHT = new Uint32Array(SUBSTRING_BITS + 1);
{
  let n = 0;
  for (let w = 0; w <= SUBSTRING_BITS; w++) {
    for (let m = 0; m < BUCKETS; m++) if (popcount32(m) === w) MASKS[n++] = m;
    MASKS_UP_TO_WEIGHT[w] = n;
  }
}

function substring(words: Uint32Array, at: number, s: number): number {
  const word = words[at + (s >> 1)]!;
  return s & 1 ? word >>> 16 : word & 0xffff;
}

function toWords(hash: string | Uint32Array): Uint32Array {
  if (typeof hash === 'string') return hexToWords(hash);
  if (hash.length !== HASH_WORDS) throw new RangeError('PDQ: a packed hash is 8 Uint32 words');
  return hash;
}

function checkDistance(maxDistance: number): void {
  if (!Number.isInteger(maxDistance) || maxDistance < 0 || maxDistance > HASH_BITS) {
    throw new RangeError('PDQ: maxDistance is a whole number from 0 to 256');
  }
}

function byDistanceThenId(a: Match, b: Match): number {
  return a.distance - b.distance || a.id - b.id;
}

/**
 * Every hash in `words` (8 words per hash, id = position) within `maxDistance` of `query`,
 * nearest first. The reference answer the index is tested and benchmarked against.
 */
export function linearScan(words: Uint32Array, query: string | Uint32Array, maxDistance = 31): Match[] {
  checkDistance(maxDistance);
  const q = toWords(query);
  const matches: Match[] = [];
  const count = Math.floor(words.length / HASH_WORDS);
  for (let id = 0, at = 0; id < count; id++, at += HASH_WORDS) {
    const distance = wordsDistance(words, at, q, 0);
    if (distance <= maxDistance) matches.push({ id, distance });
  }
  return matches.sort(byDistanceThenId);
}

export class MatchIndex {
  /** Number of hashes; ids run from 0 to size - 1 in the order they were given. */
  readonly size: number;
  private readonly words: Uint32Array;
  /** offsets[s * (BUCKETS + 1) + v] .. [.. + v + 1] is the slice of rows[s * size ..] for value v. */
  private readonly offsets: Uint32Array;
  /** Per substring, `size` rows of ROW words: id and the three filter words (see filterWord). */
  private readonly rows: Uint32Array;

  /** Builds the index over packed hashes (8 words each); the array is kept, not copied. */
  constructor(words: Uint32Array) {
    if (words.length % HASH_WORDS !== 0) throw new RangeError('PDQ: packed hashes are 8 words each');
    const size = words.length / HASH_WORDS;
    this.size = size;
    this.words = words;
    this.offsets = new Uint32Array(SUBSTRINGS * (BUCKETS + 1));
    this.rows = new Uint32Array(SUBSTRINGS * size * ROW);
    const cursor = new Uint32Array(BUCKETS);
    for (let s = 0; s < SUBSTRINGS; s++) {
      // Counting sort of ids by this substring's value.
      const base = s * (BUCKETS + 1);
      for (let id = 0, at = 0; id < size; id++, at += HASH_WORDS)
        this.offsets[base + substring(words, at, s) + 1]!++;
      for (let v = 0; v < BUCKETS; v++) this.offsets[base + v + 1]! += this.offsets[base + v]!;
      cursor.set(this.offsets.subarray(base, base + BUCKETS));
      const rowBase = s * size;
      const a = filterWord(s, 0);
      const b = filterWord(s, 1);
      const c = filterWord(s, 2);
      for (let id = 0, at = 0; id < size; id++, at += HASH_WORDS) {
        const row = (rowBase + cursor[substring(words, at, s)]!++) * ROW;
        this.rows[row] = id;
        this.rows[row + 1] = words[at + a]!;
        this.rows[row + 2] = words[at + b]!;
        this.rows[row + 3] = words[at + c]!;
      }
    }
  }

  static fromHex(hashes: readonly string[]): MatchIndex {
    const words = new Uint32Array(hashes.length * HASH_WORDS);
    hashes.forEach((hex, i) => {
      hexToWords(hex, words, i * HASH_WORDS);
    });
    return new MatchIndex(words);
  }

  /** Bytes held by the index's typed arrays, the packed hashes included. */
  get byteLength(): number {
    return this.words.byteLength + this.offsets.byteLength + this.rows.byteLength;
  }

  /**
   * Known hashes within `maxDistance` bits of `hash` (PDQ's usual match threshold is 31),
   * nearest first. Falls back to a scan when the radius is so large that probing buckets would
   * cost more than reading every hash.
   */
  query(hash: string | Uint32Array, maxDistance = 31): Match[] {
    checkDistance(maxDistance);
    const probes = MASKS_UP_TO_WEIGHT[Math.min(SUBSTRING_BITS, Math.floor(maxDistance / SUBSTRINGS))]!;
    if (probes * SUBSTRINGS >= this.size) return linearScan(this.words, hash, maxDistance);
    return this.queryBuckets(hash, maxDistance);
  }

  /** The multi-index search itself, whatever the radius (exposed so tests can check it alone). */
  queryBuckets(hash: string | Uint32Array, maxDistance = 31): Match[] {
    checkDistance(maxDistance);
    const q = toWords(hash);
    const { words, offsets, rows, size } = this;
    const radius = Math.min(SUBSTRING_BITS, Math.floor(maxDistance / SUBSTRINGS));
    const probes = MASKS_UP_TO_WEIGHT[radius]!;
    const keys = new Uint16Array(SUBSTRINGS);
    for (let s = 0; s < SUBSTRINGS; s++) keys[s] = substring(q, 0, s);
    const matches: Match[] = [];
    for (let s = 0; s < SUBSTRINGS; s++) {
      const key = keys[s]!;
      const base = s * (BUCKETS + 1);
      const rowBase = s * size;
      const qa = q[filterWord(s, 0)]!;
      const qb = q[filterWord(s, 1)]!;
      const qc = q[filterWord(s, 2)]!;
      for (let p = 0; p < probes; p++) {
        const bucket = base + (key ^ MASKS[p]!);
        const end = (rowBase + offsets[bucket + 1]!) * ROW;
        for (let r = (rowBase + offsets[bucket]!) * ROW; r < end; r += ROW) {
          // Lower bound from the words stored in the list: no read of the full hash yet.
          const partial =
            popcount32(rows[r + 1]! ^ qa) + popcount32(rows[r + 2]! ^ qb) + popcount32(rows[r + 3]! ^ qc);
          if (partial > maxDistance) continue;
          const id = rows[r]!;
          const at = id * HASH_WORDS;
          const distance = wordsDistance(words, at, q, 0);
          if (distance > maxDistance) continue;
          // A match is reported from the first substring that is within the radius; a later
          // substring that finds it again skips it. No per-query bookkeeping is needed.
          let foundEarlier = false;
          for (let e = 0; e < s && !foundEarlier; e++) {
            foundEarlier = popcount32(substring(words, at, e) ^ keys[e]!) <= radius;
          }
          if (!foundEarlier) matches.push({ id, distance });
        }
      }
    }
    return matches.sort(byDistanceThenId);
  }
}
