import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { type ActivePack, loadActivePack } from './active-pack.ts';
import { buildApp } from './app.ts';
import type { AppDeps, Limits } from './app-deps.ts';
import { startCheckpointWriter } from './audit/checkpoints.ts';
import { openBlobStore } from './blobs/open-blob-store.ts';
import { type Config, loadConfig, repoRoot, resolveCountryPackDir, type TrustProxy } from './config.ts';
import { type DatabaseKind, openDatabase } from './db/open-database.ts';
import { LiveFeed } from './live/live-feed.ts';
import { metricsFor, startMetricsListener } from './metrics/metrics.ts';
import { parsePushOrigins } from './push/endpoint.ts';
import { subscriptionKeyOf } from './push/subscriptions.ts';
import { loadOrCreateVapidKeys } from './push/vapid-keys.ts';
import { startServerJobs } from './referrals/wire.ts';
import { ensureHelpline } from './services/helpline.ts';
import { memoryLimits } from './shared-limits/memory-limits.ts';
import { postgresLimits } from './shared-limits/postgres-limits.ts';
import { redisLimits } from './shared-limits/redis-limits.ts';
import type { SharedLimits } from './shared-limits/shared-limits.ts';
import { loadOrCreateSigningKey } from './signing-key.ts';
import { sealClearTotpSecrets, totpKeyOf, useTotpKey } from './staff/totp-at-rest.ts';

export type StartServerOptions = {
  port?: number;
  host?: string;
  dataDir: string;
  databaseUrl?: string;
  /** Seconds to keep trying to reach PostgreSQL at start (DATABASE_START_TIMEOUT, default 60). */
  databaseStartTimeoutSeconds?: number;
  countryPackDir?: string;
  logLevel?: Config['logLevel'];
  /** Behind a reverse proxy: which proxies may name the client's address and scheme (TRUST_PROXY). */
  trustProxy?: TrustProxy;
  limits?: Partial<Limits>;
  /** How often the audit chain's head is checkpointed (default 5 s; tests use less). */
  auditCheckpointIntervalMs?: number;
  /** Create the demo administrator on an empty database (default: only on the embedded one). */
  demoLogin?: boolean;
  /** Where log lines go (default stdout). */
  logStream?: AppDeps['logStream'];
  /** A schema of its own on a shared PostgreSQL (tests). */
  pgSchema?: string;
  /** Serve apps/report/dist and apps/console/dist when they are built (default true). */
  serveApps?: boolean;
  /** See AppDeps.clock. */
  clock?: () => Date;
  /** BLOB_STORE_URL: an S3-compatible bucket for evidence and staged uploads (default: DATA_DIR). */
  blobStoreUrl?: string;
  /** METRICS_TOKEN / METRICS_PORT: how `/metrics` is reached (default: not served). */
  metrics?: Config['metrics'];
  /** Share rate limits and sign-in counters through this Redis (REDIS_URL) instead of PostgreSQL. */
  redisUrl?: string;
};

/**
 * Where the limits are counted: Redis when configured, else the shared PostgreSQL; one embedded process
 * counts in memory (the data-folder lock guarantees it is alone).
 */
function openSharedLimits(config: Config, kind: DatabaseKind, db: AppDeps['db']): SharedLimits {
  if (config.redisUrl) return redisLimits(config.redisUrl);
  if (kind === 'postgres') return postgresLimits(db, (error) => console.error('limit sweep failed', error));
  return memoryLimits();
}

/**
 * What the staff module's `ensureDemoLogin` hands back. It holds a password and a TOTP secret: it is
 * kept in DATA_DIR/demo-login.txt (mode 600) and never written to a log stream; `npm start` shows it
 * on a terminal only (scripts/start.mjs).
 */
export type DemoLogin = Record<string, string>;

export type RunningServer = {
  url: string;
  /** Where `/metrics` listens when METRICS_PORT is set. */
  metricsUrl?: string;
  app: FastifyInstance;
  deps: AppDeps;
  demoLogin?: DemoLogin;
  /** DATA_DIR/demo-login.txt, when there is a demo login. */
  demoLoginFile?: string;
  close(): Promise<void>;
};

/** The staff module creates a demo case worker on an empty embedded database. */
async function runDemoLogin(deps: AppDeps): Promise<DemoLogin | undefined> {
  const { ensureDemoLogin } = await import('./staff/demo-login.ts');
  return (await ensureDemoLogin(deps)) ?? undefined;
}

