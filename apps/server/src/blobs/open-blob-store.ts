import { join } from 'node:path';
import type { Config } from '../config.ts';
import type { BlobStore } from './blob-store.ts';
import { parseBlobStoreUrl } from './blob-store-url.ts';
import { LocalDiskBlobStore } from './local-disk-blob-store.ts';
import { S3BlobStore } from './s3-blob-store.ts';

/** `BLOB_STORE_URL` when set (an S3-compatible bucket), else DATA_DIR/blobs on local disk. */
export function openBlobStore(config: Pick<Config, 'dataDir' | 'blobStoreUrl'>): BlobStore {
  if (!config.blobStoreUrl) return new LocalDiskBlobStore(join(config.dataDir, 'blobs'));
  const location = parseBlobStoreUrl(config.blobStoreUrl);
  // loadConfig has checked it already; this is for callers that build a Config by hand.
  if (typeof location === 'string') throw new Error(`BLOB_STORE_URL ${location}`);
  return S3BlobStore.fromLocation(location);
}
