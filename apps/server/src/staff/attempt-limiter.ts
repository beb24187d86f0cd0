/**
 * Counts sign-in attempts per key (a client address, an account, both) in a sliding window. Kept in
 * the process: a replica only sees its own share, which still caps guessing at replicas × limit;
 * the TOTP step and the slow authKey hash do the rest.
 */
export class AttemptLimiter {
  readonly #hits = new Map<string, number[]>();

  readonly limit: number;
  readonly windowMs: number;
  constructor(limit: number, windowMs: number) {
    this.limit = limit;
    this.windowMs = windowMs;
  }

  /** Milliseconds until `key` may try again, or 0 when it may try now. */
  retryAfter(key: string, now = Date.now()): number {
    const hits = this.#recent(key, now);
    if (hits.length < this.limit) return 0;
    return hits[0]! + this.windowMs - now;
  }

  /** Attempts recorded for `key` within the window. */
  count(key: string, now = Date.now()): number {
    return this.#recent(key, now).length;
  }

  record(key: string, now = Date.now()): void {
    const hits = this.#recent(key, now);
    hits.push(now);
    this.#hits.set(key, hits);
    if (this.#hits.size > 50_000) this.#sweep(now);
  }

  reset(key: string): void {
    this.#hits.delete(key);
  }

  #recent(key: string, now: number): number[] {
    const hits = this.#hits.get(key) ?? [];
    const from = now - this.windowMs;
    let drop = 0;
    while (drop < hits.length && hits[drop]! <= from) drop++;
    return drop ? hits.slice(drop) : hits;
  }

  /** Forgets keys with no recent hits so a flood of addresses cannot grow the map without bound. */
  #sweep(now: number): void {
    for (const [key, hits] of this.#hits) {
      if ((hits.at(-1) ?? 0) <= now - this.windowMs) this.#hits.delete(key);
    }
  }
}
