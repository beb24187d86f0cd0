// Report submissions per second (small report, no evidence) on the embedded database and on
// PostgreSQL, next to a bare Fastify server's ceiling (an empty POST route), all in one run on
// loopback. Each run is bounded (DURATION seconds). `npm run bench -- intake`.
import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import Fastify, { type FastifyInstance } from 'fastify';
import { startIntakeApp } from './support/intake-app.ts';

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
  const server = await startIntakeApp(kind);
  try {
    return await measure(
      `intake on ${kind === 'pglite' ? 'embedded PGlite' : 'PostgreSQL'}`,
      server.reportsUrl,
      (req) => ({
        ...req,
        headers: { ...req.headers, 'content-type': 'application/json', 'idempotency-key': randomUUID() },
        body: server.newReportBody(),
      }),
    );
  } finally {
    await server.close();
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
