import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import S3rver from 's3rver';
import { parseBlobStoreUrl, type S3Location } from '../../src/blobs/blob-store-url.ts';
import { S3BlobStore } from '../../src/blobs/s3-blob-store.ts';

/** s3rver's fixed credentials (it checks request signatures against them). */
export const S3RVER_CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };

export type TestS3Server = {
  port: number;
  bucket: string;
  /** `BLOB_STORE_URL` for this server and bucket. */
  blobStoreUrl: string;
  /** The environment a spawned server needs: the URL and s3rver's credentials. */
  env: Record<string, string>;
  /** A blob store on the bucket, as the server builds one (with the credentials given directly). */
  store(): S3BlobStore;
  /** Stops answering (the port is closed); `start` brings it back on the same port and data. */
  stop(): Promise<void>;
  start(): Promise<void>;
  close(): Promise<void>;
};

/**
 * An S3-compatible server on loopback (s3rver, from the npm registry), its data in a temp folder.
 * What it lacks compared with S3 is listed in docs/operating-at-scale.md.
 */
export async function startS3Server(bucket = 'vangnet-evidence'): Promise<TestS3Server> {
  const directory = mkdtempSync(join(tmpdir(), 'vangnet-s3-'));
  let port = 0;
  let server: S3rver | undefined;
  const start = async () => {
    server = new S3rver({
      address: '127.0.0.1',
      port,
      silent: true,
      directory,
      configureBuckets: [{ name: bucket }],
    });
    port = (await server.run()).port;
  };
  const stop = async () => {
    await server?.close();
    server = undefined;
  };
  await start();
  const blobStoreUrl = `s3://${bucket}?endpoint=${encodeURIComponent(`http://127.0.0.1:${port}`)}&region=eu-west-1`;
  const location = parseBlobStoreUrl(blobStoreUrl) as S3Location;
  return {
    port,
    bucket,
    blobStoreUrl,
    env: {
      BLOB_STORE_URL: blobStoreUrl,
      AWS_ACCESS_KEY_ID: S3RVER_CREDENTIALS.accessKeyId,
      AWS_SECRET_ACCESS_KEY: S3RVER_CREDENTIALS.secretAccessKey,
    },
    store: () => S3BlobStore.fromLocation(location, S3RVER_CREDENTIALS),
    stop,
    start,
    close: async () => {
      await stop();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}
