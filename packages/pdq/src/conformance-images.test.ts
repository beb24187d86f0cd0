/**
 * Conformance rule 2: decoding the reference image files with sharp (our Node decoder) and
 * hashing them, every image of quality >= 80 is within 10 bits of the C++ reference, for the
 * plain hash and all 7 other dihedral hashes. The two low-quality images are checked for
 * quality only, as Meta's rule says.
 */
import { describe, expect, it } from 'vitest';
import { readExpected } from '../test/reference-data.ts';
import { decodeToRgba } from './decode-node.ts';
import { pdqDihedralFromRgba } from './from-rgba.ts';
import { hammingDistance } from './hamming.ts';
import { DIHEDRAL_NAMES } from './hash.ts';

const TOLERANCE = 10;
const rows = readExpected();
const good = rows.filter((r) => r.quality >= 80);
const poor = rows.filter((r) => r.quality < 80);

describe('PDQ on the reference image files (sharp decoder)', () => {
  it('covers all 33 images, 2 of them below quality 80', () => {
    expect(rows).toHaveLength(33);
    expect(poor.map((r) => r.path).sort()).toEqual([
      'misc-images/small.jpg',
      'reg-test-input/labelme-subset/q0003.jpg',
    ]);
  });

  it.each(good.map((r) => [r.path, r] as const))('%s: all 8 hashes within 10 bits', async (_path, row) => {
    const image = await decodeToRgba(row.file);
    // Stored orientation, as the reference decodes it: EXIF rotation would swap these.
    expect([image.width, image.height]).toEqual([row.width, row.height]);
    const { quality, ...hashes } = pdqDihedralFromRgba(image.data, image.width, image.height);
    expect(quality).toBeGreaterThanOrEqual(80);
    const distances = Object.fromEntries(
      DIHEDRAL_NAMES.map((n) => [n, hammingDistance(hashes[n], row.dihedral[n])]),
    );
    for (const name of DIHEDRAL_NAMES) expect(distances[name], name).toBeLessThanOrEqual(TOLERANCE);
  });

  it.each(poor.map((r) => [r.path, r] as const))('%s: same low quality', async (_path, row) => {
    const image = await decodeToRgba(row.file);
    expect(pdqDihedralFromRgba(image.data, image.width, image.height).quality).toBe(row.quality);
  });
});
