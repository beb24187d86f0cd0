import { join } from 'node:path';
import type { AppDeps } from '../app-deps.ts';
import type { BlobStore } from '../blobs/blob-store.ts';
import { S3BlobStore } from '../blobs/s3-blob-store.ts';
import { ObjectStagedUploadStore } from './object-staged-upload-store.ts';
import { StagedUploadStore, UPLOAD_EXPIRY_MS } from './staged-upload-store.ts';
import type { UploadStaging } from './upload-staging.ts';

const opened = new WeakMap<BlobStore, Promise<UploadStaging>>();

/**
 * The staging area that goes with the blob store: DATA_DIR/uploads next to blobs on local disk, the
 * bucket itself (bookkept in PostgreSQL) with object storage. One per blob store, shared by the upload
 * routes, the sweep and retention.
 */
export function openUploadStaging(deps: Pick<AppDeps, 'db' | 'blobs' | 'config'>): Promise<UploadStaging> {
  let staging = opened.get(deps.blobs);
  if (!staging) {
    const { blobs } = deps;
    staging =
      blobs instanceof S3BlobStore
        ? Promise.resolve(
            new ObjectStagedUploadStore({
              db: deps.db,
              blobs,
              expirationPeriodInMilliseconds: UPLOAD_EXPIRY_MS,
              location: `s3://${blobs.bucket}/${blobs.prefix}`,
            }),
          )
        : StagedUploadStore.create(join(deps.config.dataDir, 'uploads'), UPLOAD_EXPIRY_MS);
    opened.set(deps.blobs, staging);
  }
  return staging;
}
