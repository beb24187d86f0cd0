import { randomBytes } from 'node:crypto';
import { deriveWorkerSecrets, generateSigningKey } from '@vangnet/crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../src/db/open-database.ts';
import { ensureHelpline } from '../src/services/helpline.ts';
import {
  countRequest,
  PostgresAttemptLog,
  postgresLimits,
  sweepExpiredLimits,
} from '../src/shared-limits/postgres-limits.ts';
import { redisLimits } from '../src/shared-limits/redis-limits.ts';
import type { SharedLimits } from '../src/shared-limits/shared-limits.ts';
import { currentTotpCode } from '../src/staff/totp.ts';
import { addHelpline, addWorker, awaitFreshTotpStep, type TestWorker } from './staff-fixtures.ts';
import { openTestDatabase, type TestDatabase } from './support/databases.ts';
import { startTestApp, type TestApp } from './support/test-app.ts';

const limits = {
  perIpPerMinute: 20,
  signInAttemptsPerIp: 100,
  signInFailuresPerAccountAndIp: 6,
  signInFailuresBeforeSlowdown: 50,
  signInCodeFailuresPerAccount: 10,
};
// .ci/run sets REDIS_URL when Redis is installed (it starts it); PostgreSQL alone otherwise.
const REDIS_URL = process.env.REDIS_URL;
const freshAddress = () => `198.19.${randomBytes(1)[0]}.${1 + (randomBytes(1)[0]! % 250)}`;
const stores = process.env.DATABASE_URL ? (REDIS_URL ? ['postgres', 'redis'] : ['postgres']) : [];

/**
 * Issue 14: two replicas on one PostgreSQL (each its own app, connection pool and limits) count as one.
 * A brute force spread over both is stopped where one server would stop it; so is a flood of requests,
 * and a TOTP code used on one is refused on the other.
 */
describe.skipIf(stores.length === 0).each(stores)('two replicas sharing limits in %s', (store) => {
  let database: TestDatabase;
  const replicas: TestApp[] = [];
  const shared: SharedLimits[] = [];
  let worker: TestWorker;

  beforeAll(async () => {
    database = await openTestDatabase('postgres');
    // Replicas share the server's key (docs/operating-at-scale.md); TOTP secrets are sealed under it.
    const signingKey = generateSigningKey();
    for (let i = 0; i < 2; i++) {
      // Replica B opens the same schema through a pool of its own, as a second process would.
      const opened =
        i === 0
          ? database
          : {
              ...(await openDatabase({
                dataDir: database.dataDir,
                databaseUrl: process.env.DATABASE_URL!,
                pgSchema: database.pgSchema!,
              })),
              dataDir: database.dataDir,
            };
      const limitsStore = store === 'redis' ? redisLimits(REDIS_URL!) : postgresLimits(opened.db);
      shared.push(limitsStore);
      // Behind one proxy: the address it appends is the client's.
      replicas.push(
        await startTestApp('postgres', { limits, shared: limitsStore, signingKey }, opened, {
          TRUST_PROXY: '1',
        }),
      );
    }
    const id = await ensureHelpline(database.db, replicas[0]!.deps.pack);
    worker = await addWorker(database.db, await addHelpline(database.db, 'NL', id), 'caseworker');
  });
  afterAll(async () => {
    for (const s of shared) await s.close();
    // B first: A's close drops the schema.
    for (const r of replicas.reverse()) await r.close();
  });

  const login = (replica: number, address: string, payload: Record<string, string>) =>
    replicas[replica]!.app.inject({
      method: 'POST',
      url: '/api/v1/staff/login',
      remoteAddress: '10.0.0.2',
      headers: { 'x-forwarded-for': address },
      payload,
    });
  /** `ahead`: the next step's code, which the server also accepts (clock drift), still unused. */
  async function right(ahead = 0) {
    await awaitFreshTotpStep();
    const prelogin = await replicas[0]!.app.inject({
      method: 'POST',
      url: '/api/v1/staff/prelogin',
      payload: { email: worker.email },
    });
    const { authKey } = await deriveWorkerSecrets(worker.password, prelogin.json().kdfSalt);
    return {
      email: worker.email,
      authKey,
      totp: currentTotpCode(worker.totpSecret, Date.now() + ahead * 30_000),
    };
  }

  it('a sign-in brute force alternating between the replicas is refused after the limit of one', async () => {
    const attacker = freshAddress();
    const wrong = { email: worker.email, authKey: '0'.repeat(64), totp: '000000' };
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++) statuses.push((await login(i % 2, attacker, wrong)).statusCode);
    // Six failures in all (three on each replica), then both refuse: as one server would.
    expect(statuses).toEqual([401, 401, 401, 401, 401, 401, 429, 429, 429, 429]);
    // Even the right password and code from that address wait out the window, on either replica.
    expect((await login(0, attacker, await right())).statusCode).toBe(429);
    // The worker, from elsewhere, is not locked out.
    expect((await login(1, freshAddress(), await right())).statusCode).toBe(200);
  });

  it('a code used on one replica is refused on the other (the TOTP replay guard is shared)', async () => {
    // The step before was used in the test above; the next one is still fresh.
    const payload = await right(1);
    expect((await login(0, freshAddress(), payload)).statusCode).toBe(200);
    const replayed = await login(1, freshAddress(), payload);
    expect(replayed.statusCode).toBe(401);
  });

  it('the per-address request limit counts requests to both replicas together', async () => {
    const client = freshAddress();
    const statuses: number[] = [];
    for (let i = 0; i < 24; i++) {
      const res = await replicas[i % 2]!.app.inject({
        method: 'GET',
        url: '/api/v1/config',
        remoteAddress: '10.0.0.2',
        headers: { 'x-forwarded-for': client },
      });
      statuses.push(res.statusCode);
    }
    expect(statuses.slice(0, limits.perIpPerMinute).every((s) => s === 200)).toBe(true);
    expect(statuses.slice(limits.perIpPerMinute)).toEqual([429, 429, 429, 429]);
  });

  it.runIf(store === 'postgres')(
    'expired counters and attempts are swept; no address is stored',
    async () => {
      const { db } = database;
      await countRequest(db, 'sweep-test', 1);
      await new PostgresAttemptLog(db).record('sweep-test', 1000, Date.now() - 5000);
      await expect.poll(() => sweepExpiredLimits(db)).toBeGreaterThanOrEqual(1);
      const left = (await db.execute(
        sql`select (select count(*) from rate_limit_counters where key = 'sweep-test')::int
           + (select count(*) from sign_in_attempts where key = 'sweep-test')::int as n`,
      )) as unknown as { rows: { n: number }[] };
      expect(left.rows[0]!.n).toBe(0);
      // Keys hold hashes: no client address appears in any counter.
      const keys = (await db.execute(
        sql`select key from rate_limit_counters union all select key from sign_in_attempts`,
      )) as unknown as { rows: { key: string }[] };
      expect(keys.rows.length).toBeGreaterThan(0);
      expect(keys.rows.filter((r) => /198\.19\.|10\.0\.0\./.test(r.key))).toEqual([]);
    },
  );
});
