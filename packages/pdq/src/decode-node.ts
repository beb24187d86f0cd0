/**
 * Node-only: decodes an image file to RGBA with sharp (libvips), the decoder for the CLI, the
 * server and the conformance tests. Browser code must not import this file.
 *
 * Matching the reference tool's decoding (ImageMagick `convert FILE pnm:-`):
 * - pixels stay in their stored orientation: EXIF orientation is ignored (sharp only rotates when
 *   asked to, and `autoOrient: false` says so);
 * - grey images become R = G = B, which `luminanceFromRgba` then reads as plain grey;
 * - alpha is kept in the buffer but the hash ignores it, as the reference drops it;
 * - only the first frame of an animation is read.
 */
import sharp, { type SharpOptions } from 'sharp';
import { pdqDihedralFromRgba, pdqHashFromRgba } from './from-rgba.ts';
import type { PdqDihedral, PdqHash } from './hash.ts';
import type { Rgba } from './luma.ts';

export async function decodeToRgba(input: string | Uint8Array): Promise<Rgba> {
  const options = { autoOrient: false, failOn: 'error' } as const;
  const { space } = await sharp(input, options).metadata();
  if (space === 'cmyk') return decodeCmyk(input, options);
  const { data, info } = await sharp(input, options)
    .toColourspace('srgb')
    .ensureAlpha()
    .raw({ depth: 'uchar' })
    .toBuffer({ resolveWithObject: true });
  if (info.channels !== 4) throw new Error(`PDQ: expected 4 channels after decoding, got ${info.channels}`);
  return {
    data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength),
    width: info.width,
    height: info.height,
  };
}

/**
 * CMYK: ImageMagick converts without a colour profile, R = 255 (1 - C)(1 - K) and so on. sharp
 * would go through an ICC profile instead, which moves the reference set's CMYK image 10 bits
 * away from its expected hash; the plain formula matches it exactly.
 */
async function decodeCmyk(input: string | Uint8Array, options: SharpOptions): Promise<Rgba> {
  const { data, info } = await sharp(input, options)
    .pipelineColourspace('cmyk')
    .toColourspace('cmyk')
    .raw({ depth: 'uchar' })
    .toBuffer({ resolveWithObject: true });
  if (info.channels !== 4) throw new Error(`PDQ: expected 4 CMYK channels, got ${info.channels}`);
  const pixels = info.width * info.height;
  const rgba = new Uint8Array(pixels * 4);
  for (let i = 0; i < pixels * 4; i += 4) {
    const white = (255 - data[i + 3]!) / 255;
    rgba[i] = Math.round((255 - data[i]!) * white);
    rgba[i + 1] = Math.round((255 - data[i + 1]!) * white);
    rgba[i + 2] = Math.round((255 - data[i + 2]!) * white);
    rgba[i + 3] = 255;
  }
  return { data: rgba, width: info.width, height: info.height };
}

/** Decodes a file (path or bytes) and hashes it like the reference tool. */
export async function pdqHashFile(input: string | Uint8Array): Promise<PdqHash> {
  const { data, width, height } = await decodeToRgba(input);
  return pdqHashFromRgba(data, width, height);
}

export async function pdqDihedralFile(input: string | Uint8Array): Promise<PdqDihedral> {
  const { data, width, height } = await decodeToRgba(input);
  return pdqDihedralFromRgba(data, width, height);
}
