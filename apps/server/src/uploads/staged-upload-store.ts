import { createReadStream } from 'node:fs';
import { mkdir, readdir, stat, truncate, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { FileStore } from '@tus/file-store';
import { ERRORS, Upload } from '@tus/server';
import { removeStagedUploads } from '../retention/staged-uploads.ts';
import type { UploadStaging } from './upload-staging.ts';

/** tus names uploads with 32 random hex digits; anything else in the folder is not an upload. */
export const UPLOAD_ID_PATTERN = /^[0-9a-f]{32}$/;

/** An upload left unfinished (the phone gave up) is deleted after a week; tus tells clients when. */
export const UPLOAD_EXPIRY_MS = 7 * 24 * 60 * 60 * 1000;

/** What the store keeps in `<id>.json` next to the bytes: tus' own description plus our marker. */
type StagedInfo = {
  size?: number;
  metadata?: Record<string, string | null>;
  creation_date?: string;
  /** Set only after the item is recorded in the database (see `markRecorded`). */
  recorded?: boolean;
};

/**
 * The tus file store for evidence, with one rule added: an upload counts as complete for tus (HEAD
 * answers `Upload-Offset == Upload-Length`) only once its item is recorded in the database. Until then
 * a staged file that holds every byte is "complete but unrecorded", and the server finishes it (hash
 * check, blob, record) before it answers for it.
 *
 * After the record, the bytes are no longer needed (they are in the blob store): the data file is
 * truncated to zero and `<id>.json` is marked `recorded`, so a client that asks again (its answer was
 * lost) still hears "complete" instead of 404, and the pair expires with the other uploads.
 */
export class StagedUploadStore extends FileStore implements UploadStaging {
  readonly folder: string;
  readonly location: string;
  constructor(options: { directory: string; expirationPeriodInMilliseconds: number }) {
    super(options);
    this.folder = options.directory;
    this.location = options.directory;
  }

  async openStaged(id: string): Promise<Readable> {
    if (!UPLOAD_ID_PATTERN.test(id)) throw ERRORS.FILE_NOT_FOUND;
    return createReadStream(join(this.folder, id));
  }

  removeForReports(reportIds: ReadonlySet<string>): Promise<number> {
    return removeStagedUploads(this.folder, reportIds);
  }

  static async create(directory: string, expirationPeriodInMilliseconds: number): Promise<StagedUploadStore> {
    await mkdir(directory, { recursive: true });
    return new StagedUploadStore({ directory, expirationPeriodInMilliseconds });
  }

  private async info(id: string): Promise<StagedInfo | undefined> {
    return (await this.configstore.get(id)) as StagedInfo | undefined;
  }

  override async getUpload(id: string): Promise<Upload> {
    const info = await this.info(id);
    if (info?.recorded) {
      // Recorded: complete, whatever is left of the (truncated) bytes.
      return new Upload({
        id,
        size: info.size,
        offset: info.size ?? 0,
        metadata: info.metadata ?? {},
        creation_date: info.creation_date,
        storage: { type: 'file', path: join(this.folder, id) },
      });
    }
    return super.getUpload(id);
  }

  /** Every byte is staged but the item is not recorded yet: the upload must be finished before tus answers. */
  async isUnrecordedComplete(id: string): Promise<boolean> {
    const info = await this.info(id);
    if (!info || info.recorded || info.size === undefined) return false;
    try {
      return (await stat(join(this.folder, id))).size === info.size;
    } catch {
      return false;
    }
  }

  /** After the database has the item: mark the upload recorded, then drop its bytes (in that order, so a crash between leaves a recorded upload). */
  async markRecorded(id: string): Promise<void> {
    const info = await this.info(id);
    if (!info) return;
    if (!info.recorded) await this.configstore.set(id, { ...info, recorded: true } as never);
    await truncate(join(this.folder, id), 0).catch(() => {});
  }

  /** Like FileStore's, but a missing data file (already removed by another replica) is no error. */
  override async remove(id: string): Promise<void> {
    if (!UPLOAD_ID_PATTERN.test(id)) throw ERRORS.FILE_NOT_FOUND;
    const path = join(this.folder, id);
    try {
      await unlink(path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw ERRORS.FILE_NOT_FOUND;
    }
    await this.configstore.delete(id).catch(() => {});
  }

  /** Ids of staged uploads that hold every byte but are not recorded: what the sweep finishes. */
  async unrecordedCompleteIds(): Promise<string[]> {
    let names: string[];
    try {
      names = await readdir(this.folder);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
    const ids: string[] = [];
    for (const name of names) {
      if (!UPLOAD_ID_PATTERN.test(name)) continue;
      if (await this.isUnrecordedComplete(name)) ids.push(name);
    }
    return ids;
  }
}

/**
 * FileStore makes its folder in the background from its constructor, and a failure there is thrown
 * from a callback nobody can catch: a server closed at once (a failed start, a short test) whose data
 * folder is then removed crashes the process. The folder is made (and awaited) in `create` instead.
 * The method is private in FileStore's types, so it is replaced on the prototype, not overridden.
 */
(StagedUploadStore.prototype as unknown as { checkOrCreateDirectory(): void }).checkOrCreateDirectory =
  () => {};
