/**
 * From decoded pixels to the luminance PDQ hashes, following the reference tool
 * (pdq-photo-hasher with ImageMagick decoding), so hashes agree with lists made by it.
 */

/** The reference resizes any image with a side above this to exactly this square. */
export const REFERENCE_MAX_SIDE = 512;

// float32 constants, as in the reference's luma step.
const R = Math.fround(0.299);
const G = Math.fround(0.587);
const B = Math.fround(0.114);

export type Rgba = { data: Uint8Array | Uint8ClampedArray; width: number; height: number };

/**
 * Nearest-neighbour resize to 512x512 when either side is larger, without keeping the aspect
 * ratio (src = floor(dst · size / 512)), as the reference tool does. Smaller images pass through.
 */
export function resizeLikeReference(image: Rgba): Rgba {
  const { data, width, height } = image;
  if (width <= REFERENCE_MAX_SIDE && height <= REFERENCE_MAX_SIDE) return image;
  const side = REFERENCE_MAX_SIDE;
  const out = new Uint8Array(side * side * 4);
  const source = pixelWords(data);
  const target = new Uint32Array(out.buffer);
  const cols = new Uint32Array(side);
  for (let x = 0; x < side; x++) cols[x] = Math.floor((x * width) / side);
  for (let y = 0; y < side; y++) {
    const rowStart = Math.floor((y * height) / side) * width;
    const outStart = y * side;
    // Whole RGBA pixels move as one 32-bit word; byte order does not matter for a copy.
    for (let x = 0; x < side; x++) target[outStart + x] = source[rowStart + cols[x]!]!;
  }
  return { data: out, width: side, height: side };
}

/** RGBA pixels as one 32-bit word each, for moving whole pixels (copies if misaligned). */
export function pixelWords(data: Uint8Array | Uint8ClampedArray): Uint32Array {
  const bytes = data.byteOffset % 4 === 0 ? data : data.slice();
  return new Uint32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength >>> 2);
}

/**
 * Luminance 0.299 R + 0.587 G + 0.114 B in float32. Alpha is ignored, not composited (the
 * reference drops it). When every pixel is grey the grey value itself is the luminance, because
 * the reference's decoder then hands over a one-channel image; `out` is reused when big enough.
 */
export function luminanceFromRgba(image: Rgba, out?: Float32Array): Float32Array {
  const { data, width, height } = image;
  const pixels = width * height;
  if (data.length < pixels * 4) throw new RangeError('PDQ: RGBA buffer is smaller than width x height x 4');
  const luma = out && out.length >= pixels ? out : new Float32Array(pixels);
  if (isAllGrey(data, pixels)) {
    for (let p = 0, i = 0; p < pixels; p++, i += 4) luma[p] = data[i]!;
    return luma;
  }
  for (let p = 0, i = 0; p < pixels; p++, i += 4) {
    // Each product and each sum rounds to float32, as in the reference's float arithmetic.
    const red = Math.fround(R * data[i]!);
    const green = Math.fround(G * data[i + 1]!);
    luma[p] = Math.fround(Math.fround(red + green) + Math.fround(B * data[i + 2]!));
  }
  return luma;
}

function isAllGrey(data: Uint8Array | Uint8ClampedArray, pixels: number): boolean {
  for (let i = 0, end = pixels * 4; i < end; i += 4) {
    if (data[i] !== data[i + 1] || data[i] !== data[i + 2]) return false;
  }
  return true;
}
