import { isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { blobStoreUrlProblem } from './blobs/blob-store-url.ts';
import { parseTrustProxy, type TrustProxy } from './http/trust-proxy.ts';

export type { TrustProxy } from './http/trust-proxy.ts';

/** The repository root, so defaults do not depend on the folder `npm start` was run from. */
export const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65_535).default(8080),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
    .optional(),
  /** Seconds to keep trying to reach PostgreSQL at start before giving up. */
  DATABASE_START_TIMEOUT: z.coerce.number().int().min(0).max(3600).default(60),
  COUNTRY_PACK: z.string().min(1).default('NL'),
  LOG_LEVEL: z.enum(logLevels).default('info'),
  TRUST_PROXY: z
    .string()
    .optional()
    .transform((value, ctx) => {
      const parsed = parseTrustProxy(value);
      if (typeof parsed === 'string') {
        ctx.addIssue({ code: 'custom', message: parsed });
        return z.NEVER;
      }
      return parsed;
    }),
  DEMO_LOGIN: z.enum(['0', '1']).optional(),
  /** Where sealed evidence and staged uploads go: unset for DATA_DIR/blobs, or `s3://bucket?…`. */
  BLOB_STORE_URL: z
    .string()
    .optional()
    .superRefine((value, ctx) => {
      // The message never repeats the value: it may hold a secret someone pasted into it.
      const problem = value === undefined ? undefined : blobStoreUrlProblem(value);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    }),
  /** `/metrics` on the main port needs `Authorization: Bearer <this>` (at least 32 characters). */
  METRICS_TOKEN: z.string().min(32, 'must be at least 32 characters').optional(),
  /** `/metrics` on a port of its own (no token; keep that port inside the cluster). */
  METRICS_PORT: z.coerce.number().int().min(1).max(65_535).optional(),
  METRICS_HOST: z.string().min(1).optional(),
  /** Rate limits and sign-in counters in Redis instead of PostgreSQL (replicas share them either way). */
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, 'must start with redis:// or rediss://')
    .optional(),
});

export type Config = {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl?: string;
  databaseStartTimeoutSeconds: number;
  /** Where replicas share rate limits and sign-in counters; absent: in PostgreSQL (or memory, embedded). */
  redisUrl?: string;
  countryPackDir: string;
  logLevel: (typeof logLevels)[number];
  trustProxy: TrustProxy;
  /**
   * Create the demo administrator on an empty database. Default: only on the embedded database
   * (`npm start` to try Vangnet); a real PostgreSQL gets one only with DEMO_LOGIN=1.
   */
  demoLogin?: boolean;
  /** `s3://bucket[/prefix]?endpoint=…&region=…`; absent: evidence on local disk under DATA_DIR/blobs. */
  blobStoreUrl?: string;
  /** How `/metrics` is reached; absent: it is not served at all. */
  metrics?: { token?: string; port?: number; host: string };
};

/** `COUNTRY_PACK` is a folder name under `country-packs/` (`NL`) or a path to a pack folder. */
export function resolveCountryPackDir(value: string, root = repoRoot): string {
  if (isAbsolute(value)) return value;
  if (value.includes('/') || value.startsWith('.')) return resolve(value);
  return resolve(root, 'country-packs', value);
}

export class ConfigError extends Error {}

/** Reads the environment once at start; a bad value stops the server with the variable's name. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  // Empty strings mean "unset", as in most shells' `FOO= npm start`.
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== ''));
  const parsed = envSchema.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: resolve(e.DATA_DIR),
    ...(e.DATABASE_URL ? { databaseUrl: e.DATABASE_URL } : {}),
    databaseStartTimeoutSeconds: e.DATABASE_START_TIMEOUT,
    ...(e.REDIS_URL ? { redisUrl: e.REDIS_URL } : {}),
    countryPackDir: resolveCountryPackDir(e.COUNTRY_PACK),
    logLevel: e.LOG_LEVEL,
    trustProxy: e.TRUST_PROXY,
    ...(e.DEMO_LOGIN ? { demoLogin: e.DEMO_LOGIN === '1' } : {}),
    ...(e.BLOB_STORE_URL ? { blobStoreUrl: e.BLOB_STORE_URL } : {}),
    ...(e.METRICS_TOKEN || e.METRICS_PORT
      ? {
          metrics: {
            ...(e.METRICS_TOKEN ? { token: e.METRICS_TOKEN } : {}),
            ...(e.METRICS_PORT ? { port: e.METRICS_PORT } : {}),
            host: e.METRICS_HOST ?? e.HOST,
          },
        }
      : {}),
  };
}
