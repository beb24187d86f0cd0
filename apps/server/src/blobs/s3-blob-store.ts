import type { Readable } from 'node:stream';
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  PutObjectCommand,
  S3Client,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import { assertValidBlobKey, BlobNotFoundError, type BlobStore } from './blob-store.ts';
import type { S3Location } from './blob-store-url.ts';

/**
 * A streamed blob is sent in parts of this size: one PutObject when it fits in one part, else a
 * multipart upload. Bounds the memory one write holds (S3's smallest part is 5 MiB).
 */
export const S3_PART_BYTES = 8 * 1024 * 1024;

/** Collects a stream into buffers of `size` bytes (the last one shorter). */
export async function* partsOf(source: AsyncIterable<Uint8Array>, size: number): AsyncGenerator<Buffer> {
  let held: Buffer[] = [];
  let length = 0;
  for await (const chunk of source) {
    let rest = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    while (length + rest.byteLength >= size) {
      const take = size - length;
      held.push(rest.subarray(0, take));
      yield Buffer.concat(held);
      held = [];
      length = 0;
      rest = rest.subarray(take);
    }
    if (rest.byteLength > 0) {
      // Copied: the caller may reuse the chunk's memory once it has handed it over.
      held.push(Buffer.from(rest));
      length += rest.byteLength;
    }
  }
  if (length > 0) yield Buffer.concat(held);
}

function isNotFound(error: unknown): boolean {
  const e = error as { name?: string; $metadata?: { httpStatusCode?: number } };
  return e?.name === 'NoSuchKey' || e?.name === 'NotFound' || e?.$metadata?.httpStatusCode === 404;
}

/**
 * Evidence in an S3-compatible bucket (AWS S3, MinIO, Ceph, Garage, a cloud's object storage).
 *
 * Uses only what every such service has: PutObject, GetObject, HeadObject, DeleteObject, HeadBucket and,
 * for blobs over one part, multipart upload. It never lists the bucket and never relies on conditional
 * writes: what exists is known from PostgreSQL (report_items.blob_key, staged_uploads.parts), and every
 * key is either written once (staged parts carry a random suffix) or rewritten with the same bytes (a
 * finished item's key). S3's PutObject and CompleteMultipartUpload are atomic, so readers never see a
 * half-written blob.
 */
export class S3BlobStore implements BlobStore {
  readonly kind = 's3';
  readonly client: S3Client;
  readonly bucket: string;
  readonly prefix: string;

  constructor(options: { client: S3Client; bucket: string; prefix?: string }) {
    this.client = options.client;
    this.bucket = options.bucket;
    this.prefix = options.prefix ?? '';
  }

  /** A client for `BLOB_STORE_URL`; credentials come from the SDK's default chain, never from the URL. */
  static fromLocation(
    location: S3Location,
    /** Tests only; a deployment leaves this out and the SDK's chain finds the credentials. */
    credentials?: { accessKeyId: string; secretAccessKey: string },
  ): S3BlobStore {
    const client = new S3Client({
      ...(credentials ? { credentials } : {}),
      region: location.region ?? process.env.AWS_REGION ?? 'us-east-1',
      ...(location.endpoint ? { endpoint: location.endpoint } : {}),
      forcePathStyle: location.forcePathStyle,
      maxAttempts: 3,
      // A store that does not answer must not hold a request (or /readyz) for minutes.
      requestHandler: { connectionTimeout: 5_000, requestTimeout: 60_000 },
    });
    return new S3BlobStore({ client, bucket: location.bucket, prefix: location.prefix });
  }

  private objectKey(key: string): string {
    assertValidBlobKey(key);
    return this.prefix ? `${this.prefix}/${key}` : key;
  }

  async ping(): Promise<boolean> {
    try {
      // One short try: a readiness probe must answer within its own timeout.
      await this.client.send(new HeadBucketCommand({ Bucket: this.bucket }), {
        abortSignal: AbortSignal.timeout(3_000),
      });
      return true;
    } catch {
      return false;
    }
  }

  async put(key: string, data: Uint8Array | Readable): Promise<{ size: number }> {
    const Key = this.objectKey(key);
    if (data instanceof Uint8Array) {
      await this.putOne(Key, data);
      return { size: data.byteLength };
    }
    const parts = partsOf(data, S3_PART_BYTES);
    const first = await parts.next();
    if (first.done) {
      await this.putOne(Key, new Uint8Array());
      return { size: 0 };
    }
    const second = await parts.next();
    if (second.done) {
      await this.putOne(Key, first.value);
      return { size: first.value.byteLength };
    }
    return this.putMultipart(Key, [first.value, second.value], parts);
  }

  private async putOne(Key: string, body: Uint8Array): Promise<void> {
    await this.client.send(
      new PutObjectCommand({
        Bucket: this.bucket,
        Key,
        Body: body,
        ContentLength: body.byteLength,
        ContentType: 'application/octet-stream',
      }),
    );
  }

  private async putMultipart(Key: string, firstParts: Buffer[], rest: AsyncGenerator<Buffer>) {
    const { UploadId } = await this.client.send(
      new CreateMultipartUploadCommand({ Bucket: this.bucket, Key, ContentType: 'application/octet-stream' }),
    );
    const done: { PartNumber: number; ETag: string }[] = [];
    let size = 0;
    try {
      const send = async (body: Buffer) => {
        const PartNumber = done.length + 1;
        const { ETag } = await this.client.send(
          new UploadPartCommand({
            Bucket: this.bucket,
            Key,
            UploadId,
            PartNumber,
            Body: body,
            ContentLength: body.byteLength,
          }),
        );
        done.push({ PartNumber, ETag: ETag ?? '' });
        size += body.byteLength;
      };
      for (const body of firstParts) await send(body);
      for await (const body of rest) await send(body);
      await this.client.send(
        new CompleteMultipartUploadCommand({
          Bucket: this.bucket,
          Key,
          UploadId,
          MultipartUpload: { Parts: done },
        }),
      );
      return { size };
    } catch (error) {
      // Left behind, the parts would cost storage; a bucket lifecycle rule catches what this misses.
      await this.client
        .send(new AbortMultipartUploadCommand({ Bucket: this.bucket, Key, UploadId }))
        .catch(() => {});
      throw error;
    }
  }

  async get(key: string): Promise<Readable> {
    try {
      const { Body } = await this.client.send(
        new GetObjectCommand({ Bucket: this.bucket, Key: this.objectKey(key) }),
      );
      if (!Body) throw new BlobNotFoundError();
      // In Node.js the SDK's body is an http.IncomingMessage: a Readable.
      return Body as Readable;
    } catch (error) {
      if (isNotFound(error)) throw new BlobNotFoundError();
      throw error;
    }
  }

  async getBytes(key: string): Promise<Uint8Array> {
    try {
      const { Body } = await this.client.send(
        new GetObjectCommand({ Bucket: this.bucket, Key: this.objectKey(key) }),
      );
      if (!Body) throw new BlobNotFoundError();
      return await Body.transformToByteArray();
    } catch (error) {
      if (isNotFound(error)) throw new BlobNotFoundError();
      throw error;
    }
  }

  /** Deleting a key that is not there is no error (S3 answers 204 either way). */
  async delete(key: string): Promise<void> {
    await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: this.objectKey(key) }));
  }

  async has(key: string): Promise<boolean> {
    try {
      await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: this.objectKey(key) }));
      return true;
    } catch (error) {
      if (isNotFound(error)) return false;
      throw error;
    }
  }
}
