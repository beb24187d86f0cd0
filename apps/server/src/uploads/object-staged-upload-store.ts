import { randomBytes } from 'node:crypto';
import { PassThrough, type Readable } from 'node:stream';
import { DataStore, ERRORS, Upload } from '@tus/server';
import { and, eq, inArray, isNull, lt, sql } from 'drizzle-orm';
import type { BlobStore } from '../blobs/blob-store.ts';
import { partsOf } from '../blobs/s3-blob-store.ts';
import type { Db } from '../db/open-database.ts';
import { type StagedPart, type StagedUploadRow, stagedUploads } from '../db/schema/index.ts';
import { UPLOAD_ID_PATTERN } from './staged-upload-store.ts';
import type { UploadStaging } from './upload-staging.ts';

/**
 * A PATCH is cut into staged objects of at most this size. Each is committed on its own, so a replica
 * that dies mid-PATCH loses at most this much (the client resends from the committed offset), and a
 * write holds at most this much memory.
 */
export const STAGED_PART_BYTES = 8 * 1024 * 1024;

/**
 * tus staging in the object store, for replicas that share no disk. Bytes are objects
 * `staging/<upload id>/<offset>-<random>`; PostgreSQL's `staged_uploads` row says which of them make the
 * upload and how far it is. A part is written first and only then committed, by moving `staged_bytes`
 * from the offset it started at (compare-and-set). So:
 * - a replica killed mid-PATCH leaves the row at its last commit; another replica answers HEAD with that
 *   offset and takes the rest;
 * - two replicas writing the same upload at once (a client retrying on another replica while the first
 *   is still reading its old request) cannot both commit at one offset: the loser deletes its part and
 *   answers 409, as tus prescribes;
 * - the store needs no conditional writes and is never listed: a part key is new every time.
 * A part written but never committed (the replica died in between, at most one per killed PATCH) is
 * in no row: a lifecycle rule on the bucket's `staging/` prefix (expire after 8 days) removes it, and
 * any staged part tus' own expiry missed (docs/operating-at-scale.md).
 */
export class ObjectStagedUploadStore extends DataStore implements UploadStaging {
  readonly location: string;
  private readonly db: Db;
  private readonly blobs: BlobStore;
  private readonly expiryMs: number;

  constructor(options: {
    db: Db;
    blobs: BlobStore;
    expirationPeriodInMilliseconds: number;
    location: string;
  }) {
    super();
    this.db = options.db;
    this.blobs = options.blobs;
    this.expiryMs = options.expirationPeriodInMilliseconds;
    this.location = options.location;
    // No creation-defer-length: an item's size is declared with its report.
    this.extensions = ['creation', 'creation-with-upload', 'termination', 'expiration'];
  }

  private async row(id: string): Promise<StagedUploadRow | undefined> {
    if (!UPLOAD_ID_PATTERN.test(id)) return undefined;
    const [row] = await this.db.select().from(stagedUploads).where(eq(stagedUploads.id, id)).limit(1);
    return row;
  }

  private uploadOf(row: StagedUploadRow): Upload {
    return new Upload({
      id: row.id,
      size: row.size,
      // Recorded: complete, though its parts are gone.
      offset: row.recordedAt ? row.size : row.stagedBytes,
      metadata: { reportId: row.reportId, itemId: row.itemId },
      creation_date: row.createdAt.toISOString(),
      storage: { type: 'object-store', path: `staging/${row.id}` },
    });
  }

  override async create(upload: Upload): Promise<Upload> {
    if (!UPLOAD_ID_PATTERN.test(upload.id) || upload.size === undefined) throw ERRORS.FILE_WRITE_ERROR;
    const createdAt = new Date();
    await this.db.insert(stagedUploads).values({
      id: upload.id,
      reportId: upload.metadata?.reportId ?? '',
      itemId: upload.metadata?.itemId ?? '',
      size: upload.size,
      createdAt,
    });
    upload.creation_date = createdAt.toISOString();
    upload.storage = { type: 'object-store', path: `staging/${upload.id}` };
    return upload;
  }

  override async getUpload(id: string): Promise<Upload> {
    const row = await this.row(id);
    if (!row) throw ERRORS.FILE_NOT_FOUND;
    return this.uploadOf(row);
  }

