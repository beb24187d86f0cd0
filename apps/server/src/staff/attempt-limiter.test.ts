import { describe, expect, it } from 'vitest';
import { AttemptLimiter } from './attempt-limiter.ts';

describe('AttemptLimiter', () => {
  it('allows `limit` attempts per window, then says how long to wait', async () => {
    const limiter = new AttemptLimiter(3, 60_000);
    for (const t of [0, 10_000, 20_000]) {
      expect(await limiter.retryAfter('ip', t)).toBe(0);
      await limiter.record('ip', t);
    }
    expect(await limiter.retryAfter('ip', 30_000)).toBe(30_000);
    expect(await limiter.retryAfter('other', 30_000)).toBe(0);
    expect(await limiter.retryAfter('ip', 60_001)).toBe(0);
  });

  it('forgets a key on reset', async () => {
    const limiter = new AttemptLimiter(1, 60_000);
    await limiter.record('e', 0);
    expect(await limiter.retryAfter('e', 1)).toBeGreaterThan(0);
    await limiter.reset('e');
    expect(await limiter.retryAfter('e', 1)).toBe(0);
  });
});
