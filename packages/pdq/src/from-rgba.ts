/**
 * Hashing decoded pixels (RGBA, as a canvas or sharp gives them) the way the reference tool
 * hashes an image file: resize above 512 pixels, luminance, then PDQ.
 */
import { type PdqDihedral, type PdqHash, pdqDihedralFromLuminance, pdqHashFromLuminance } from './hash.ts';
import { luminanceFromRgba, resizeLikeReference } from './luma.ts';

let lumaScratch = new Float32Array(0);

function luminanceLikeReference(rgba: Uint8Array | Uint8ClampedArray, width: number, height: number) {
  const image = resizeLikeReference({ data: rgba, width, height });
  const pixels = image.width * image.height;
  if (lumaScratch.length < pixels) lumaScratch = new Float32Array(pixels);
  return { luma: luminanceFromRgba(image, lumaScratch), width: image.width, height: image.height };
}

/** PDQ hash and quality of RGBA pixels (4 bytes per pixel, row-major, stored orientation). */
export function pdqHashFromRgba(
  rgba: Uint8Array | Uint8ClampedArray,
  width: number,
  height: number,
): PdqHash {
  const { luma, width: w, height: h } = luminanceLikeReference(rgba, width, height);
  return pdqHashFromLuminance(luma, w, h);
}

/** The 8 dihedral hashes and the quality of RGBA pixels. */
export function pdqDihedralFromRgba(
  rgba: Uint8Array | Uint8ClampedArray,
  width: number,
  height: number,
): PdqDihedral {
  const { luma, width: w, height: h } = luminanceLikeReference(rgba, width, height);
  return pdqDihedralFromLuminance(luma, w, h);
}
