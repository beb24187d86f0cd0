// Node 24 (the pinned runtime, from node_modules/.bin) next to the machine's own Node 20, measured
// side by side in one run, interleaved: server start-up on an existing data folder (to /healthz,
// and resident memory), report intake on the embedded database, and PDQ hashing. Node 20 cannot
// strip types, so it runs the same sources through tsx, as `npm start` did before the move.
// `npm run bench -- node-runtime`. Skips Node 20 when the machine has none.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { repoRoot } from '../apps/server/src/config.ts';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);

type Runtime = { label: string; node: string; args: (entry: 'server' | 'probe') => string[] };

function machineNode(): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (dir.includes('node_modules')) continue;
    if (existsSync(join(dir, 'node'))) return join(dir, 'node');
  }
  return undefined;
}

const runtimes: Runtime[] = [
  {
    label: `Node ${process.version} (pinned, type stripping)`,
    node: process.execPath,
    args: (entry) => [
      entry === 'server'
        ? join(repoRoot, 'apps/server/bin/vangnet-server.mjs')
        : join(repoRoot, 'bench/support/runtime-probe.ts'),
    ],
  },
];
const oldNode = machineNode();
const oldVersion = oldNode ? spawnSync(oldNode, ['-v'], { encoding: 'utf8' }).stdout.trim() : '';
if (oldNode && oldVersion !== process.version) {
  runtimes.push({
    label: `Node ${oldVersion} (machine's, through tsx)`,
    node: oldNode,
    args: (entry) => [
      '--import',
      'tsx',
      entry === 'server'
        ? join(repoRoot, 'apps/server/src/main.ts')
        : join(repoRoot, 'bench/support/runtime-probe.ts'),
    ],
  });
}

/** Milliseconds from spawn to a 200 from /healthz, and the server's resident memory then. */
async function startUp(runtime: Runtime, dataDir: string): Promise<{ ms: number; rssMiB: number }> {
  const started = performance.now();
  const child = spawn(runtime.node, runtime.args('server'), {
    cwd: repoRoot,
    env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '', PORT: '0', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      const line = out.split('\n').find((l) => l.startsWith('VANGNET_READY '));
      if (line) resolve(JSON.parse(line.slice('VANGNET_READY '.length)).url);
    });
    child.on('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
  while ((await fetch(`${url}/healthz`).catch(() => undefined))?.status !== 200) {
    await new Promise((r) => setTimeout(r, 5));
  }
  const ms = performance.now() - started;
  const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
  const rssKiB = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? Number.NaN);
  const exited = new Promise((r) => child.on('exit', r));
  child.kill('SIGTERM');
  await exited;
  return { ms, rssMiB: rssKiB / 1024 };
}

type Probe = { intake: { rps: number; p99: number; ok: number }; pdqMs: number };

function probe(runtime: Runtime): Probe {
  const result = spawnSync(runtime.node, runtime.args('probe'), { cwd: repoRoot, encoding: 'utf8' });
  const line = result.stdout.split('\n').find((l) => l.startsWith('PROBE '));
  if (!line) throw new Error(`probe failed on ${runtime.label}:\n${result.stderr}`);
  return JSON.parse(line.slice('PROBE '.length));
}

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;

const dataDirs = runtimes.map(() => mkdtempSync(join(tmpdir(), 'vangnet-runtime-')));
const figures = runtimes.map(() => ({
  start: [] as number[],
  rss: [] as number[],
  rps: [] as number[],
  p99: [] as number[],
  pdq: [] as number[],
}));
try {
  // A first start creates the data folder (migrations, keys); the figures are for an existing one.
  for (const [i, runtime] of runtimes.entries()) await startUp(runtime, dataDirs[i]!);
  for (let round = 0; round < ROUNDS; round++) {
    for (const [i, runtime] of runtimes.entries()) {
      const s = await startUp(runtime, dataDirs[i]!);
      const p = probe(runtime);
      const f = figures[i]!;
      f.start.push(s.ms);
      f.rss.push(s.rssMiB);
      f.rps.push(p.intake.rps);
      f.p99.push(p.intake.p99);
      f.pdq.push(p.pdqMs);
    }
  }
} finally {
  for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
}

console.log(`Runtimes side by side, ${ROUNDS} interleaved rounds, medians; same machine and run:\n`);
console.log(
  'runtime                                         start→healthz  RSS MiB  intake req/s  p99 ms  PDQ ms/img',
);
for (const [i, runtime] of runtimes.entries()) {
  const f = figures[i]!;
  console.log(
    `${runtime.label.padEnd(48)}${`${median(f.start).toFixed(0)} ms`.padStart(13)}  ${median(f.rss).toFixed(0).padStart(7)}  ${median(f.rps).toFixed(0).padStart(12)}  ${median(f.p99).toFixed(0).padStart(6)}  ${median(f.pdq).toFixed(2).padStart(10)}`,
  );
}
if (figures.length === 2) {
  const [now, old] = figures as [(typeof figures)[0], (typeof figures)[0]];
  console.log(
    `\nNode 24 vs Node 20: start-up ${(median(now.start) / median(old.start)).toFixed(2)}x the time, intake ${(median(now.rps) / median(old.rps)).toFixed(2)}x the rate, PDQ ${(median(now.pdq) / median(old.pdq)).toFixed(2)}x the time`,
  );
} else {
  console.log('\n(no older Node on this machine to compare with)');
}
