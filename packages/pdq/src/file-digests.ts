/**
 * MD5 and SHA-256 of a picked file, computed on the device in chunks so a worker can report
 * progress and a large video never sits in memory twice. Known-image lists (hotlines, NCMEC,
 * StopNCII partners) use these next to PDQ: MD5 and SHA-256 find exact copies, PDQ finds
 * near copies. Pure JavaScript (no WebCrypto: it cannot hash incrementally, and has no MD5).
 */
import { md5 } from '@noble/hashes/legacy.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';

export type FileDigests = { md5: string; sha256: string; bytes: number };

const CHUNK_BYTES = 1 << 20;

/** `onProgress` receives the fraction done (0..1) after each chunk. */
export async function fileDigests(file: Blob, onProgress?: (fraction: number) => void): Promise<FileDigests> {
  const m = md5.create();
  const s = sha256.create();
  for (let at = 0; at < file.size; at += CHUNK_BYTES) {
    const chunk = new Uint8Array(await file.slice(at, at + CHUNK_BYTES).arrayBuffer());
    m.update(chunk);
    s.update(chunk);
    onProgress?.(Math.min(1, (at + chunk.length) / file.size));
  }
  if (file.size === 0) onProgress?.(1);
  return { md5: bytesToHex(m.digest()), sha256: bytesToHex(s.digest()), bytes: file.size };
}
