/**
 * Browser decoding for PDQ (main thread or worker): an image Blob to RGBA pixels the way the
 * reference tool sees them, so the hash matches lists made with it.
 * - `createImageBitmap` decodes; `colorSpaceConversion: 'none'` leaves colour profiles alone, as
 *   ImageMagick's plain `convert` does, and `premultiplyAlpha: 'none'` keeps colours as stored.
 * - Browsers apply EXIF orientation and Chromium ignores `imageOrientation: 'none'`, so we read the
 *   tag from the JPEG and turn the pixels back to their stored orientation.
 * No network, no DOM beyond a canvas: the picture never leaves this function.
 */
import { readExifOrientation, undoExifOrientation } from './exif-orientation.ts';
import { type FileDigests, fileDigests } from './file-digests.ts';
import { pdqDihedralFromRgba, pdqHashFromRgba } from './from-rgba.ts';
import type { PdqDihedral, PdqHash } from './hash.ts';
import type { Rgba } from './luma.ts';

/** EXIF sits in the first segments of a JPEG; this is more than enough to find it. */
const EXIF_SEARCH_BYTES = 256 * 1024;

export async function decodeImageBlob(blob: Blob): Promise<Rgba> {
  const head = new Uint8Array(await blob.slice(0, EXIF_SEARCH_BYTES).arrayBuffer());
  const orientation = readExifOrientation(head);
  const bitmap = await createImageBitmap(blob, { colorSpaceConversion: 'none', premultiplyAlpha: 'none' });
  try {
    const { width, height } = bitmap;
    const context = canvasContext(width, height);
    context.drawImage(bitmap, 0, 0);
    const { data } = context.getImageData(0, 0, width, height);
    return undoExifOrientation({ data, width, height }, orientation);
  } finally {
    bitmap.close();
  }
}

function canvasContext(width: number, height: number) {
  const canvas =
    typeof OffscreenCanvas === 'undefined'
      ? Object.assign(document.createElement('canvas'), { width, height })
      : new OffscreenCanvas(width, height);
  const context = canvas.getContext('2d', { willReadFrequently: true }) as
    | CanvasRenderingContext2D
    | OffscreenCanvasRenderingContext2D
    | null;
  if (!context) throw new Error('PDQ: this browser gives no 2D canvas to decode the picture');
  return context;
}

/** Decodes and hashes an image file picked by the user, on the device. */
export async function pdqHashImageBlob(blob: Blob): Promise<PdqHash> {
  const { data, width, height } = await decodeImageBlob(blob);
  return pdqHashFromRgba(data, width, height);
}

export async function pdqDihedralImageBlob(blob: Blob): Promise<PdqDihedral> {
  const { data, width, height } = await decodeImageBlob(blob);
  return pdqDihedralFromRgba(data, width, height);
}

/** What the hash-only route sends instead of the picture: digests, and PDQ for images. */
export type PickedFileHashes = FileDigests & { pdq: PdqHash | null };

/**
 * Everything the hash-only route needs from a picked file, for a worker to call: MD5 and SHA-256
 * of the bytes (progress 0 to 0.9), then PDQ when it is an image the browser can decode (the rest).
 * Videos, and images the browser cannot decode (such as HEIC outside Safari), get `pdq: null`.
 */
export async function hashPickedFile(
  file: Blob,
  onProgress?: (fraction: number) => void,
): Promise<PickedFileHashes> {
  const digests = await fileDigests(file, (f) => onProgress?.(0.9 * f));
  let pdq: PdqHash | null = null;
  if (file.type.startsWith('image/')) {
    try {
      pdq = await pdqHashImageBlob(file);
    } catch {
      pdq = null;
    }
  }
  onProgress?.(1);
  return { ...digests, pdq };
}
