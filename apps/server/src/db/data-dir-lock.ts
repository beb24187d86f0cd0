import { mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export class DataDirInUseError extends Error {
  readonly dataDir: string;
  readonly pid: number;
  constructor(dataDir: string, pid: number) {
    super(
      `The data folder ${dataDir} is in use by process ${pid}. Stop that process or use another DATA_DIR.`,
    );
    this.dataDir = dataDir;
    this.pid = pid;
    this.name = 'DataDirInUseError';
  }
}

function isAlive(pid: number): boolean {
  try {
    // Signal 0 checks existence without touching the process. EPERM means it exists but is not ours.
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * PGlite does not lock its folder, and two processes writing one PGlite folder corrupt it. A lock
 * file holding the owner's pid guards the folder; a lock left by a dead process is taken over.
 * Returns the function that releases the lock.
 */
export function lockDataDir(dataDir: string): () => void {
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, 'vangnet.lock');
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      // 'wx' fails when the file exists, so two processes racing here cannot both win.
      writeFileSync(file, `${process.pid}\n`, { flag: 'wx', mode: 0o600 });
      let released = false;
      return () => {
        if (released) return;
        released = true;
        try {
          if (readFileSync(file, 'utf8').trim() === String(process.pid)) unlinkSync(file);
        } catch {
          // Already gone: nothing to release.
        }
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    let owner = Number.NaN;
    try {
      owner = Number.parseInt(readFileSync(file, 'utf8').trim(), 10);
    } catch {
      continue; // Removed between our two calls: try again.
    }
    if (Number.isInteger(owner) && owner > 0 && isAlive(owner)) throw new DataDirInUseError(dataDir, owner);
    // Stale: the owner died without cleaning up (crash, kill -9).
    try {
      unlinkSync(file);
    } catch {
      // Someone else took it over first; the next attempt sees their lock.
    }
  }
  throw new Error(`Could not lock the data folder ${dataDir}.`);
}
