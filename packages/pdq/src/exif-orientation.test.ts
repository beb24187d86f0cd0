import { readFileSync } from 'node:fs';
import sharp, { type Sharp } from 'sharp';
import { describe, expect, it } from 'vitest';
import { readExpected } from '../test/reference-data.ts';
import { readExifOrientation, undoExifOrientation } from './exif-orientation.ts';

const file = readExpected().find((r) => r.path === 'reg-test-input/labelme-subset/q0122.jpg')!.file;

async function rgba(input: Sharp) {
  const { data, info } = await input.ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  return { data: new Uint8Array(data), width: info.width, height: info.height };
}

describe('EXIF orientation', () => {
  it('reads the tag of the reference photo taken on its side', async () => {
    const rotated = readExpected().find((r) => r.path === 'reg-test-input/exif-rotn/exif-rotn-8.jpg')!.file;
    expect(readExifOrientation(readFileSync(rotated))).toBe(8);
    expect(readExifOrientation(readFileSync(file))).toBe(1);
  });

  it('gives 1 for bytes that are not a JPEG or have no EXIF', () => {
    expect(readExifOrientation(new Uint8Array([0x89, 0x50, 0x4e, 0x47]))).toBe(1);
    expect(readExifOrientation(new Uint8Array([0xff, 0xd8, 0xff, 0xe1, 0, 2]))).toBe(1);
    expect(readExifOrientation(new Uint8Array(0))).toBe(1);
  });

  it.each([1, 2, 3, 4, 5, 6, 7, 8])(
    'orientation %i: reads the tag and turns displayed pixels back into the stored ones',
    async (orientation) => {
      // A small non-square image, so a wrong rotation cannot pass by symmetry.
      const stored = await rgba(sharp(file).extract({ left: 3, top: 5, width: 37, height: 23 }));
      const jpeg = await sharp(stored.data, { raw: { width: 37, height: 23, channels: 4 } })
        .jpeg()
        .withMetadata({ orientation })
        .toBuffer();
      expect(readExifOrientation(jpeg)).toBe(orientation);
      // What a browser shows: sharp applies the tag the same way.
      const decodedStored = await rgba(sharp(jpeg, { autoOrient: false }));
      const displayed = await rgba(sharp(jpeg, { autoOrient: true }));
      const undone = undoExifOrientation(displayed, orientation);
      expect([undone.width, undone.height]).toEqual([37, 23]);
      expect(Buffer.from(undone.data).equals(Buffer.from(decodedStored.data))).toBe(true);
    },
  );
});
