import type { SignedRecipientList } from '@vangnet/crypto';
import type { FastifyBaseLogger } from 'fastify';
import type { ActivePack } from './active-pack.ts';
import type { BlobStore } from './blobs/blob-store.ts';
import type { Config } from './config.ts';
import type { Db } from './db/open-database.ts';
import type { LiveFeed } from './live/live-feed.ts';
import type { PushDeps } from './push/push-deps.ts';
import type { SharedLimits } from './shared-limits/shared-limits.ts';

/** Requests per window. Overridable so a benchmark on loopback measures the server, not the limiter. */
export type Limits = {
  /** Every route, per client address, per minute. */
  perIpPerMinute: number;
  /** Report submissions per client address per hour. */
  submissionsPerIpPerHour: number;
  /** Follow-up requests per access token per minute (reads and messages together). */
  followUpPerTokenPerMinute: number;
  /** Follow-up requests per client address per minute, whatever token they carry (stops guessing). */
  followUpPerIpPerMinute: number;
  /**
   * tus requests per client address per minute. Apps upload in chunks (256 KiB: 800 requests for a
   * 200 MiB item), so this is higher than the general limit; each request still needs a valid token.
   */
  uploadRequestsPerIpPerMinute: number;
  /** Staff sign-in attempts per client address per 15 minutes, whatever account they name. */
  signInAttemptsPerIp: number;
  /** Failed sign-ins for one account from one client address per 15 minutes; then that address waits. */
  signInFailuresPerAccountAndIp: number;
  /**
   * Failed sign-ins for one account from anywhere per 15 minutes before every further attempt on it
   * is slowed down (never refused: a stranger must not be able to lock a worker out).
   */
  signInFailuresBeforeSlowdown: number;
  /** The first slowdown; it doubles with each further failure, up to 16 times this. */
  signInSlowdownMs: number;
  /**
   * The right password with a wrong or replayed code, per account per 15 minutes. Only someone who
   * holds the password can get here, so this one refuses the account for the rest of the window.
   */
  signInCodeFailuresPerAccount: number;
};

export const defaultLimits: Limits = {
  perIpPerMinute: 600,
  submissionsPerIpPerHour: 30,
  followUpPerTokenPerMinute: 60,
  followUpPerIpPerMinute: 120,
  uploadRequestsPerIpPerMinute: 3000,
  signInAttemptsPerIp: 100,
  signInFailuresPerAccountAndIp: 10,
  signInFailuresBeforeSlowdown: 10,
  signInSlowdownMs: 1000,
  signInCodeFailuresPerAccount: 10,
};

/** Everything the HTTP app needs, built once at start (or per test) and passed down as a value. */
export type AppDeps = {
  config: Config;
  db: Db;
  blobs: BlobStore;
  pack: ActivePack;
  /** Ed25519, hex, for countersigning receipts. */
  signingKey: { privateKey: string; publicKey: string };
  /** Web push ("there is news" for reporters who opt in); absent: the server sends none. */
  push?: PushDeps;
  logger?: FastifyBaseLogger;
  /** Where the server's own logger writes (default stdout); tests capture it. */
  logStream?: { write(line: string): unknown };
  limits?: Partial<Limits>;
  /**
   * Where rate limits, sign-in counters and the client-address key live (shared-limits/). Absent: this
   * process's memory, right for one process; replicas pass PostgreSQL or Redis (server.ts).
   */
  shared?: SharedLimits;
  /** Changes pushed to open consoles (live/). Absent: the event stream answers 503 and consoles poll. */
  live?: LiveFeed;
  /**
   * The clock of features that record times a person reads back (trusted-flagger notices); absent: the
   * real time. Tests set it to stand days later without waiting.
   */
  clock?: () => Date;
  /** Built single-page apps to serve: `{ '/': 'apps/report/dist', '/console/': 'apps/console/dist' }`. */
  staticApps?: Record<string, string>;
  /**
   * Switches for tests only: set by a test on the deps it built, never read from the environment, the
   * CLI or a config file. `recipientList` replaces the signed list `/config` hands out, to play a server
   * that was taken over and swaps the helpline's key; `publicPack` replaces what `/pack` hands out (a
   * swapped trust anchor).
   */
  testOnly?: {
    recipientList?: (genuine: SignedRecipientList | null) => unknown;
    publicPack?: (genuine: unknown) => unknown;
  };
  /** How long public statistics are reused before they are computed again (default 5 minutes; tests: 0). */
  statisticsCacheMs?: number;
};
