// Report submissions per second (small report, no evidence) on the embedded database and on
// PostgreSQL, next to two references measured in the same run: Fastify validating the same body with
// the real route's zod schema (the HTTP ceiling) and the intake service called without HTTP (the
// database's ceiling for the same inserts in the same transaction). Each run is bounded (DURATION
// seconds), loopback only. `npm run bench -- intake`.
import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import Fastify, { type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { submitReportBody } from '../apps/server/src/routes/report-schemas.ts';
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
  /** Requests per second across all connections; without it autocannon sends as fast as it can. */
  overallRate?: number;
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
  overallRate?: number,
): Promise<Row> {
  const result = await autocannon({
    url,
    method: 'POST',
    duration: DURATION,
    connections: CONNECTIONS,
    ...(overallRate ? { overallRate } : {}),
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

/** The HTTP ceiling for this body: Fastify validating the real route's zod schema, no database. */
async function fastifyWithSchema(newBody: () => string): Promise<Row> {
  const app = Fastify({ logger: false });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.withTypeProvider<ZodTypeProvider>().post('/', { schema: { body: submitReportBody } }, async () => ({}));
  const url = await listen(app);
  try {
    return await measure('Fastify + same zod schema', `${url}/`, (req) => ({
      ...req,
      headers: { ...req.headers, 'content-type': 'application/json' },
      body: newBody(),
    }));
  } finally {
    await app.close();
  }
}

/**
 * The database's own ceiling for a report on this machine: the intake service's inserts in its one
 * transaction, called directly with as many in flight as the HTTP runs have connections.
 */
async function serviceWithoutHttp(name: string, submit: () => Promise<void>): Promise<Row> {
  const latencies: number[] = [];
  let failed = 0;
  const until = performance.now() + DURATION * 1000;
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async () => {
      while (performance.now() < until) {
        const started = performance.now();
        try {
          await submit();
          latencies.push(performance.now() - started);
        } catch {
          failed += 1;
        }
      }
    }),
  );
  latencies.sort((a, b) => a - b);
  const at = (q: number) =>
    Math.round(latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0);
  return {
    name,
    rps: latencies.length / DURATION,
    p50: at(0.5),
    p99: at(0.99),
    ok: latencies.length,
    failed,
  };
}

async function intake(kind: 'pglite' | 'postgres'): Promise<Row[]> {
  const server = await startIntakeApp(kind);
  const label = kind === 'pglite' ? 'embedded PGlite' : 'PostgreSQL';
  const newRequest = (req: AutocannonRequest): AutocannonRequest => ({
    ...req,
    headers: { ...req.headers, 'content-type': 'application/json', 'idempotency-key': randomUUID() },
    body: server.newReportBody(),
  });
  try {
    const direct = await serviceWithoutHttp(`service, no HTTP, ${label}`, server.submitDirect);
    const http = await measure(`intake on ${label}`, server.reportsUrl, newRequest);
    // The latency a child sees on a busy day: the same intake held at 80 % of what it just managed.
    const atEighty = await measure(
      `  at 80 % of that rate`,
      server.reportsUrl,
      newRequest,
      Math.max(1, Math.round(http.rps * 0.8)),
    );
    return [direct, http, atEighty];
  } finally {
    await server.close();
  }
}

// One intake app only to make valid bodies for the schema-only reference.
const bodies = await startIntakeApp('pglite');
const schemaOnly = await fastifyWithSchema(bodies.newReportBody);
await bodies.close();
const [pgliteDirect, pgliteHttp, pgliteEighty] = await intake('pglite');
const [postgresDirect, postgresHttp, postgresEighty] = await intake('postgres');
const rows = [
  await bareFastify(),
  schemaOnly,
  pgliteDirect!,
  pgliteHttp!,
  pgliteEighty!,
  postgresDirect!,
  postgresHttp!,
  postgresEighty!,
];
const ceiling = schemaOnly.rps;
console.log(
  `POST for ${DURATION} s each, ${CONNECTIONS} connections (or calls in flight), loopback, same run:\n`,
);
console.log('what                                   req/s    p50 ms  p99 ms  vs schema  2xx      failed');
for (const r of rows) {
  console.log(
    `${r.name.padEnd(37)}${r.rps.toFixed(0).padStart(7)}  ${String(r.p50).padStart(7)} ${String(r.p99).padStart(7)}  ${((r.rps / ceiling) * 100).toFixed(1).padStart(7)}%  ${String(r.ok).padEnd(8)} ${r.failed}`,
  );
}
for (const [http, direct] of [
  [pgliteHttp!, pgliteDirect!],
  [postgresHttp!, postgresDirect!],
] as const) {
  console.log(
    `${http.name}: ${((http.rps / direct.rps) * 100).toFixed(0)}% of the same database without HTTP (issue 15 target on PostgreSQL: ≥ 50%)`,
  );
}
console.log(
  `intake on PostgreSQL at 80 % of its rate: p99 ${postgresEighty!.p99} ms (issue 15 target: < 50 ms); embedded at 80 %: p99 ${pgliteEighty!.p99} ms`,
);
console.log(
  `intake on embedded PGlite: ${pgliteHttp!.rps.toFixed(0)} req/s, ${(pgliteHttp!.rps / 203).toFixed(1)}x the 203 req/s the issue measured (target: >= 4x)`,
);
if (rows.slice(2).some((r) => r.ok === 0 || r.failed > 0)) {
  console.error('\nSome submissions failed: the figures above are not valid.');
  process.exit(1);
}