/** Opens storage, builds the app and listens. `close()` stops listening and releases the data folder. */
export async function startServer(options: StartServerOptions): Promise<RunningServer> {
  const base = loadConfig({});
  const config: Config = {
    ...base,
    port: options.port ?? base.port,
    host: options.host ?? base.host,
    dataDir: options.dataDir,
    ...(options.databaseUrl ? { databaseUrl: options.databaseUrl } : {}),
    databaseStartTimeoutSeconds: options.databaseStartTimeoutSeconds ?? base.databaseStartTimeoutSeconds,
    countryPackDir: options.countryPackDir
      ? resolveCountryPackDir(options.countryPackDir)
      : base.countryPackDir,
    logLevel: options.logLevel ?? base.logLevel,
    ...(options.redisUrl ? { redisUrl: options.redisUrl } : {}),
    trustProxy: options.trustProxy ?? base.trustProxy,
    // A real PostgreSQL is someone's deployment: a known administrator login there is a back door.
    demoLogin: options.demoLogin ?? !options.databaseUrl,
    ...(options.blobStoreUrl ? { blobStoreUrl: options.blobStoreUrl } : {}),
    ...(options.metrics ? { metrics: options.metrics } : {}),
  };
  mkdirSync(config.dataDir, { recursive: true, mode: 0o700 });
  const pack: ActivePack = await loadActivePack(config.countryPackDir);
  const database = await openDatabase({
    dataDir: config.dataDir,
    ...(config.databaseUrl ? { databaseUrl: config.databaseUrl } : {}),
    startTimeoutMs: config.databaseStartTimeoutSeconds * 1000,
    // Before the app and its logger exist: one plain line per attempt on stderr.
    onWait: (line) => console.error(line),
    ...(options.pgSchema ? { pgSchema: options.pgSchema } : {}),
  });
  const shared = openSharedLimits(config, database.kind, database.db);
  let live: LiveFeed | undefined;
  try {
    // Before the app and its logger exist, as the database's own lines: one plain line on stderr.
    live = await LiveFeed.start(database, (line) => console.error(line));
    const signingKey = loadOrCreateSigningKey(config.dataDir);
    const deps: AppDeps = {
      config,
      db: database.db,
      blobs: openBlobStore(config),
      pack,
      signingKey,
      shared,
      live,
      push: {
        vapid: loadOrCreateVapidKeys(config.dataDir),
        subscriptionKey: subscriptionKeyOf(signingKey.privateKey),
        extraOrigins: parsePushOrigins(process.env.PUSH_SERVICE_ORIGINS),
      },
      ...(options.limits ? { limits: options.limits } : {}),
      ...(options.clock ? { clock: options.clock } : {}),
      ...(options.logStream ? { logStream: options.logStream } : {}),
      ...(options.serveApps === false
        ? {}
        : {
            staticApps: {
              '/console/': join(repoRoot, 'apps/console/dist'),
              '/': join(repoRoot, 'apps/report/dist'),
            },
          }),
    };
    await ensureHelpline(deps.db, pack);
    // TOTP secrets written in the clear before they were sealed at rest are sealed now.
    const totpKey = totpKeyOf(deps.signingKey.privateKey);
    useTotpKey(deps.db, totpKey);
    await sealClearTotpSecrets(deps.db, totpKey);
    const demoLogin = config.demoLogin ? await runDemoLogin(deps) : undefined;
    const app = await buildApp(deps);
    await app.listen({ port: config.port, host: config.host });
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    const host = config.host.includes(':') ? `[${config.host}]` : config.host;
    const url = `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}`;
    app.log.info(
      { node: process.version, countryPack: pack.country },
      `Vangnet started on Node.js ${process.version}`,
    );
    // `/metrics` on a port of its own (METRICS_PORT), for scrapers inside the cluster only.
    const metrics = metricsFor(deps);
    const metricsListener =
      metrics && config.metrics?.port !== undefined
        ? await startMetricsListener(metrics, { port: config.metrics.port, host: config.metrics.host })
        : undefined;
    // Referral hand-overs and other jobs run in the server process (DESIGN.md: jobs in the database).
    const jobWorker = await startServerJobs(deps, url);
    // Signed checkpoints of the audit chain's head, in DATA_DIR where a database writer cannot reach.
    const checkpoints = startCheckpointWriter({
      db: deps.db,
      dataDir: config.dataDir,
      signingKey: deps.signingKey,
      log: app.log,
      ...(options.auditCheckpointIntervalMs ? { intervalMs: options.auditCheckpointIntervalMs } : {}),
    });
    return {
      url,
      ...(metricsListener ? { metricsUrl: metricsListener.url } : {}),
      app,
      deps,
      ...(demoLogin ? { demoLogin, demoLoginFile: join(config.dataDir, 'demo-login.txt') } : {}),
      close: async () => {
        try {
          await jobWorker.stop();
          await metricsListener?.close();
          await app.close();
          // After the last request, before the database closes: the last records get pinned too.
          await checkpoints.stop();
        } finally {
          await live?.close();
          await shared.close();
          await database.close();
        }
      },
    };
  } catch (error) {
    await live?.close();
    await shared.close();
    await database.close();
    throw error;
  }
}
