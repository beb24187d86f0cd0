import type { Readable } from 'node:stream';
import type { DataStore } from '@tus/server';

/**
 * Where tus stages evidence uploads until they are finished: a folder (DATA_DIR/uploads, the local-disk
 * default) or the object store itself (`BLOB_STORE_URL`), so a replica can die mid-upload and another
 * finishes it. Both keep the same rule: an upload is complete for tus only once its item is recorded.
 */
export type UploadStaging = DataStore & {
  /** Names the staging area (a folder or a bucket); finishings in one process are shared per area and id. */
  readonly location: string;
  /** Every byte is staged but the item is not recorded yet: the upload must be finished before tus answers. */
  isUnrecordedComplete(id: string): Promise<boolean>;
  /** After the database has the item: mark the upload recorded, then drop its bytes. */
  markRecorded(id: string): Promise<void>;
  /** The staged bytes, start to end (read twice by a finishing: once to hash, once to store). */
  openStaged(id: string): Promise<Readable>;
  /** Ids of staged uploads that hold every byte but are not recorded: what the sweep finishes. */
  unrecordedCompleteIds(): Promise<string[]>;
  /** Removes the uploads staged for these reports (retention); returns how many. */
  removeForReports(reportIds: ReadonlySet<string>): Promise<number>;
};
