/**
 * Reads the PDQ reference set (../shared/reference-data/pdq next to the checkout, or
 * PDQ_REFERENCE_DIR): expected.tsv, buffers.tsv and the exact pixel buffers the C++ reference
 * hashed. Node-only; used by the conformance tests and the benchmark.
 */
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
export const REFERENCE_DIR =
  process.env.PDQ_REFERENCE_DIR ?? resolve(repoRoot, '../shared/reference-data/pdq');

export type ExpectedRow = {
  path: string;
  file: string;
  width: number;
  height: number;
  hashedWidth: number;
  hashedHeight: number;
  hash: string;
  quality: number;
  /** The 8 dihedral hashes in the reference tool's order (original first). */
  dihedral: {
    original: string;
    rot90: string;
    rot180: string;
    rot270: string;
    flipX: string;
    flipY: string;
    flipPlusOne: string;
    flipMinusOne: string;
  };
};

function readTsv(name: string): Record<string, string>[] {
  const [header, ...lines] = readFileSync(join(REFERENCE_DIR, name), 'utf8').trimEnd().split('\n');
  const columns = header!.split('\t');
  return lines.map((line) => {
    const cells = line.split('\t');
    return Object.fromEntries(columns.map((c, i) => [c, cells[i] ?? '']));
  });
}

export function readExpected(): ExpectedRow[] {
  return readTsv('expected.tsv').map((r) => ({
    path: r.path!,
    file: join(REFERENCE_DIR, 'images', r.path!),
    width: Number(r.width),
    height: Number(r.height),
    hashedWidth: Number(r.hashed_width),
    hashedHeight: Number(r.hashed_height),
    hash: r.pdq_hash!,
    quality: Number(r.quality),
    dihedral: {
      original: r.pdq_hash!,
      rot90: r.pdq_rot90!,
      rot180: r.pdq_rot180!,
      rot270: r.pdq_rot270!,
      flipX: r.pdq_flipx!,
      flipY: r.pdq_flipy!,
      flipPlusOne: r.pdq_flipp!,
      flipMinusOne: r.pdq_flipm!,
    },
  }));
}

export type ReferenceBuffer = {
  path: string;
  width: number;
  height: number;
  /** 1 (grey) or 3 (RGB) samples per pixel, exactly as the reference hashed them. */
  channels: 1 | 3;
  samples: Uint8Array;
  /** The reference's 64x64 block after the Jarosz filter and decimation. */
  block64: Float32Array;
  /** The reference's 16x16 DCT output. */
  dct16: Float32Array;
  hash: string;
  quality: number;
};

/** Parses a binary PGM (P5) or PPM (P6) with maxval 255. */
export function parsePnm(bytes: Uint8Array): {
  width: number;
  height: number;
  channels: 1 | 3;
  samples: Uint8Array;
} {
  const fields: string[] = [];
  let pos = 0;
  while (fields.length < 4) {
    while (pos < bytes.length && /\s/.test(String.fromCharCode(bytes[pos]!))) pos++;
    let field = '';
    while (pos < bytes.length && !/\s/.test(String.fromCharCode(bytes[pos]!)))
      field += String.fromCharCode(bytes[pos++]!);
    fields.push(field);
  }
  pos++; // the single whitespace byte after maxval
  const [magic, width, height, maxval] = fields;
  if ((magic !== 'P5' && magic !== 'P6') || maxval !== '255')
    throw new Error(`unsupported PNM header ${fields}`);
  const channels = magic === 'P5' ? 1 : 3;
  const w = Number(width);
  const h = Number(height);
  return { width: w, height: h, channels, samples: bytes.subarray(pos, pos + w * h * channels) };
}

function readFloats(path: string): Float32Array {
  const bytes = readFileSync(join(REFERENCE_DIR, path));
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out = new Float32Array(bytes.byteLength / 4);
  for (let i = 0; i < out.length; i++) out[i] = view.getFloat32(i * 4, true);
  return out;
}

export function readBuffers(): ReferenceBuffer[] {
  return readTsv('buffers.tsv').map((r) => {
    const pnm = parsePnm(gunzipSync(readFileSync(join(REFERENCE_DIR, r.pixels_file!))));
    return {
      path: r.path!,
      ...pnm,
      block64: readFloats(r.float64x64_file!),
      dct16: readFloats(r.dct16x16_file!),
      hash: r.pdq_hash!,
      quality: Number(r.quality),
    };
  });
}

/** Interleaved RGB or grey samples to RGBA with opaque alpha. */
export function samplesToRgba(samples: Uint8Array, channels: 1 | 3, pixels: number): Uint8Array {
  const rgba = new Uint8Array(pixels * 4);
  for (let p = 0; p < pixels; p++) {
    const s = p * channels;
    rgba[p * 4] = samples[s]!;
    rgba[p * 4 + 1] = samples[channels === 3 ? s + 1 : s]!;
    rgba[p * 4 + 2] = samples[channels === 3 ? s + 2 : s]!;
    rgba[p * 4 + 3] = 255;
  }
  return rgba;
}
