import type { Readable } from 'node:stream';

/**
 * Where sealed evidence lives. Keys are relative, slash-separated names (`reports/<id>/<item>`);
 * values are ciphertext the server cannot open. Local disk (the default) or S3-compatible storage
 * (`BLOB_STORE_URL`, see s3-blob-store.ts).
 */
export interface BlobStore {
  /** Local disk (one host or a shared volume) or an S3-compatible service; staged uploads follow it. */
  readonly kind: 'local-disk' | 's3';
  /** Whether the store answers now (for `/readyz`); never throws. */
  ping(): Promise<boolean>;
  /** Stores the bytes under `key`, replacing what was there. Readers never see a half-written blob. */
  put(key: string, data: Uint8Array | Readable): Promise<{ size: number }>;
  /** The stored bytes as a stream; throws `BlobNotFoundError` when there is none. */
  get(key: string): Promise<Readable>;
  getBytes(key: string): Promise<Uint8Array>;
  delete(key: string): Promise<void>;
  has(key: string): Promise<boolean>;
}

export class BlobNotFoundError extends Error {
  constructor() {
    // The key is not in the message: keys name reports, and messages reach logs.
    super('Blob not found');
    this.name = 'BlobNotFoundError';
  }
}

export class InvalidBlobKeyError extends Error {
  constructor() {
    super('Invalid blob key');
    this.name = 'InvalidBlobKeyError';
  }
}

const segment = /^[A-Za-z0-9_-][A-Za-z0-9._-]{0,127}$/;

/** A key is 1–8 segments of safe characters; no `.`/`..` segment, no absolute path, no backslash. */
export function assertValidBlobKey(key: string): void {
  const parts = key.split('/');
  if (parts.length < 1 || parts.length > 8) throw new InvalidBlobKeyError();
  for (const part of parts) {
    if (!segment.test(part) || part === '.' || part === '..') throw new InvalidBlobKeyError();
  }
}
