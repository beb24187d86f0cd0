import { sha256 } from '@noble/hashes/sha2.js';
import { toHex } from './encoding.ts';

/** SHA-256 of the bytes, lower-case hex. */
export function sha256Hex(bytes: Uint8Array): string {
  return toHex(sha256(bytes));
}

/** SHA-256 of everything the stream yields, hashed chunk by chunk so a large item never sits in memory. */
export async function sha256HexStream(stream: ReadableStream<Uint8Array>): Promise<string> {
  const hasher = sha256.create();
  const reader = stream.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      hasher.update(value);
    }
  } finally {
    reader.releaseLock();
  }
  return toHex(hasher.digest());
}
