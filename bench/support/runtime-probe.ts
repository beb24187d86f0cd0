// Run by bench/node-runtime.bench.ts under each Node.js being compared (Node 24 directly, the
// machine's Node 20 through tsx). Measures report intake on the embedded database and PDQ hashing
// in this process and prints one JSON line, so both runtimes do exactly the same work.
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateIdentity, generateSigningKey, sealJson, toBase64 } from '@vangnet/crypto';
import { minimalPack } from '../../apps/server/src/active-pack.ts';
import { buildApp } from '../../apps/server/src/app.ts';
import { LocalDiskBlobStore } from '../../apps/server/src/blobs/local-disk-blob-store.ts';
import { loadConfig, repoRoot } from '../../apps/server/src/config.ts';
import { openDatabase } from '../../apps/server/src/db/open-database.ts';
import { decodeToRgba } from '../../packages/pdq/src/decode-node.ts';
import { pdqHashFromRgba, resizeLikeReference } from '../../packages/pdq/src/index.ts';
import { readExpected } from '../../packages/pdq/test/reference-data.ts';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 4);

type AutocannonResult = { requests: { average: number }; latency: { p99: number }; '2xx': number };
type AutocannonRequest = { headers?: Record<string, string>; body?: string };
// autocannon ships no types; this is the part of its API used here.
const autocannon = createRequire(import.meta.url)('autocannon') as (opts: {
  url: string;
  duration: number;
  connections: number;
  requests: { method: string; setupRequest: (r: AutocannonRequest) => AutocannonRequest }[];
}) => Promise<AutocannonResult>;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

async function intakeOnEmbeddedDatabase(): Promise<{ rps: number; p99: number; ok: number }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'vangnet-probe-'));
  const database = await openDatabase({ dataDir });
  const helpline = await generateIdentity();
  const reporter = await generateIdentity();
  const app = await buildApp({
    config: { ...loadConfig({ LOG_LEVEL: 'silent' }), dataDir },
    db: database.db,
    blobs: new LocalDiskBlobStore(join(dataDir, 'blobs')),
    pack: minimalPack(join(repoRoot, 'country-packs/NL')),
    signingKey: generateSigningKey(),
    limits: { perIpPerMinute: 1e9, submissionsPerIpPerHour: 1e9 },
  });
  const body = toBase64(
    await sealJson(
      {
        version: 1,
        description: 'Mean comments under my photos.',
        links: [],
        language: 'nl',
        manifest: { version: 1, items: [] },
      },
      [helpline.recipient, reporter.recipient],
    ),
  );
  const metadata = {
    country: 'NL',
    category: 'harassment',
    platform: 'instagram',
    role: 'self',
    ageBand: '13-15',
    flags: { ongoing: true, danger: false, selfHarm: false, imageAbuse: false },
  };
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  try {
    const result = await autocannon({
      url: `http://127.0.0.1:${port}/api/v1/reports`,
      duration: SECONDS,
      connections: 10,
      requests: [
        {
          method: 'POST',
          setupRequest: (req) => ({
            ...req,
            headers: { 'content-type': 'application/json', 'idempotency-key': randomUUID() },
            body: JSON.stringify({
              metadata,
              reporter: { recipient: reporter.recipient, accessTokenHash: randomBytes(32).toString('hex') },
              body,
              items: [],
            }),
          }),
        },
      ],
    });
    return { rps: result.requests.average, p99: result.latency.p99, ok: result['2xx'] };
  } finally {
    await app.close();
    await database.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function pdqHashMedianMs(): Promise<number> {
  const images = [];
  for (const row of readExpected()) images.push(resizeLikeReference(await decodeToRgba(row.file)));
  for (const img of images) pdqHashFromRgba(img.data, img.width, img.height); // warm up
  const perImage = images.map((img) => {
    const runs: number[] = [];
    for (let i = 0; i < 15; i++) {
      const start = performance.now();
      pdqHashFromRgba(img.data, img.width, img.height);
      runs.push(performance.now() - start);
    }
    return median(runs);
  });
  return median(perImage);
}

const intake = await intakeOnEmbeddedDatabase();
const pdqMs = await pdqHashMedianMs();
console.log(`PROBE ${JSON.stringify({ node: process.version, intake, pdqMs })}`);
process.exit(0);
