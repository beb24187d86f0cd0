/**
 * Conformance rule 1: fed the exact pixels the C++ reference hashed, we get its hash and
 * quality bit for bit, and its intermediate 64x64 block and 16x16 DCT too.
 */
import { describe, expect, it } from 'vitest';
import { readBuffers, readExpected, samplesToRgba } from '../test/reference-data.ts';
import { dct64To16 } from './dct.ts';
import { pdqHashFromRgba } from './from-rgba.ts';
import { pdqDihedralFromLuminance, pdqHashFromLuminance } from './hash.ts';
import { JaroszScratch, jaroszDownsample } from './jarosz.ts';
import { luminanceFromRgba } from './luma.ts';

const buffers = readBuffers();
const expected = new Map(readExpected().map((row) => [row.path, row]));

function luminanceOf(b: (typeof buffers)[number]): Float32Array {
  if (b.channels === 1) return Float32Array.from(b.samples);
  const rgba = samplesToRgba(b.samples, 3, b.width * b.height);
  return luminanceFromRgba({ data: rgba, width: b.width, height: b.height });
}

describe('PDQ on the reference luminance buffers', () => {
  it('covers the 8 reference buffers', () => {
    expect(buffers.map((b) => b.path)).toHaveLength(8);
  });

  it.each(buffers.map((b) => [b.path, b] as const))('%s: identical hash and quality', (_path, b) => {
    const result = pdqHashFromLuminance(luminanceOf(b), b.width, b.height);
    expect(result).toEqual({ hash: b.hash, quality: b.quality });
  });

  it.each(buffers.map((b) => [b.path, b] as const))('%s: identical 64x64 block and 16x16 DCT', (_path, b) => {
    const block = new Float32Array(64 * 64);
    jaroszDownsample(luminanceOf(b), b.width, b.height, block, new JaroszScratch());
    expect(block).toEqual(b.block64);
    const dct = new Float32Array(256);
    dct64To16(b.block64, dct, new Float32Array(16 * 64));
    expect(dct).toEqual(b.dct16);
  });

  it.each(buffers.map((b) => [b.path, b] as const))('%s: identical dihedral hashes', (path, b) => {
    const { quality, ...hashes } = pdqDihedralFromLuminance(luminanceOf(b), b.width, b.height);
    expect(hashes).toEqual(expected.get(path)!.dihedral);
    expect(quality).toBe(b.quality);
  });

  it.each(buffers.map((b) => [b.path, b] as const))(
    '%s: the same through the RGBA entry point',
    (_path, b) => {
      const rgba = samplesToRgba(b.samples, b.channels, b.width * b.height);
      expect(pdqHashFromRgba(rgba, b.width, b.height)).toEqual({ hash: b.hash, quality: b.quality });
    },
  );
});
