/**
 * @vangnet/pdq: PDQ perceptual hashing and matching, the same code in browsers and Node.
 * Decoding image files is separate, because the hash depends on decoding exactly like the
 * reference tool: `@vangnet/pdq/decode-browser` (canvas) and `@vangnet/pdq/decode-node` (sharp).
 */
export { readExifOrientation, undoExifOrientation } from './exif-orientation.ts';
export { type FileDigests, fileDigests } from './file-digests.ts';
export { pdqDihedralFromRgba, pdqHashFromRgba } from './from-rgba.ts';
export { HASH_WORDS, hammingDistance, hexToWords, isPdqHex, wordsToHex } from './hamming.ts';
export {
  DIHEDRAL_NAMES,
  type DihedralName,
  type PdqDihedral,
  type PdqHash,
  pdqDihedralFromLuminance,
  pdqHashFromLuminance,
} from './hash.ts';
export { luminanceFromRgba, REFERENCE_MAX_SIDE, type Rgba, resizeLikeReference } from './luma.ts';
export { linearScan, type Match, MatchIndex } from './match-index.ts';
