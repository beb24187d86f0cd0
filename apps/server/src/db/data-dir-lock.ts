import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { connect, createServer, type Server } from 'node:net';
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

/**
 * Who holds the lock. A PID alone proves nothing: after a reboot, or in a container (where the server
 * is often PID 1), another process can carry the same number. So the lock also records the process's
 * start time (field 22 of /proc/<pid>/stat) and the kernel's boot id: the same PID with the same start
 * time in the same boot is the same process. The nonce tells our own lock from one that replaced it.
 */
type LockOwner = { pid: number; startTime?: string; bootId?: string; nonce: string };

function readProc(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8').trim();
  } catch {
    return undefined; // Not Linux, or no such process.
  }
}

/** The start time of a process in clock ticks after boot, or undefined (no such process, no /proc). */
function startTimeOf(pid: number): string | undefined {
  const stat = readProc(`/proc/${pid}/stat`);
  // The command name (field 2) is in parentheses and may hold spaces: count fields after the last ')'.
  const rest = stat?.slice(stat.lastIndexOf(')') + 2).split(' ');
  return rest?.[19]; // Field 22 overall: fields 3… are rest[0]…
}

const bootId = () => readProc('/proc/sys/kernel/random/boot_id');

function parseOwner(text: string): LockOwner | undefined {
  try {
    const owner = JSON.parse(text) as Partial<LockOwner>;
    if (typeof owner.pid === 'number' && typeof owner.nonce === 'string') return owner as LockOwner;
  } catch {
    // An older lock (only a PID) or garbage.
  }
  const pid = Number.parseInt(text.trim(), 10);
  return Number.isInteger(pid) && pid > 0 ? { pid, nonce: '' } : undefined;
}

/**
 * Is the process that wrote this lock still running? Only when we can prove it is the same process:
 * same boot, and a live PID with the recorded start time. A lock without that proof (an older format,
 * or written by hand) is not proof of anything; the socket check in `lockDataDir` covers a live owner
 * we cannot see (another PID namespace).
 */
function ownerIsRunning(owner: LockOwner): boolean {
  if (!owner.startTime || !owner.bootId) return false;
  if (owner.bootId !== bootId()) return false;
  return startTimeOf(owner.pid) === owner.startTime;
}

/**
 * A second, kernel-backed proof of life: the owner listens on a Unix socket in the data folder, and a
 * socket only accepts connections while its process is alive. This works where PIDs do not, e.g. two
 * containers sharing one volume. Unix socket paths are limited to about 100 bytes; with a longer data
 * folder path only the PID check above is used.
 */
const socketPathOf = (dataDir: string) => join(dataDir, 'vangnet.lock.sock');
const socketUsable = (path: string) => Buffer.byteLength(path) < 100 && process.platform !== 'win32';

function socketAnswers(path: string): Promise<boolean> {
  if (!socketUsable(path)) return Promise.resolve(false);
  return new Promise((resolve) => {
    const socket = connect(path);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

async function listenOn(path: string): Promise<Server | undefined> {
  if (!socketUsable(path)) return undefined;
  try {
    unlinkSync(path); // Left by a dead owner: nobody answered on it.
  } catch {
    // Not there.
  }
  const server = createServer((socket) => socket.destroy());
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(path, () => resolve());
  });
  server.unref(); // The lock must not keep the process alive.
  return server;
}

/**
 * PGlite does not lock its folder, and two processes writing one PGlite folder corrupt it. A lock
 * file guards the folder. A lock counts as held only while its owner provably runs (same process
 * identity, or its socket answers); one left by a dead or unrelated process is taken over, so a crash,
 * a reboot or a reused PID never blocks a restart. Returns the function that releases the lock.
 */
export async function lockDataDir(dataDir: string): Promise<() => Promise<void>> {
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, 'vangnet.lock');
  const socketPath = socketPathOf(dataDir);
  const me: LockOwner = {
    pid: process.pid,
    ...(startTimeOf(process.pid) ? { startTime: startTimeOf(process.pid) } : {}),
    ...(bootId() ? { bootId: bootId() } : {}),
    nonce: randomBytes(16).toString('hex'),
  };
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      // 'wx' fails when the file exists, so two processes racing here cannot both win.
      writeFileSync(file, `${JSON.stringify(me)}\n`, { flag: 'wx', mode: 0o600 });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      let owner: LockOwner | undefined;
      try {
        owner = parseOwner(readFileSync(file, 'utf8'));
      } catch {
        continue; // Removed between our two calls: try again.
      }
      if (owner && (ownerIsRunning(owner) || (await socketAnswers(socketPath)))) {
        throw new DataDirInUseError(dataDir, owner.pid);
      }
      // Stale: the owner died without cleaning up (crash, kill -9), or the file is not a live lock.
      try {
        unlinkSync(file);
      } catch {
        // Someone else took it over first; the next attempt sees their lock.
      }
      continue;
    }
    let server: Server | undefined;
    try {
      server = await listenOn(socketPath);
    } catch {
      server = undefined; // The socket is a second proof only; the lock file stands.
    }
    let released = false;
    return async () => {
      if (released) return;
      released = true;
      await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
      try {
        if (parseOwner(readFileSync(file, 'utf8'))?.nonce === me.nonce) unlinkSync(file);
      } catch {
        // Already gone: nothing to release.
      }
    };
  }
  throw new Error(`Could not lock the data folder ${dataDir}.`);
}
