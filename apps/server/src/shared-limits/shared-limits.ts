import type { RateLimitPluginOptions } from '@fastify/rate-limit';

/**
 * Where the abuse limits keep their counts. One process alone (the embedded database) keeps them in
 * memory; replicas share them in PostgreSQL, or in Redis when `REDIS_URL` is set, so a client that
 * spreads its requests over every replica is still limited as if there were one.
 */
export type SharedLimits = {
  kind: 'memory' | 'postgres' | 'redis';
  /** The store settings handed to @fastify/rate-limit (`store`, or `redis` and `nameSpace`). */
  rateLimitStore: Pick<RateLimitPluginOptions, 'store' | 'redis' | 'nameSpace'>;
  /** Sign-in attempts and failures, kept per attempt for sliding windows. */
  attempts: AttemptLog;
  /**
   * The random key of a UTC day (days since the epoch) that client addresses are hashed with: one key
   * for all replicas, made by whichever asks first, forgotten the day after (http/client-key.ts).
   */
  daySecret(day: number): Promise<Uint8Array>;
  /** Stops the sweep and closes connections of its own. */
  close(): Promise<void>;
};

/** Timestamps of attempts under a key. `key` is never an address or an e-mail, only hashes of them. */
export type AttemptLog = {
  /** The times (ms) of the attempts under `key` within the last `windowMs`, oldest first. */
  recent(key: string, windowMs: number, now: number): Promise<number[]>;
  /** Counts an attempt at `now`; it is forgotten `windowMs` later. */
  record(key: string, windowMs: number, now: number): Promise<void>;
  /** Forgets every attempt under `key`. */
  reset(key: string): Promise<void>;
};

/** Counted requests per window and how long until it ends: what a rate-limit store answers. */
export type WindowCount = { current: number; ttl: number };
