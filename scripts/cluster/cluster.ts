// The test topology of a national instance on one machine: several server processes (the compiled
// server, as `npm start` runs it) on one PostgreSQL database and one shared data folder, behind the
// small reverse proxy in proxy.ts. Used by `npm run cluster` and bench/cluster-faults.bench.ts.
// Loopback only.
import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Backend, type LoadBalancer, startProxy } from './proxy.ts';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const serverEntry = join(repoRoot, 'apps/server/bin/vangnet-server.mjs');

export type Replica = Backend & {
  name: string;
  /** Kills the process at once (SIGKILL), as a crashed machine would go: no graceful shutdown. */
  kill(): Promise<void>;
  /** Starts it again on the same port. */
  start(): Promise<void>;
  running(): boolean;
};

export type Cluster = {
  /** The proxy's address: what clients use. */
  url: string;
  replicas: Replica[];
  proxy: LoadBalancer;
  stop(): Promise<void>;
};

export type ClusterOptions = {
  replicas: number;
  databaseUrl: string;
  dataDir: string;
  /** The proxy's port; 0 picks a free one. */
  port?: number;
  /** More environment for every replica (e.g. BLOB_STORE_URL, REDIS_URL, COUNTRY_PACK). */
  env?: Record<string, string>;
  /** Lines a replica writes to stderr, with its name (default: printed). */
  onLog?: (replica: string, line: string) => void;
};

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

function replica(name: string, port: number, options: ClusterOptions): Replica {
  let child: ChildProcess | null = null;
  const env = {
    ...process.env,
    ...options.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    DATA_DIR: options.dataDir,
    DATABASE_URL: options.databaseUrl,
    // The replicas see clients through the proxy on loopback: trust its X-Forwarded-For, no one else's.
    TRUST_PROXY: 'loopback',
    LOG_LEVEL: options.env?.LOG_LEVEL ?? 'warn',
  };
  const self: Replica = {
    name,
    host: '127.0.0.1',
    port,
    running: () => child !== null && child.exitCode === null && child.signalCode === null,
    async start() {
      const started = spawn(process.execPath, [serverEntry], {
        cwd: repoRoot,
        env,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      child = started;
      started.stderr?.setEncoding('utf8');
      started.stderr?.on('data', (text: string) => {
        for (const line of text.split('\n').filter(Boolean)) {
          if (options.onLog) options.onLog(name, line);
          else process.stderr.write(`[${name}] ${line}\n`);
        }
      });
      await new Promise<void>((resolve, reject) => {
        let out = '';
        started.stdout?.setEncoding('utf8');
        started.stdout?.on('data', (text: string) => {
          out += text;
          if (out.includes('VANGNET_READY ')) resolve();
        });
        started.once('exit', (code, signal) =>
          reject(new Error(`${name} exited at start (${code ?? signal})`)),
        );
      });
    },
    async kill() {
      const running = child;
      if (!running || running.exitCode !== null || running.signalCode !== null) return;
      const exited = new Promise((resolve) => running.once('exit', resolve));
      running.kill('SIGKILL');
      await exited;
    },
  };
  return self;
}

/**
 * Starts the replicas and the proxy. The first replica starts alone: it runs the migrations and makes
 * the shared signing key and demo login; the others then start together.
 */
export async function startCluster(options: ClusterOptions): Promise<Cluster> {
  const replicas: Replica[] = [];
  for (let i = 0; i < options.replicas; i++)
    replicas.push(replica(`replica-${i + 1}`, await freePort(), options));
  const [first, ...rest] = replicas;
  try {
    await first?.start();
    await Promise.all(rest.map((r) => r.start()));
  } catch (error) {
    await Promise.all(replicas.map((r) => r.kill()));
    throw error;
  }
  const proxy = await startProxy(replicas, { ...(options.port !== undefined ? { port: options.port } : {}) });
  return {
    url: proxy.url,
    replicas,
    proxy,
    async stop() {
      await proxy.close();
      await Promise.all(replicas.map((r) => r.kill()));
    },
  };
}
