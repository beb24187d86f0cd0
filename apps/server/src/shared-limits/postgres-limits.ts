import { randomBytes } from 'node:crypto';
import type { FastifyRateLimitStoreCtor, RateLimitOptions } from '@fastify/rate-limit';
import { eq, lt, sql } from 'drizzle-orm';
import type { Db } from '../db/open-database.ts';
import { clientKeySecrets } from '../db/schema/index.ts';
import type { AttemptLog, SharedLimits, WindowCount } from './shared-limits.ts';

/** How often expired counters and attempts are deleted (every replica sweeps; deletes do not clash). */
const SWEEP_MS = 60_000;

type Rows<T> = { rows: T[] };

async function rows<T>(db: Db, query: ReturnType<typeof sql>): Promise<T[]> {
  // Both drivers answer `{ rows }` to `execute` (see db/open-database.ts).
  return ((await db.execute(query)) as unknown as Rows<T>).rows;
}

/**
 * One request counted in the window of `key`, in one statement: a window that has ended starts again
 * at 1. The database's clock decides, so replicas with drifting clocks still share one window.
 */
export async function countRequest(db: Db, key: string, windowMs: number): Promise<WindowCount> {
  const [row] = await rows<{ current: number; ttl: number }>(
    db,
    sql`insert into rate_limit_counters as c (key, count, reset_at)
        values (${key}, 1, now() + ${windowMs}::int * interval '1 millisecond')
        on conflict (key) do update set
          count = case when c.reset_at <= now() then 1 else c.count + 1 end,
          reset_at = case when c.reset_at <= now() then excluded.reset_at else c.reset_at end
        returning count as current,
          greatest(0, round(extract(epoch from c.reset_at - now()) * 1000))::float8 as ttl`,
  );
  return { current: Number(row!.current), ttl: Number(row!.ttl) };
}

async function readCount(db: Db, key: string): Promise<WindowCount> {
  const [row] = await rows<{ current: number; ttl: number }>(
    db,
    sql`select count as current, round(extract(epoch from reset_at - now()) * 1000)::float8 as ttl
        from rate_limit_counters where key = ${key} and reset_at > now()`,
  );
  return row ? { current: Number(row.current), ttl: Number(row.ttl) } : { current: 0, ttl: 0 };
}

type Callback = (error: Error | null, result?: WindowCount) => void;

/** @fastify/rate-limit's store interface over `rate_limit_counters`; routes get their own key prefix. */
function postgresRateLimitStore(db: Db): FastifyRateLimitStoreCtor {
  class PostgresRateLimitStore {
    readonly prefix: string;
    constructor(_options: RateLimitOptions, prefix = '') {
      this.prefix = prefix;
    }
    incr(key: string, callback: Callback, timeWindow: number): void {
      countRequest(db, this.prefix + key, timeWindow).then(
        (result) => callback(null, result),
        (error: Error) => callback(error),
      );
    }
    read(key: string, callback: Callback): void {
      readCount(db, this.prefix + key).then(
        (result) => callback(null, result),
        (error: Error) => callback(error),
      );
    }
    child(routeOptions: RateLimitOptions & { routeInfo?: { method?: string; url?: string } }) {
      const route = routeOptions.routeInfo ?? {};
      return new PostgresRateLimitStore(
        routeOptions,
        `${this.prefix}${route.method ?? ''}${route.url ?? ''}-`,
      );
    }
  }
  // Cast: the library types its store constructor loosely (callbacks typed as `any`).
  return PostgresRateLimitStore as unknown as FastifyRateLimitStoreCtor;
}

/** Sign-in attempts as rows of `sign_in_attempts`, times in milliseconds. */
export class PostgresAttemptLog implements AttemptLog {
  readonly #db: Db;
  constructor(db: Db) {
    this.#db = db;
  }

  async recent(key: string, windowMs: number, now: number): Promise<number[]> {
    const found = await rows<{ at: number }>(
      this.#db,
      sql`select round(extract(epoch from at) * 1000)::float8 as at from sign_in_attempts
          where key = ${key} and at > to_timestamp(${(now - windowMs) / 1000}::float8) order by at`,
    );
    return found.map((r) => Number(r.at));
  }

  async record(key: string, windowMs: number, now: number): Promise<void> {
    await this.#db.execute(
      sql`insert into sign_in_attempts (key, at, expires_at)
          values (${key}, to_timestamp(${now / 1000}::float8), to_timestamp(${(now + windowMs) / 1000}::float8))`,
    );
  }

  async reset(key: string): Promise<void> {
    await this.#db.execute(sql`delete from sign_in_attempts where key = ${key}`);
  }
}

/** Deletes what has expired; returns how many rows went (for tests and logs). */
export async function sweepExpiredLimits(db: Db): Promise<number> {
  const counters = await rows<{ n: number }>(
    db,
    sql`with gone as (delete from rate_limit_counters where reset_at <= now() returning 1)
        select count(*)::int as n from gone`,
  );
  const attempts = await rows<{ n: number }>(
    db,
    sql`with gone as (delete from sign_in_attempts where expires_at <= now() returning 1)
        select count(*)::int as n from gone`,
  );
  return Number(counters[0]?.n ?? 0) + Number(attempts[0]?.n ?? 0);
}

/** The day's key: made by the first replica that asks, read by the others; earlier days deleted. */
async function daySecretOf(db: Db, day: number): Promise<Uint8Array> {
  await db
    .insert(clientKeySecrets)
    .values({ day, secret: randomBytes(32) })
    .onConflictDoNothing();
  const [row] = await db.select().from(clientKeySecrets).where(eq(clientKeySecrets.day, day));
  await db.delete(clientKeySecrets).where(lt(clientKeySecrets.day, day));
  return row!.secret;
}

/** Limits shared by every replica on one PostgreSQL; expired rows swept once a minute. */
export function postgresLimits(db: Db, onSweepError?: (error: unknown) => void): SharedLimits {
  const sweep = setInterval(() => {
    sweepExpiredLimits(db).catch((error: unknown) => onSweepError?.(error));
  }, SWEEP_MS);
  sweep.unref();
  return {
    kind: 'postgres',
    rateLimitStore: { store: postgresRateLimitStore(db) },
    attempts: new PostgresAttemptLog(db),
    daySecret: (day) => daySecretOf(db, day),
    async close() {
      clearInterval(sweep);
    },
  };
}