  override async write(stream: Readable, id: string, offset: number): Promise<number> {
    const row = await this.row(id);
    if (!row) throw ERRORS.FILE_NOT_FOUND;
    if (row.recordedAt || row.stagedBytes !== offset) throw ERRORS.INVALID_OFFSET;
    let at = offset;
    // When the client goes away tus ends the stream (no error): what arrived is committed.
    for await (const part of partsOf(stream, STAGED_PART_BYTES)) {
      if (at + part.byteLength > row.size) throw ERRORS.ERR_SIZE_EXCEEDED;
      const key = `staging/${id}/${String(at).padStart(12, '0')}-${randomBytes(8).toString('hex')}`;
      await this.blobs.put(key, part);
      const piece: StagedPart = { key, at, size: part.byteLength };
      const committed = await this.db
        .update(stagedUploads)
        .set({
          stagedBytes: at + part.byteLength,
          parts: sql`${stagedUploads.parts} || ${JSON.stringify([piece])}::jsonb`,
        })
        .where(
          and(eq(stagedUploads.id, id), eq(stagedUploads.stagedBytes, at), isNull(stagedUploads.recordedAt)),
        )
        .returning({ id: stagedUploads.id });
      if (committed.length === 0) {
        // Another request committed at this offset first: ours is not part of the upload.
        await this.blobs.delete(key).catch(() => {});
        throw ERRORS.INVALID_OFFSET;
      }
      at += part.byteLength;
    }
    return at;
  }

  async isUnrecordedComplete(id: string): Promise<boolean> {
    const row = await this.row(id);
    return !!row && !row.recordedAt && row.stagedBytes === row.size;
  }

  async markRecorded(id: string): Promise<void> {
    const [row] = await this.db
      .update(stagedUploads)
      .set({ recordedAt: sql`coalesce(${stagedUploads.recordedAt}, now())` })
      .where(eq(stagedUploads.id, id))
      .returning();
    if (!row) return;
    // The row is marked first, so a crash here leaves a recorded upload whose parts the expiry removes.
    await this.deleteParts(row.parts).catch(() => {});
  }

  async openStaged(id: string): Promise<Readable> {
    const row = await this.row(id);
    if (!row) throw ERRORS.FILE_NOT_FOUND;
    const parts = [...row.parts].sort((a, b) => a.at - b.at);
    const blobs = this.blobs;
    const out = new PassThrough();
    // One part open at a time, in order; an error (a part gone, the store away) ends the stream with it.
    void (async () => {
      try {
        for (const part of parts) {
          for await (const chunk of await blobs.get(part.key)) {
            if (!out.write(chunk)) await new Promise((resolve) => out.once('drain', resolve));
          }
        }
        out.end();
      } catch (error) {
        out.destroy(error as Error);
      }
    })();
    return out;
  }

  async unrecordedCompleteIds(): Promise<string[]> {
    const rows = await this.db
      .select({ id: stagedUploads.id })
      .from(stagedUploads)
      .where(and(isNull(stagedUploads.recordedAt), eq(stagedUploads.stagedBytes, stagedUploads.size)));
    return rows.map((r) => r.id);
  }

  override async remove(id: string): Promise<void> {
    if (!UPLOAD_ID_PATTERN.test(id)) throw ERRORS.FILE_NOT_FOUND;
    const [row] = await this.db.delete(stagedUploads).where(eq(stagedUploads.id, id)).returning();
    if (row) await this.deleteParts(row.parts);
  }

  async removeForReports(reportIds: ReadonlySet<string>): Promise<number> {
    if (reportIds.size === 0) return 0;
    const rows = await this.db
      .delete(stagedUploads)
      .where(inArray(stagedUploads.reportId, [...reportIds]))
      .returning();
    for (const row of rows) await this.deleteParts(row.parts);
    return rows.length;
  }

  override async deleteExpired(): Promise<number> {
    const before = new Date(Date.now() - this.expiryMs);
    // Unfinished ones, and recorded ones kept so a client asking again still heard "complete".
    const rows = await this.db.delete(stagedUploads).where(lt(stagedUploads.createdAt, before)).returning();
    for (const row of rows) await this.deleteParts(row.parts);
    return rows.length;
  }

  override getExpiration(): number {
    return this.expiryMs;
  }

  private async deleteParts(parts: StagedPart[]): Promise<void> {
    for (const part of parts) await this.blobs.delete(part.key);
  }
}
