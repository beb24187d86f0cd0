import { randomBytes } from 'node:crypto';
import { deriveWorkerSecrets } from '@vangnet/crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureHelpline } from '../src/services/helpline.ts';
import { currentTotpCode } from '../src/staff/totp.ts';
import {
  addHelpline,
  addWorker,
  awaitFreshTotpStep,
  type TestHelpline,
  type TestWorker,
} from './staff-fixtures.ts';
import { databaseKinds } from './support/databases.ts';
import { startTestApp, type TestApp } from './support/test-app.ts';

const SLOWDOWN_MS = 1000;
const limits = {
  signInAttemptsPerIp: 100,
  signInFailuresPerAccountAndIp: 5,
  signInFailuresBeforeSlowdown: 5,
  signInSlowdownMs: SLOWDOWN_MS,
  signInCodeFailuresPerAccount: 4,
};

/** An address nobody used before in this file. */
const freshAddress = () => `198.18.${randomBytes(1)[0]}.${1 + (randomBytes(1)[0]! % 250)}`;

describe.each(databaseKinds())('staff sign-in throttling on %s', (kind) => {
  let t: TestApp;
  let helpline: TestHelpline;

  beforeAll(async () => {
    // Behind one proxy: the address the proxy appends is the client's.
    t = await startTestApp(kind, { limits }, undefined, { TRUST_PROXY: '1' });
    const id = await ensureHelpline(t.deps.db, t.deps.pack);
    helpline = await addHelpline(t.deps.db, t.deps.pack.country, id);
  });
  afterAll(async () => t?.close());

  /** A login as the console sends it, from `address` (behind the one trusted proxy). */
  const login = (address: string, payload: Record<string, string>, spoofed = freshAddress()) =>
    t.app.inject({
      method: 'POST',
      url: '/api/v1/staff/login',
      remoteAddress: '10.0.0.2',
      // What the client claims comes first; the proxy appends what it saw.
      headers: { 'x-forwarded-for': `${spoofed}, ${address}` },
      payload,
    });
  const wrong = (worker: TestWorker) => ({ email: worker.email, authKey: '0'.repeat(64), totp: '000000' });
  async function right(worker: TestWorker) {
    await awaitFreshTotpStep();
    const { authKey } = await deriveWorkerSecrets(worker.password, await saltOf(worker));
    return { email: worker.email, authKey, totp: currentTotpCode(worker.totpSecret) };
  }
  async function saltOf(worker: TestWorker) {
    const prelogin = await t.app.inject({
      method: 'POST',
      url: '/api/v1/staff/prelogin',
      payload: { email: worker.email },
    });
    return (prelogin.json() as { kdfSalt: string }).kdfSalt;
  }

  it('a stranger failing from one address gets 429; the worker signs in from another address', async () => {
    const worker = await addWorker(t.deps.db, helpline, 'caseworker');
    const attacker = freshAddress();
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) statuses.push((await login(attacker, wrong(worker))).statusCode);
    expect(statuses.slice(0, limits.signInFailuresPerAccountAndIp)).toEqual(Array(5).fill(401));
    expect(statuses.at(-1)).toBe(429);
    const refused = await login(attacker, await right(worker));
    expect(refused.statusCode).toBe(429);
    expect(refused.json().code).toBe('staff.too-many-attempts');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);

    const signedIn = await login(freshAddress(), await right(worker));
    expect(signedIn.statusCode).toBe(200);
    expect(signedIn.json().worker.id).toBe(worker.id);
  });

  it('addresses in one IPv6 subnet count as one address', async () => {
    const worker = await addWorker(t.deps.db, helpline, 'caseworker');
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) {
      statuses.push((await login(`2001:db8:1:2::${(i + 1).toString(16)}`, wrong(worker))).statusCode);
    }
    expect(statuses).toEqual([...Array(5).fill(401), 429, 429]);
  });

  it('an attacker rotating addresses is slowed per account, and the worker still signs in', async () => {
    const worker = await addWorker(t.deps.db, helpline, 'caseworker');
    for (let i = 0; i < limits.signInFailuresBeforeSlowdown; i++) {
      expect((await login(freshAddress(), wrong(worker))).statusCode).toBe(401);
    }
    // Every further attempt on this account waits first, whatever address it comes from; the wait
    // doubles. (Lower bounds only: a deliberate wait cannot end early, whatever the machine's load.)
    for (const factor of [1, 2]) {
      const started = performance.now();
      expect((await login(freshAddress(), wrong(worker))).statusCode).toBe(401);
      expect(performance.now() - started).toBeGreaterThanOrEqual(factor * SLOWDOWN_MS - 5);
    }
    // The worker is slowed, never refused.
    const signedIn = await login(freshAddress(), await right(worker));
    expect(signedIn.statusCode).toBe(200);
  });

  it('repeated wrong codes with the right password refuse the account from any address', async () => {
    const worker = await addWorker(t.deps.db, helpline, 'caseworker');
    const { authKey } = await deriveWorkerSecrets(worker.password, await saltOf(worker));
    const code = currentTotpCode(worker.totpSecret);
    const wrongCode = String((Number(code) + 500_000) % 1_000_000).padStart(6, '0');
    for (let i = 0; i < limits.signInCodeFailuresPerAccount; i++) {
      const response = await login(freshAddress(), { email: worker.email, authKey, totp: wrongCode });
      expect(response.statusCode).toBe(401);
    }
    const refused = await login(freshAddress(), await right(worker));
    expect(refused.statusCode).toBe(429);
  });

  it('one address is limited across accounts, however it rotates its X-Forwarded-For', async () => {
    const local = await startTestApp(kind, { limits: { ...limits, signInAttemptsPerIp: 8 } }, undefined, {
      TRUST_PROXY: '1',
    });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 12; i++) {
        const response = await local.app.inject({
          method: 'POST',
          url: '/api/v1/staff/login',
          remoteAddress: '10.0.0.2',
          headers: { 'x-forwarded-for': `${freshAddress()}, 198.51.100.30` },
          payload: { email: `nobody-${i}@example.org`, authKey: '0'.repeat(64), totp: '000000' },
        });
        statuses.push(response.statusCode);
      }
      expect(statuses).toEqual([...Array(8).fill(401), ...Array(4).fill(429)]);
    } finally {
      await local.close();
    }
  });
});
