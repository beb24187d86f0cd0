import { createHash, timingSafeEqual } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { FastifyInstance } from 'fastify';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { AppDeps } from '../app-deps.ts';
import { Problem } from '../http/problem.ts';
import { UPLOAD_PATH } from '../services/intake.ts';
import { type QueueFigures, readQueueFigures } from './queue-figures.ts';

/**
 * Prometheus metrics, served only when configured (METRICS_TOKEN on the main port, or METRICS_PORT for
 * a port of its own). No label carries anything about a person: route labels are Fastify's route
 * templates (`/api/v1/staff/cases/:id`, never the id), status codes, methods from a fixed list, and the
 * job loop's queue names (code constants). No id, address, token, country or category is ever a label
 * value; test/metrics.test.ts checks the whole label set.
 *
 * Counters (requests, reports, upload bytes) are per replica: sum them. The queue and job gauges come
 * from the shared database and are the same on every replica: take their max, never their sum.
 */
export type Metrics = { registry: Registry; contentType: string };

const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);
const QUEUE_NAME = /^[a-z][a-z0-9.-]{0,39}$/;
/** Database figures are reused this long, so frequent or parallel scrapes cost the database little. */
const FIGURES_TTL_MS = 5_000;

const registries = new WeakMap<AppDeps, Metrics>();

/** The metrics of one app (one per deps), or undefined when metrics are not configured. */
export function metricsFor(deps: AppDeps): Metrics | undefined {
  if (!deps.config.metrics) return undefined;
  let metrics = registries.get(deps);
  if (!metrics) {
    metrics = createMetrics(deps);
    registries.set(deps, metrics);
  }
  return metrics;
}

type Recorders = {
  requests: Counter<'method' | 'route' | 'status'>;
  duration: Histogram<'method' | 'route'>;
  reports: Counter;
  uploadBytes: Counter;
};
const recorders = new WeakMap<Registry, Recorders>();

