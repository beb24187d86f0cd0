// Report submissions per second (small report, no evidence) on the embedded database and on
// PostgreSQL, next to a bare Fastify server's ceiling (an empty POST route), all in one run on
// loopback. Each run is bounded (DURATION seconds). `npm run bench -- intake`.
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateIdentity, generateSigningKey, sealJson, toBase64 } from '@vangnet/crypto';
import Fastify, { type FastifyInstance } from 'fastify';
import { minimalPack } from '../apps/server/src/active-pack.ts';
import { buildApp } from '../apps/server/src/app.ts';
import { LocalDiskBlobStore } from '../apps/server/src/blobs/local-disk-blob-store.ts';
import { loadConfig, repoRoot } from '../apps/server/src/config.ts';
import { openDatabase } from '../apps/server/src/db/open-database.ts';

const DURATION = Number(process.env.BENCH_SECONDS ?? 5);
const CONNECTIONS = 10;

// autocannon ships no types; this is the part of its API used here.
type AutocannonRequest = { method?: string; path?: string; headers?: Record<string, string>; body?: string };
type AutocannonResult = {
  requests: { average: number };
  latency: { p50: number; p99: number };
  non2xx: number;
  errors: number;
  timeouts: number;
  '2xx': number;
};
type Autocannon = (opts: {
  url: string;
  method: string;
  duration: number;
  connections: number;
  headers?: Record<string, string>;
  body?: string;
  requests?: (AutocannonRequest & { setupRequest?: (req: AutocannonRequest) => AutocannonRequest })[];
}) => Promise<AutocannonResult>;
const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

async function listen(app: FastifyInstance): Promise<string> {
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  return `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
}

type Row = { name: string; rps: number; p50: number; p99: number; ok: number; failed: number };

async function measure(
  name: string,
  url: string,
  setupRequest?: (r: AutocannonRequest) => AutocannonRequest,
): Promise<Row> {
  const result = await autocannon({
    url,
    method: 'POST',
    duration: DURATION,
    connections: CONNECTIONS,
    headers: { 'content-type': 'application/json' },
    body: '{}',
    ...(setupRequest ? { requests: [{ method: 'POST', setupRequest }] } : {}),
  });
  return {
    name,
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    ok: result['2xx'],
    failed: result.non2xx + result.errors + result.timeouts,
  };
}

async function bareFastify(): Promise<Row> {
  const app = Fastify({ logger: false });
  app.post('/', async () => ({}));
  const url = await listen(app);
  try {
    return await measure('bare Fastify (empty POST)', `${url}/`);
  } finally {
    await app.close();
  }
}

async function intake(kind: 'pglite' | 'postgres'): Promise<Row> {
  const dataDir = mkdtempSync(join(tmpdir(), 'vangnet-bench-'));
  const pgSchema = kind === 'postgres' ? `bench_${randomBytes(4).toString('hex')}` : undefined;
  const databaseUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  const database = await openDatabase({ dataDir, ...(kind === 'postgres' ? { databaseUrl, pgSchema } : {}) });
  const helpline = await generateIdentity();
  const reporter = await generateIdentity();
  const app = await buildApp({
    config: { ...loadConfig({ LOG_LEVEL: 'silent' }), dataDir },
    db: database.db,
    blobs: new LocalDiskBlobStore(join(dataDir, 'blobs')),
    pack: minimalPack(join(repoRoot, 'country-packs/NL')),
    signingKey: generateSigningKey(),
    // The limiter would stop a load test from one address after a few requests.
    limits: { perIpPerMinute: 1e9, submissionsPerIpPerHour: 1e9 },
  });
  const sealed = toBase64(
    await sealJson(
      {
        version: 1,
        description: 'Someone in my class keeps posting mean comments under my photos.',
        links: [],
        language: 'nl',
        manifest: { version: 1, items: [] },
      },
      [helpline.recipient, reporter.recipient],
    ),
  );
  const base = {
    metadata: {
      country: 'NL',
      category: 'harassment',
      platform: 'instagram',
      role: 'self',
      ageBand: '13-15',
      flags: { ongoing: true, danger: false, selfHarm: false, imageAbuse: false },
    },
    reporter: { recipient: reporter.recipient, accessTokenHash: '' },
    body: sealed,
    items: [],
  };
  const url = await listen(app);
  try {
    // Each request is a new report: a fresh Idempotency-Key and a fresh access token hash.
    return await measure(
      `intake on ${kind === 'pglite' ? 'embedded PGlite' : 'PostgreSQL'}`,
      `${url}/api/v1/reports`,
      (req) => ({
        ...req,
        headers: { ...req.headers, 'content-type': 'application/json', 'idempotency-key': randomUUID() },
        body: JSON.stringify({
          ...base,
          reporter: { ...base.reporter, accessTokenHash: randomBytes(32).toString('hex') },
        }),
      }),
    );
  } finally {
    await app.close();
    if (pgSchema) await database.db.execute(`DROP SCHEMA "${pgSchema}" CASCADE` as never);
    await database.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const rows = [await bareFastify(), await intake('pglite'), await intake('postgres')];
const ceiling = rows[0]!.rps;
console.log(`POST for ${DURATION} s each, ${CONNECTIONS} connections, loopback, same machine and run:\n`);
console.log('what                          req/s    p50 ms  p99 ms  vs bare  2xx      failed');
for (const r of rows) {
  console.log(
    `${r.name.padEnd(28)}${r.rps.toFixed(0).padStart(7)}  ${String(r.p50).padStart(7)} ${String(r.p99).padStart(7)}  ${((r.rps / ceiling) * 100).toFixed(1).padStart(6)}%  ${String(r.ok).padEnd(8)} ${r.failed}`,
  );
}
if (rows.slice(1).some((r) => r.ok === 0 || r.failed > 0)) {
  console.error('\nSome submissions failed: the figures above are not valid.');
  process.exit(1);
}
