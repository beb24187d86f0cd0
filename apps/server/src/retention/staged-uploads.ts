import { readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Removes the tus uploads staged (not yet finished) for the given reports. The tus file store keeps
 * each upload as `<id>` with its description in `<id>.json`, whose metadata names the report.
 * Returns how many uploads were removed.
 */
export async function removeStagedUploads(
  directory: string,
  reportIds: ReadonlySet<string>,
): Promise<number> {
  let names: string[];
  try {
    names = await readdir(directory);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 0;
    throw error;
  }
  let removed = 0;
  for (const name of names) {
    if (!name.endsWith('.json')) continue;
    const id = name.slice(0, -'.json'.length);
    // tus names uploads with 32 random hex digits; leave anything else alone.
    if (!/^[0-9a-f]{32}$/.test(id)) continue;
    let reportId: unknown;
    try {
      const upload = JSON.parse(await readFile(join(directory, name), 'utf8')) as {
        metadata?: { reportId?: unknown };
      };
      reportId = upload.metadata?.reportId;
    } catch {
      continue; // Being written right now, or already gone.
    }
    if (typeof reportId !== 'string' || !reportIds.has(reportId)) continue;
    await rm(join(directory, id), { force: true });
    await rm(join(directory, name), { force: true });
    removed++;
  }
  return removed;
}
