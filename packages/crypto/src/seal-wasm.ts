import { hkdf } from '@noble/hashes/hkdf.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { utf8 } from './encoding.ts';
import { encrypterFor, seal } from './seal.ts';
import type { AgeRecipient, Sealed } from './types.ts';

/**
 * `seal` for large items in the browser. The age payload is ChaCha20-Poly1305 over 64 KiB chunks (age
 * STREAM); WebCrypto has no ChaCha20 and the pure-JS cipher that typage uses runs at ~50 MB/s, so a
 * 100 MB video would block the phone for seconds. Here the header (file key, X25519 stanzas, MAC) still
 * comes from typage, and only the payload goes through libsodium's WebAssembly ChaCha20-Poly1305 (~8×
 * faster, `npm run bench -- seal-browser`). The output is a standard age file, byte for byte what
 * `seal` would make with the same file key and nonce; the age CLI opens it (seal-wasm.test.ts).
 */

const CHUNK = 64 * 1024;
const TAG = 16;
const NONCE = 16;

/** Below this the WebAssembly module (~300 KB) is not worth fetching: `seal` takes milliseconds. */
export const WASM_FROM_BYTES = 1 << 20;

type Sodium = typeof import('libsodium-wrappers')['default'];
let sodium: Promise<Sodium> | null = null;

/** libsodium, fetched on first large item and compiled once. */
function loadSodium(): Promise<Sodium> {
  sodium ??= import('libsodium-wrappers').then(async (m) => {
    await m.default.ready;
    return m.default;
  });
  return sodium;
}

/**
 * The age header and payload nonce for these recipients, and the payload key. typage draws the file
 * key and nonce from the CSPRNG and writes the header; a recipient that adds no stanza of its own sees
 * the file key on the way (the Recipient interface's `wrapFileKey`). Sealing zero bytes gives
 * header ‖ nonce ‖ one empty final chunk (its 16-byte tag), which is dropped.
 */
async function headerAndKey(
  recipients: readonly AgeRecipient[],
): Promise<{ head: Uint8Array; streamKey: Uint8Array }> {
  const encrypter = encrypterFor(recipients);
  let fileKey: Uint8Array | null = null;
  encrypter.addRecipient({
    wrapFileKey(key: Uint8Array) {
      fileKey = key.slice();
      return [];
    },
  });
  const empty = await encrypter.encrypt(new Uint8Array(0));
  if (fileKey === null) throw new Error('age did not hand out a file key');
  const head = empty.subarray(0, empty.length - TAG);
  const nonce = head.subarray(head.length - NONCE);
  const streamKey = hkdf(sha256, fileKey, nonce, utf8('payload'), 32);
  (fileKey as Uint8Array).fill(0);
  return { head, streamKey };
}

/** Sealed size of `size` plaintext bytes after the header: one tag per chunk, at least one chunk. */
function payloadSize(size: number): number {
  return size + TAG * Math.max(1, Math.ceil(size / CHUNK));
}

/**
 * Seals bytes like `seal` (same age file format, same recipients rule), through WebAssembly when the
 * item is large. The whole item and its sealed form are in memory at once, as with `seal`.
 */
export async function sealFast<T = Uint8Array>(
  bytes: Uint8Array,
  recipients: readonly AgeRecipient[],
): Promise<Sealed<T>> {
  if (bytes.byteLength < WASM_FROM_BYTES) return seal<T>(bytes, recipients);
  const [{ head, streamKey }, na] = await Promise.all([headerAndKey(recipients), loadSodium()]);
  const out = new Uint8Array(head.length + payloadSize(bytes.byteLength));
  out.set(head);
  // age STREAM nonce: an 11-byte big-endian chunk counter, then 1 on the last chunk and 0 before it.
  const nonce = new Uint8Array(12);
  const view = new DataView(nonce.buffer);
  let at = head.length;
  for (let offset = 0, counter = 0; offset < bytes.byteLength; offset += CHUNK, counter++) {
    const end = Math.min(offset + CHUNK, bytes.byteLength);
    // 2^32 chunks of 64 KiB is 256 TiB: the top bytes of the counter stay zero.
    view.setUint32(7, counter);
    nonce[11] = end === bytes.byteLength ? 1 : 0;
    const sealed = na.crypto_aead_chacha20poly1305_ietf_encrypt(
      bytes.subarray(offset, end),
      null,
      null,
      nonce,
      streamKey,
    );
    out.set(sealed, at);
    at += sealed.length;
  }
  streamKey.fill(0);
  return out as Sealed<T>;
}
