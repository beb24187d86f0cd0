import { MemoryAttemptLog } from '../shared-limits/memory-limits.ts';
import type { AttemptLog } from '../shared-limits/shared-limits.ts';

/**
 * Counts sign-in attempts per key (a client address, an account, both) in a sliding window. The
 * attempts live in an `AttemptLog`: this process's memory for one process, PostgreSQL or Redis for
 * replicas (shared-limits/), so a guesser spreading attempts over every replica is counted once.
 */
export class AttemptLimiter {
  readonly limit: number;
  readonly windowMs: number;
  readonly #log: AttemptLog;
  readonly #name: string;

  /** `name` keeps this limiter's keys apart from other limiters' in a shared log. */
  constructor(limit: number, windowMs: number, log: AttemptLog = new MemoryAttemptLog(), name = '') {
    this.limit = limit;
    this.windowMs = windowMs;
    this.#log = log;
    this.#name = name;
  }

  /** Milliseconds until `key` may try again, or 0 when it may try now. */
  async retryAfter(key: string, now = Date.now()): Promise<number> {
    const hits = await this.#log.recent(this.#key(key), this.windowMs, now);
    if (hits.length < this.limit) return 0;
    // Allowed again once enough of the attempts have left the window to bring the count under the limit.
    return Math.max(1, hits[hits.length - this.limit]! + this.windowMs - now);
  }

  /** Attempts recorded for `key` within the window. */
  async count(key: string, now = Date.now()): Promise<number> {
    return (await this.#log.recent(this.#key(key), this.windowMs, now)).length;
  }

  async record(key: string, now = Date.now()): Promise<void> {
    await this.#log.record(this.#key(key), this.windowMs, now);
  }

  async reset(key: string): Promise<void> {
    await this.#log.reset(this.#key(key));
  }

  #key(key: string): string {
    return this.#name ? `${this.#name}:${key}` : key;
  }
}
