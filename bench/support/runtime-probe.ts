// Run by bench/node-runtime.bench.ts under each Node.js being compared (Node 24 directly, the
// machine's Node 20 through tsx). Measures report intake on the embedded database and PDQ hashing
// in this process and prints one JSON line, so both runtimes do exactly the same work.
import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import { decodeToRgba } from '../../packages/pdq/src/decode-node.ts';
import { pdqHashFromRgba, resizeLikeReference } from '../../packages/pdq/src/index.ts';
import { readExpected } from '../../packages/pdq/test/reference-data.ts';
import { startIntakeApp } from './intake-app.ts';

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
  const server = await startIntakeApp('pglite');
  try {
    const result = await autocannon({
      url: server.reportsUrl,
      duration: SECONDS,
      connections: 10,
      requests: [
        {
          method: 'POST',
          setupRequest: (req) => ({
            ...req,
            headers: { 'content-type': 'application/json', 'idempotency-key': randomUUID() },
            body: server.newReportBody(),
          }),
        },
      ],
    });
    return { rps: result.requests.average, p99: result.latency.p99, ok: result['2xx'] };
  } finally {
    await server.close();
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
