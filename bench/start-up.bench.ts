// Start-up of `npm start`'s server on an existing data folder (embedded database): milliseconds from
// spawn to a 200 from /healthz and resident memory then, for the compiled server (what `npm start`
// runs), the same server run from its TypeScript sources (type stripping), and bare Fastify answering
// /healthz as the reference; interleaved rounds in one run. Then PGlite alone, to show where the
// server's memory goes. `npm run bench -- start-up`. Targets: /healthz <= 1 s, RSS <= 300 MiB.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
// @ts-expect-error: plain JavaScript (it runs before any build), without type declarations.
import { buildServer, serverBuildIsFresh } from '../apps/server/bin/server-build.mjs';
import { repoRoot } from '../apps/server/src/config.ts';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);

type Target = { label: string; args: string[]; env?: Record<string, string> };
const server = join(repoRoot, 'apps/server/bin/vangnet-server.mjs');
const targets: Target[] = [
  { label: 'server, compiled (npm start)', args: [server] },
  { label: 'server, from TypeScript sources', args: [server], env: { VANGNET_SERVER_FROM_SOURCE: '1' } },
  { label: 'reference: bare Fastify', args: [join(repoRoot, 'bench/support/bare-fastify.mjs')] },
];

const rssMiBOf = (pid: number) =>
  Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]) / 1024;

async function startUp(target: Target, dataDir: string): Promise<{ ms: number; rssMiB: number }> {
  const started = performance.now();
  const child = spawn(process.execPath, target.args, {
    cwd: repoRoot,
    env: { ...process.env, ...target.env, DATA_DIR: dataDir, DATABASE_URL: '', PORT: '0', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      const line = out.split('\n').find((l) => l.startsWith('VANGNET_READY '));
      if (line) resolve(JSON.parse(line.slice('VANGNET_READY '.length)).url);
    });
    child.on('exit', (code) => reject(new Error(`${target.label} exited with ${code}`)));
  });
  while ((await fetch(`${url}/healthz`).catch(() => undefined))?.status !== 200) {
    await new Promise((r) => setTimeout(r, 5));
  }
  const ms = performance.now() - started;
  // Resident memory a moment after the first answer, once start-up work has settled.
  await new Promise((r) => setTimeout(r, 500));
  const rssMiB = rssMiBOf(child.pid!);
  const exited = new Promise((r) => child.on('exit', r));
  child.kill('SIGTERM');
  await exited;
  return { ms, rssMiB };
}

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;

if (!serverBuildIsFresh()) await buildServer();
const dataDir = mkdtempSync(join(tmpdir(), 'vangnet-start-up-'));
const figures = targets.map(() => ({ ms: [] as number[], rss: [] as number[] }));
const pglite = { default: [] as number[], small: [] as number[] };
try {
  // A first start creates the data folder (initdb, migrations, keys); the figures are for an existing one.
  await startUp(targets[0]!, dataDir);
  for (let round = 0; round < ROUNDS; round++) {
    for (const [i, target] of targets.entries()) {
      const s = await startUp(target, dataDir);
      figures[i]!.ms.push(s.ms);
      figures[i]!.rss.push(s.rssMiB);
    }
    for (const [key, sharedBuffers] of [
      ['default', ''],
      ['small', '16MB'],
    ] as const) {
      const out = spawnSync(
        process.execPath,
        [join(repoRoot, 'bench/support/pglite-rss.mjs'), join(dataDir, 'pg'), sharedBuffers],
        { cwd: repoRoot, encoding: 'utf8' },
      );
      const line = out.stdout.split('\n').find((l) => l.startsWith('PGLITE '));
      if (!line) throw new Error(`PGlite probe failed:\n${out.stderr}`);
      const p = JSON.parse(line.slice('PGLITE '.length)) as { before: number; after: number };
      pglite[key].push(p.after - p.before);
    }
  }
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}

console.log(
  `Start-up on an existing data folder, embedded database, ${ROUNDS} interleaved rounds, medians:\n`,
);
console.log(`${'entry'.padEnd(36)}  ${'spawn→/healthz'.padStart(14)}  ${'RSS MiB'.padStart(8)}`);
for (const [i, target] of targets.entries()) {
  const f = figures[i]!;
  console.log(
    `${target.label.padEnd(36)}  ${`${median(f.ms).toFixed(0)} ms`.padStart(14)}  ${median(f.rss).toFixed(0).padStart(8)}`,
  );
}
const [compiled, source, bare] = figures as [(typeof figures)[0], (typeof figures)[0], (typeof figures)[0]];
console.log(
  `\ncompiled server / bare Fastify: ${(median(compiled.ms) / median(bare.ms)).toFixed(1)}x the time, ${(median(compiled.rss) / median(bare.rss)).toFixed(1)}x the memory (target: /healthz <= 1000 ms, RSS <= 300 MiB)`,
);
console.log(
  `compiled / from sources: ${(median(compiled.ms) / median(source.ms)).toFixed(2)}x the time, ${(median(compiled.rss) / median(source.rss)).toFixed(2)}x the memory`,
);
console.log(
  `PGlite alone on the same folder (RSS added by opening it and one query): shared_buffers 128MB (initdb's default) ${median(pglite.default).toFixed(0)} MiB, 16MB (the server's) ${median(pglite.small).toFixed(0)} MiB`,
);
