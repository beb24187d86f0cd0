/**
 * PDQ (Meta's perceptual hash for photos), written from the published description in
 * "The TMK+PDQF Video-Hashing Algorithm and the PDQ Image Hashing Algorithm" (hashing.pdf):
 * luminance → Jarosz box-filter blur and decimation to 64x64 → 16x16 low-frequency DCT →
 * one bit per coefficient above the median. Quality comes from the 64x64 block's gradients.
 *
 * Pure arithmetic on typed arrays: the same code runs in a browser worker and in Node.
 */
import { dct64To16 } from './dct.ts';
import { JaroszScratch, jaroszDownsample } from './jarosz.ts';
import { pdqQuality } from './quality.ts';

export type PdqHash = { hash: string; quality: number };

/** The 8 hashes of an image's rotations and mirror images, named like the reference tool. */
export type PdqDihedral = {
  original: string;
  rot90: string;
  rot180: string;
  rot270: string;
  flipX: string;
  flipY: string;
  flipPlusOne: string;
  flipMinusOne: string;
  quality: number;
};

export const DIHEDRAL_NAMES = [
  'original',
  'rot90',
  'rot180',
  'rot270',
  'flipX',
  'flipY',
  'flipPlusOne',
  'flipMinusOne',
] as const;
export type DihedralName = (typeof DIHEDRAL_NAMES)[number];

/** Images narrower or lower than this carry too little to hash: all zeros, quality 0. */
const MIN_SIDE = 5;
const ZERO_HASH = '0'.repeat(64);

/** Reused working memory; one hash at a time per thread (JavaScript runs one call at a time). */
const scratch = {
  jarosz: new JaroszScratch(),
  block64: new Float32Array(64 * 64),
  t16x64: new Float32Array(16 * 64),
  dct: new Float32Array(256),
  transformed: new Float32Array(256),
  sorted: new Float32Array(256),
};

/**
 * Hashes a row-major float32 luminance buffer (0..255) of `width` x `height`, exactly as the
 * reference does for the same buffer. It does not resize: `pdqHashFromRgba` applies the
 * reference tool's 512-pixel rule before calling this.
 */
export function pdqHashFromLuminance(luma: Float32Array, width: number, height: number): PdqHash {
  checkSize(luma, width, height);
  if (width < MIN_SIDE || height < MIN_SIDE) return { hash: ZERO_HASH, quality: 0 };
  // A 64x64 input is already the block; the reference skips the blur for it (plain hash only).
  const quality = lumaToDct(luma, width, height, width !== 64 || height !== 64);
  return { hash: dctToHex(scratch.dct), quality };
}

/**
 * The 8 dihedral hashes from one pass: rotating or mirroring an image permutes the DCT
 * coefficients and flips the sign of the odd-frequency ones, so no second pass over pixels is
 * needed. They approximate, and do not equal, hashing a rotated copy.
 */
export function pdqDihedralFromLuminance(luma: Float32Array, width: number, height: number): PdqDihedral {
  checkSize(luma, width, height);
  if (width < MIN_SIDE || height < MIN_SIDE) {
    return {
      original: ZERO_HASH,
      rot90: ZERO_HASH,
      rot180: ZERO_HASH,
      rot270: ZERO_HASH,
      flipX: ZERO_HASH,
      flipY: ZERO_HASH,
      flipPlusOne: ZERO_HASH,
      flipMinusOne: ZERO_HASH,
      quality: 0,
    };
  }
  const quality = lumaToDct(luma, width, height, true);
  const { dct, transformed } = scratch;
  const hashes = {} as Record<DihedralName, string>;
  for (const name of DIHEDRAL_NAMES) {
    transformDct(dct, transformed, DIHEDRAL_TRANSFORMS[name]);
    hashes[name] = dctToHex(transformed);
  }
  return { ...hashes, quality };
}

function checkSize(luma: Float32Array, width: number, height: number): void {
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 0 || height < 0) {
    throw new RangeError('PDQ: width and height must be non-negative integers');
  }
  if (luma.length < width * height)
    throw new RangeError('PDQ: luminance buffer is smaller than width x height');
}

function lumaToDct(luma: Float32Array, width: number, height: number, blur: boolean): number {
  const { block64, t16x64, dct } = scratch;
  if (blur) jaroszDownsample(luma, width, height, block64, scratch.jarosz);
  else block64.set(luma.subarray(0, 64 * 64));
  const quality = pdqQuality(block64);
  dct64To16(block64, dct, t16x64);
  return quality;
}

/**
 * How a rotation or mirror acts on the 16x16 coefficients: `transpose` swaps the two frequency
 * axes; mirroring along an axis negates the coefficients whose frequency index (i + 1) is odd,
 * i.e. even zero-based rows (`negateEvenRows`) or columns (`negateEvenCols`).
 */
type DctTransform = { transpose: boolean; negateEvenRows: boolean; negateEvenCols: boolean };

const DIHEDRAL_TRANSFORMS: Record<DihedralName, DctTransform> = {
  original: { transpose: false, negateEvenRows: false, negateEvenCols: false },
  rot90: { transpose: true, negateEvenRows: true, negateEvenCols: false },
  rot180: { transpose: false, negateEvenRows: true, negateEvenCols: true },
  rot270: { transpose: true, negateEvenRows: false, negateEvenCols: true },
  flipX: { transpose: false, negateEvenRows: true, negateEvenCols: false },
  flipY: { transpose: false, negateEvenRows: false, negateEvenCols: true },
  flipPlusOne: { transpose: true, negateEvenRows: false, negateEvenCols: false },
  flipMinusOne: { transpose: true, negateEvenRows: true, negateEvenCols: true },
};

function transformDct(src: Float32Array, dst: Float32Array, t: DctTransform): void {
  for (let i = 0; i < 16; i++) {
    const rowSign = t.negateEvenRows && (i & 1) === 0 ? -1 : 1;
    for (let j = 0; j < 16; j++) {
      const sign = t.negateEvenCols && (j & 1) === 0 ? -rowSign : rowSign;
      dst[i * 16 + j] = sign * src[t.transpose ? j * 16 + i : i * 16 + j]!;
    }
  }
}

/**
 * Bit 16i + j is set when coefficient (i, j) is strictly above the median (the 128th smallest).
 * Word i (16 bits) holds row i; the hex string lists words 15 down to 0, 4 digits each.
 */
function dctToHex(coefficients: Float32Array): string {
  const { sorted } = scratch;
  sorted.set(coefficients);
  sorted.sort();
  const median = sorted[127]!;
  let hex = '';
  for (let i = 15; i >= 0; i--) {
    let word = 0;
    for (let j = 0; j < 16; j++) if (coefficients[i * 16 + j]! > median) word |= 1 << j;
    hex += word.toString(16).padStart(4, '0');
  }
  return hex;
}
