import { randomBytes } from 'node:crypto';
import type { AttemptLog, SharedLimits } from './shared-limits.ts';

/** More keys than this and the ones with no recent attempt are dropped, so a flood cannot grow the map. */
const SWEEP_ABOVE = 50_000;

/** Attempts kept in this process's memory: right for one process (the embedded database). */
export class MemoryAttemptLog implements AttemptLog {
  readonly #hits = new Map<string, { at: number[]; until: number }>();

  async recent(key: string, windowMs: number, now: number): Promise<number[]> {
    return this.#recent(key, windowMs, now);
  }

  async record(key: string, windowMs: number, now: number): Promise<void> {
    const at = this.#recent(key, windowMs, now);
    at.push(now);
    this.#hits.set(key, { at, until: now + windowMs });
    if (this.#hits.size > SWEEP_ABOVE) this.#sweep(now);
  }

  async reset(key: string): Promise<void> {
    this.#hits.delete(key);
  }

  #recent(key: string, windowMs: number, now: number): number[] {
    const at = this.#hits.get(key)?.at ?? [];
    const from = now - windowMs;
    let drop = 0;
    while (drop < at.length && at[drop]! <= from) drop++;
    return drop ? at.slice(drop) : [...at];
  }

  #sweep(now: number): void {
    for (const [key, { until }] of this.#hits) if (until <= now) this.#hits.delete(key);
  }
}

/** Counts in this process only; @fastify/rate-limit keeps its own in-memory store. */
export function memoryLimits(): SharedLimits {
  const secrets = new Map<number, Uint8Array>();
  return {
    kind: 'memory',
    rateLimitStore: {},
    attempts: new MemoryAttemptLog(),
    async daySecret(day) {
      for (const d of secrets.keys()) if (d !== day) secrets.delete(d);
      let secret = secrets.get(day);
      if (!secret) {
        secret = randomBytes(32);
        secrets.set(day, secret);
      }
      return secret;
    },
    async close() {},
  };
}