function createMetrics(deps: AppDeps): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const requests = new Counter({
    name: 'vangnet_http_requests_total',
    help: 'HTTP requests answered, by method, route template and status code.',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'vangnet_http_request_duration_seconds',
    help: 'Time to answer an HTTP request, by method and route template.',
    labelNames: ['method', 'route'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const reports = new Counter({
    name: 'vangnet_reports_received_total',
    help: 'Reports accepted by this replica (intake rate: rate() of this, summed over replicas).',
    registers: [registry],
  });
  const uploadBytes = new Counter({
    name: 'vangnet_upload_bytes_total',
    help: 'Evidence bytes accepted by this replica in tus PATCH requests.',
    registers: [registry],
  });

  let cached: { at: number; figures: Promise<QueueFigures> } | undefined;
  const figures = () => {
    const now = Date.now();
    if (!cached || now - cached.at > FIGURES_TTL_MS) {
      const read = readQueueFigures(deps.db);
      cached = { at: now, figures: read };
      // A failed read is not kept: the next scrape tries again.
      read.catch(() => {
        if (cached?.figures === read) cached = undefined;
      });
    }
    return cached.figures;
  };
  const fromDatabase = (name: string, help: string, read: (f: QueueFigures) => number) =>
    new Gauge({
      name,
      help,
      registers: [registry],
      async collect() {
        this.set(read(await figures()));
      },
    });
  fromDatabase(
    'vangnet_queue_waiting_cases',
    'Visible cases nobody has contacted yet (database-wide: the same on every replica).',
    (f) => f.waitingCases,
  );
  fromDatabase(
    'vangnet_queue_oldest_waiting_seconds',
    'Age of the oldest case nobody has contacted yet, in seconds (database-wide).',
    (f) => f.oldestWaitingSeconds,
  );
  fromDatabase(
    'vangnet_sla_first_contact_breaches',
    "Waiting cases past their pack's first-contact deadline (database-wide).",
    (f) => f.firstContactBreaches,
  );
  const perQueue = (name: string, help: string, read: (j: QueueFigures['jobs'][number]) => number) =>
    new Gauge({
      name,
      help,
      labelNames: ['queue'] as const,
      registers: [registry],
      async collect() {
        this.reset();
        for (const job of (await figures()).jobs) {
          this.set({ queue: QUEUE_NAME.test(job.queue) ? job.queue : 'other' }, read(job));
        }
      },
    });
  perQueue('vangnet_jobs_backlog', 'Jobs due and not done, by queue (database-wide).', (j) => j.due);
  perQueue(
    'vangnet_jobs_oldest_due_seconds',
    'How long the oldest due job of a queue has waited, in seconds (database-wide).',
    (j) => j.oldestDueSeconds,
  );
  perQueue('vangnet_jobs_dead', 'Jobs that ran out of attempts, by queue (database-wide).', (j) => j.dead);

  recorders.set(registry, { requests, duration, reports, uploadBytes });
  return { registry, contentType: registry.contentType };
}

const digest = (value: string) => createHash('sha256').update(value).digest();

/** Constant-time check of `Authorization: Bearer <METRICS_TOKEN>`. */
function tokenMatches(header: string | undefined, token: string): boolean {
  const given = /^Bearer (.+)$/.exec(header ?? '')?.[1];
  return given !== undefined && timingSafeEqual(digest(given), digest(token));
}

/**
 * Records every request (on the raw response's `finish`, so the tus routes, which take the reply over,
 * count too) and serves `/metrics` on the main port when METRICS_TOKEN is set.
 */
export function registerMetrics(app: FastifyInstance, deps: AppDeps): void {
  const metrics = metricsFor(deps);
  if (!metrics) return;
  const r = recorders.get(metrics.registry)!;
  const uploadRoute = `${UPLOAD_PATH}/:id`;
  app.addHook('onRequest', async (request, reply) => {
    const started = process.hrtime.bigint();
    reply.raw.once('finish', () => {
      // The template Fastify matched, or one fixed word: a raw URL (with ids in it) is never a label.
      const route = request.routeOptions.url ?? 'unmatched';
      const method = METHODS.has(request.method) ? request.method : 'other';
      const status = reply.raw.statusCode;
      r.requests.inc({ method, route, status: String(status) });
      r.duration.observe({ method, route }, Number(process.hrtime.bigint() - started) / 1e9);
      if (method === 'POST' && route === '/api/v1/reports' && status === 201) r.reports.inc();
      if (method === 'PATCH' && route === uploadRoute && status === 204) {
        r.uploadBytes.inc(Number(request.headers['content-length'] ?? 0) || 0);
      }
    });
  });
  const token = deps.config.metrics?.token;
  if (!token) return;
  app.get('/metrics', { schema: { hide: true }, config: { rateLimit: false } }, async (request, reply) => {
    if (!tokenMatches(request.headers.authorization, token)) {
      reply.header('www-authenticate', 'Bearer realm="metrics"');
      throw new Problem(401, 'metrics.unauthorised', 'This needs the metrics token');
    }
    return reply.type(metrics.contentType).send(await metrics.registry.metrics());
  });
}

/**
 * `/metrics` alone on METRICS_PORT (no token: the port is meant to be reachable only from inside the
 * cluster, e.g. by a NetworkPolicy). Anything else there is 404.
 */
export async function startMetricsListener(
  metrics: Metrics,
  options: { port: number; host: string },
): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer((req, res) => {
    if (req.method !== 'GET' || (req.url ?? '').split('?')[0] !== '/metrics') {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
      return;
    }
    metrics.registry.metrics().then(
      (body) => res.writeHead(200, { 'content-type': metrics.contentType }).end(body),
      () => res.writeHead(500, { 'content-type': 'text/plain' }).end('metrics unavailable\n'),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  const host = options.host.includes(':') ? `[${options.host}]` : options.host;
  return {
    url: `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
