/**
 * Browsers apply a JPEG's EXIF orientation when they decode it (`createImageBitmap`, `<img>`,
 * canvas), and Chromium no longer lets `imageOrientation: 'none'` turn that off. The reference
 * tool hashes the pixels as stored, so we read the orientation tag ourselves and turn the
 * decoded pixels back. Pure functions on bytes; no DOM.
 */
import { pixelWords, type Rgba } from './luma.ts';

/** EXIF orientation (1 = as stored, 2-8 = mirrored and/or rotated) of a JPEG; 1 when absent. */
export function readExifOrientation(bytes: Uint8Array): number {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length < 4 || view.getUint16(0) !== 0xffd8) return 1;
  let at = 2;
  while (at + 4 <= bytes.length && bytes[at] === 0xff) {
    const marker = bytes[at + 1]!;
    // Start of scan or end of image: the metadata segments are all before these.
    if (marker === 0xda || marker === 0xd9) return 1;
    const length = view.getUint16(at + 2);
    if (marker === 0xe1 && length >= 8 && isExifHeader(bytes, at + 4)) {
      return orientationFromTiff(view, at + 10, Math.min(bytes.length, at + 2 + length));
    }
    at += 2 + length;
  }
  return 1;
}

function isExifHeader(bytes: Uint8Array, at: number): boolean {
  // "Exif\0\0"
  return (
    bytes[at] === 0x45 &&
    bytes[at + 1] === 0x78 &&
    bytes[at + 2] === 0x69 &&
    bytes[at + 3] === 0x66 &&
    bytes[at + 4] === 0 &&
    bytes[at + 5] === 0
  );
}

const ORIENTATION_TAG = 0x0112;

function orientationFromTiff(view: DataView, tiff: number, end: number): number {
  if (tiff + 8 > end) return 1;
  const order = view.getUint16(tiff);
  if (order !== 0x4949 && order !== 0x4d4d) return 1; // "II" little-endian, "MM" big-endian
  const little = order === 0x4949;
  const ifd = tiff + view.getUint32(tiff + 4, little);
  if (ifd + 2 > end) return 1;
  const entries = view.getUint16(ifd, little);
  for (let i = 0; i < entries; i++) {
    const entry = ifd + 2 + i * 12;
    if (entry + 12 > end) return 1;
    if (view.getUint16(entry, little) === ORIENTATION_TAG) {
      const value = view.getUint16(entry + 8, little);
      return value >= 1 && value <= 8 ? value : 1;
    }
  }
  return 1;
}

/**
 * Where displayed pixel (x, y) comes from in the stored image (width w, height h), for each
 * EXIF orientation. Orientations 5-8 swap width and height.
 */
function storedPosition(orientation: number, x: number, y: number, w: number, h: number): [number, number] {
  switch (orientation) {
    case 2:
      return [w - 1 - x, y]; // mirrored left-right
    case 3:
      return [w - 1 - x, h - 1 - y]; // turned 180°
    case 4:
      return [x, h - 1 - y]; // mirrored top-bottom
    case 5:
      return [y, x]; // transposed
    case 6:
      return [y, h - 1 - x]; // turned 90° clockwise
    case 7:
      return [w - 1 - y, h - 1 - x]; // transversed
    case 8:
      return [w - 1 - y, x]; // turned 90° anticlockwise
    default:
      return [x, y];
  }
}

/**
 * Turns pixels that were decoded with EXIF `orientation` applied back into the stored
 * orientation. Orientation 1 returns the same image.
 */
export function undoExifOrientation(displayed: Rgba, orientation: number): Rgba {
  if (orientation < 2 || orientation > 8) return displayed;
  const swap = orientation >= 5;
  const width = swap ? displayed.height : displayed.width;
  const height = swap ? displayed.width : displayed.height;
  const source = pixelWords(displayed.data);
  const out = new Uint8Array(width * height * 4);
  const target = new Uint32Array(out.buffer);
  // The stored index is affine in (x, y): find its start and steps once, then walk.
  const index = (x: number, y: number) => {
    const [sx, sy] = storedPosition(orientation, x, y, width, height);
    return sy * width + sx;
  };
  const start = index(0, 0);
  const stepX = index(1, 0) - start;
  const stepY = index(0, 1) - start;
  for (let y = 0, from = 0; y < displayed.height; y++) {
    let to = start + y * stepY;
    for (let x = 0; x < displayed.width; x++, from++, to += stepX) target[to] = source[from]!;
  }
  return { data: out, width, height };
}
