import { describe, expect, it } from 'vitest';
import { pdqHashFromRgba } from './from-rgba.ts';
import { hammingDistance } from './hamming.ts';
import { pdqDihedralFromLuminance, pdqHashFromLuminance } from './hash.ts';
import { luminanceFromRgba, resizeLikeReference } from './luma.ts';

/** A smooth test picture with structure in both directions. */
function picture(width: number, height: number): Float32Array {
  const luma = new Float32Array(width * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      luma[y * width + x] = 128 + 60 * Math.sin(x / 7) * Math.cos(y / 11) + (x * 40) / width;
    }
  }
  return luma;
}

describe('PDQ edge cases', () => {
  it('hashes images with a side below 5 to all zeros with quality 0', () => {
    expect(pdqHashFromLuminance(new Float32Array(4 * 100).fill(9), 4, 100)).toEqual({
      hash: '0'.repeat(64),
      quality: 0,
    });
    expect(pdqDihedralFromLuminance(new Float32Array(0), 0, 0).rot90).toBe('0'.repeat(64));
  });

  it('gives a flat image quality 0', () => {
    expect(pdqHashFromLuminance(new Float32Array(100 * 100).fill(200), 100, 100).quality).toBe(0);
  });

  it('leaves the caller’s buffer unchanged', () => {
    const luma = picture(300, 200);
    const copy = luma.slice();
    pdqHashFromLuminance(luma, 300, 200);
    expect(luma).toEqual(copy);
  });

  it('hashes a 64x64 block directly, and its dihedral original stays close', () => {
    const luma = picture(64, 64);
    const plain = pdqHashFromLuminance(luma, 64, 64);
    const dihedral = pdqDihedralFromLuminance(luma, 64, 64);
    expect(plain.quality).toBeGreaterThan(50);
    expect(hammingDistance(plain.hash, dihedral.original)).toBeLessThanOrEqual(10);
  });

  it('rejects a buffer smaller than width x height, and bad sizes', () => {
    expect(() => pdqHashFromLuminance(new Float32Array(10), 5, 5)).toThrow(RangeError);
    expect(() => pdqHashFromLuminance(new Float32Array(100), 2.5, 4)).toThrow(RangeError);
  });

  it('gives the same hash on a second call (scratch memory is reset)', () => {
    const a = picture(333, 222);
    const first = pdqHashFromLuminance(a, 333, 222);
    pdqHashFromLuminance(picture(50, 80), 50, 80);
    expect(pdqHashFromLuminance(a, 333, 222)).toEqual(first);
  });
});

describe('the reference tool’s pixel rules', () => {
  it('resizes to 512x512 by nearest neighbour when a side is above 512, ignoring aspect ratio', () => {
    const width = 1000;
    const height = 300;
    const data = new Uint8Array(width * height * 4);
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        const i = (y * width + x) * 4;
        data.set([x & 255, y & 255, (x >> 8) + 4 * (y >> 8), 255], i);
      }
    }
    const out = resizeLikeReference({ data, width, height });
    expect([out.width, out.height]).toEqual([512, 512]);
    for (const [x, y] of [
      [0, 0],
      [511, 511],
      [100, 200],
      [257, 3],
    ] as const) {
      const sx = Math.floor((x * width) / 512);
      const sy = Math.floor((y * height) / 512);
      const i = (y * 512 + x) * 4;
      expect([...out.data.subarray(i, i + 4)]).toEqual([sx & 255, sy & 255, (sx >> 8) + 4 * (sy >> 8), 255]);
    }
  });

  it('keeps images of at most 512x512 as they are', () => {
    const image = { data: new Uint8Array(512 * 40 * 4), width: 512, height: 40 };
    expect(resizeLikeReference(image)).toBe(image);
  });

  it('reads grey pixels as their grey value, colour pixels as 0.299 R + 0.587 G + 0.114 B', () => {
    const grey = luminanceFromRgba({
      data: new Uint8Array([7, 7, 7, 255, 200, 200, 200, 0]),
      width: 2,
      height: 1,
    });
    expect([...grey]).toEqual([7, 200]);
    const colour = luminanceFromRgba({
      data: new Uint8Array([255, 0, 0, 255, 0, 0, 255, 255]),
      width: 2,
      height: 1,
    });
    expect(colour[0]).toBeCloseTo(0.299 * 255, 4);
    expect(colour[1]).toBeCloseTo(0.114 * 255, 4);
  });

  it('ignores alpha, as the reference drops it', () => {
    const width = 80;
    const height = 60;
    const opaque = new Uint8Array(width * height * 4);
    for (let i = 0; i < opaque.length; i += 4) opaque.set([(i * 7) & 255, (i * 3) & 255, i & 255, 255], i);
    const transparent = opaque.map((v, i) => (i % 4 === 3 ? 0 : v));
    expect(pdqHashFromRgba(transparent, width, height)).toEqual(pdqHashFromRgba(opaque, width, height));
  });
});
