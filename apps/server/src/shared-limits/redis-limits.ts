import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import type { AttemptLog, SharedLimits } from './shared-limits.ts';

/** Every key this server writes starts with this, so a Redis shared with other software stays tidy. */
const PREFIX = 'vangnet:';
const DAY_SECONDS = 24 * 60 * 60;

/** Sign-in attempts as a sorted set per key (score: the time), expiring with its window. */
class RedisAttemptLog implements AttemptLog {
  readonly #redis: Redis;
  constructor(redis: Redis) {
    this.#redis = redis;
  }

  async recent(key: string, windowMs: number, now: number): Promise<number[]> {
    const k = `${PREFIX}attempts:${key}`;
    const [, found] = await this.#redis
      .multi()
      .zremrangebyscore(k, '-inf', now - windowMs)
      .zrangebyscore(k, `(${now - windowMs}`, '+inf', 'WITHSCORES')
      .exec()
      .then((results) => (results ?? []).map(([error, value]) => (error ? Promise.reject(error) : value)));
    const pairs = found as string[];
    const at: number[] = [];
    for (let i = 1; i < pairs.length; i += 2) at.push(Number(pairs[i]));
    return at;
  }

  async record(key: string, windowMs: number, now: number): Promise<void> {
    const k = `${PREFIX}attempts:${key}`;
    // The member must be unique: two attempts in one millisecond are two attempts.
    await this.#redis
      .multi()
      .zadd(k, now, `${now}:${randomBytes(6).toString('hex')}`)
      .pexpire(k, windowMs)
      .exec();
  }

  async reset(key: string): Promise<void> {
    await this.#redis.del(`${PREFIX}attempts:${key}`);
  }
}

/**
 * Limits shared through Redis (`REDIS_URL`): @fastify/rate-limit's own Redis store for request counts,
 * a sorted set per sign-in key, the day's client key under `SET NX`. Every key expires with its window,
 * so nothing needs sweeping.
 */
export function redisLimits(url: string): SharedLimits {
  // Fail a command rather than queue it forever while Redis is away; reconnect in the background.
  const redis = new Redis(url, { maxRetriesPerRequest: 1, enableOfflineQueue: true, lazyConnect: false });
  // Connection errors are retried by the client; the failing commands answer the requests.
  redis.on('error', () => {});
  return {
    kind: 'redis',
    rateLimitStore: { redis, nameSpace: `${PREFIX}rate:` },
    attempts: new RedisAttemptLog(redis),
    async daySecret(day) {
      const k = `${PREFIX}client-key:${day}`;
      await redis.set(k, randomBytes(32).toString('base64'), 'EX', 2 * DAY_SECONDS, 'NX');
      const secret = await redis.get(k);
      await redis.del(`${PREFIX}client-key:${day - 1}`);
      return Buffer.from(secret!, 'base64');
    },
    async close() {
      await redis.quit().catch(() => redis.disconnect());
    },
  };
}
