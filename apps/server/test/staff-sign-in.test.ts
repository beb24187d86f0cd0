import { unwrapHelplineIdentity } from '@vangnet/crypto';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sessions } from '../src/db/schema/index.ts';
import { ensureHelpline } from '../src/services/helpline.ts';
import { sessionIdOf } from '../src/staff/session-token.ts';
import { currentTotpCode } from '../src/staff/totp.ts';
import { addHelpline, addWorker, awaitFreshTotpStep, signInAs, type TestHelpline } from './staff-fixtures.ts';
import { databaseKinds } from './support/databases.ts';
import { startTestApp, type TestApp } from './support/test-app.ts';

describe.each(databaseKinds())('staff sign-in on %s', (kind) => {
  let t: TestApp;
  let helpline: TestHelpline;

  beforeAll(async () => {
    t = await startTestApp(kind);
    const id = await ensureHelpline(t.deps.db, t.deps.pack);
    helpline = await addHelpline(t.deps.db, t.deps.pack.country, id);
  });
  afterAll(async () => t?.close());

  const me = (cookie: string) =>
    t.app.inject({ method: 'GET', url: '/api/v1/staff/me', headers: { cookie } });
  const login = (payload: Record<string, string>) =>
    t.app.inject({ method: 'POST', url: '/api/v1/staff/login', payload });

  it('signs in with password and TOTP, sets a strict HttpOnly cookie and hands back the wrapped helpline key', async () => {
    const worker = await addWorker(t.deps.db, helpline, 'caseworker');
    const { response, cookie, secrets } = await signInAs(t.app, worker);
    expect(response.statusCode).toBe(200);
    const setCookie = String(response.headers['set-cookie']);
    expect(setCookie).toMatch(/^vangnet_session=[A-Za-z0-9_-]{43};/);
    expect(setCookie).toContain('HttpOnly');
    expect(setCookie).toContain('SameSite=Strict');
    expect(setCookie).toContain('Path=/api/v1/staff');
    const body = response.json();
    expect(body.worker).toEqual({
      id: worker.id,
      email: worker.email,
      role: 'caseworker',
      helplineId: helpline.id,
      country: helpline.country,
    });
    // Only the browser can unwrap: the identity comes back with the key derived from the password.
    const identity = await unwrapHelplineIdentity(
      Buffer.from(body.wrappedHelplineKey, 'base64'),
      secrets.unwrapKey,
    );
    expect(identity).toBe(helpline.identity);

    const who = await me(cookie);
    expect(who.statusCode).toBe(200);
    expect(who.json().worker.id).toBe(worker.id);
    expect(who.json().permissions).toContain('case.readSealed');
    expect(who.headers['cache-control']).toBe('no-store');

    // The database holds only the hash of the cookie value.
    const token = cookie.split('=')[1]!;
    const rows = await t.deps.db.select().from(sessions).where(eq(sessions.workerId, worker.id));
    expect(rows.map((r) => r.id)).toEqual([sessionIdOf(token)]);
    expect(JSON.stringify(rows)).not.toContain(token);
  });

  it('gives an unknown e-mail a stable salt that looks like a real one', async () => {
    const worker = await addWorker(t.deps.db, helpline, 'caseworker');
    const salt = async (email: string) =>
      (await t.app.inject({ method: 'POST', url: '/api/v1/staff/prelogin', payload: { email } })).json()
        .kdfSalt;
    const real = await salt(worker.email);
    const fake = await salt('nobody@example.org');
    expect(fake).toMatch(/^[0-9a-f]{32}$/);
    expect(real).toMatch(/^[0-9a-f]{32}$/);
    expect(await salt('nobody@example.org')).toBe(fake);
    expect(await salt('NOBODY@example.org ')).toBe(fake);
    expect(await salt('somebody@example.org')).not.toBe(fake);
    expect(await salt(worker.email.toUpperCase())).toBe(real);
  });

  it('refuses a wrong password, a wrong code, an unknown e-mail and a replayed code with one answer', async () => {
    const worker = await addWorker(t.deps.db, helpline, 'supervisor');
    await awaitFreshTotpStep();
    const right = await signInAs(t.app, worker, currentTotpCode(worker.totpSecret));
    expect(right.response.statusCode).toBe(200);
    const authKey = right.secrets.authKey;
    const now = Date.now();
    const code = currentTotpCode(worker.totpSecret, now);
    const wrongCode = String((Number(code) + 1) % 1_000_000).padStart(6, '0');
    const attempts = {
      'wrong password': { email: worker.email, authKey: 'f'.repeat(64), totp: code },
      'wrong code': { email: worker.email, authKey, totp: wrongCode },
      'unknown e-mail': { email: 'ghost@nl.example', authKey, totp: code },
      // The code that just signed in, once more within its 30 seconds.
      'replayed code': { email: worker.email, authKey, totp: code },
      // An older code after a newer one was used.
      'older code': { email: worker.email, authKey, totp: currentTotpCode(worker.totpSecret, now - 30_000) },
    };
    for (const [why, payload] of Object.entries(attempts)) {
      const response = await login(payload);
      expect(response.statusCode, why).toBe(401);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.json().code, why).toBe('staff.login-failed');
      expect(response.headers['set-cookie'], why).toBeUndefined();
    }
    // The next step's code still works once (clock drift allowance), then it is used up too.
    const next = { email: worker.email, authKey, totp: currentTotpCode(worker.totpSecret, now + 30_000) };
    expect((await login(next)).statusCode).toBe(200);
    expect((await login(next)).statusCode).toBe(401);
  });

  it('rejects malformed sign-in input with problem+json and no session', async () => {
    for (const payload of [
      { email: 'x', authKey: 'a'.repeat(64), totp: '123456' },
      { email: 'a@b.example', authKey: 'nothex', totp: '123456' },
      { email: 'a@b.example', authKey: 'a'.repeat(64), totp: '12345' },
    ]) {
      const response = await login(payload);
      expect(response.statusCode).toBe(400);
      expect(response.json().code).toBe('request.invalid');
      expect(JSON.stringify(response.json())).not.toContain('a'.repeat(64));
    }
  });

  it('ends a session after 30 idle minutes, after 12 hours in any case, on logout and when the account is disabled', async () => {
    const admin = await addWorker(t.deps.db, helpline, 'admin');
    const adminSession = await signInAs(t.app, admin);
    const cases = {
      idle: async (cookie: string) => {
        await t.deps.db
          .update(sessions)
          .set({ expiresAt: sql`now() - interval '1 second'` })
          .where(eq(sessions.id, sessionIdOf(cookie.split('=')[1]!)));
      },
      absolute: async (cookie: string) => {
        // Used a minute ago (so not idle), but signed in 12 hours and a minute ago.
        await t.deps.db
          .update(sessions)
          .set({ createdAt: sql`now() - interval '721 minutes'` })
          .where(eq(sessions.id, sessionIdOf(cookie.split('=')[1]!)));
      },
      logout: async (cookie: string) => {
        const out = await t.app.inject({ method: 'POST', url: '/api/v1/staff/logout', headers: { cookie } });
        expect(out.statusCode).toBe(204);
        expect(String(out.headers['set-cookie'])).toContain('Max-Age=0');
      },
      disabled: async (_cookie: string, workerId: string) => {
        const off = await t.app.inject({
          method: 'POST',
          url: `/api/v1/staff/workers/${workerId}/disable`,
          headers: { cookie: adminSession.cookie },
        });
        expect(off.statusCode).toBe(200);
      },
    };
    for (const [why, end] of Object.entries(cases)) {
      const worker = await addWorker(t.deps.db, helpline, 'caseworker');
      const { cookie } = await signInAs(t.app, worker);
      expect((await me(cookie)).statusCode, why).toBe(200);
      await end(cookie, worker.id);
      const after = await me(cookie);
      expect(after.statusCode, why).toBe(401);
      expect(after.json().code, why).toBe('staff.signed-out');
    }
  });

  it('slides the idle expiry forward on use but not past 12 hours', async () => {
    const worker = await addWorker(t.deps.db, helpline, 'caseworker');
    const { cookie } = await signInAs(t.app, worker);
    const id = sessionIdOf(cookie.split('=')[1]!);
    await t.deps.db
      .update(sessions)
      .set({
        createdAt: sql`now() - interval '11 hours 50 minutes'`,
        expiresAt: sql`now() + interval '1 minute'`,
      })
      .where(eq(sessions.id, id));
    expect((await me(cookie)).statusCode).toBe(200);
    const [row] = await t.deps.db.select().from(sessions).where(eq(sessions.id, id));
    const left = row!.expiresAt.getTime() - Date.now();
    // Moved from 1 minute to the 10 minutes left of the 12 hours, not to a full 30.
    expect(left).toBeGreaterThan(9 * 60_000);
    expect(left).toBeLessThan(11 * 60_000);
  });

  it('limits failed sign-ins per e-mail, even with the right password afterwards', async () => {
    const worker = await addWorker(t.deps.db, helpline, 'caseworker');
    const wrong = { email: worker.email, authKey: '0'.repeat(64), totp: '000000' };
    for (let i = 0; i < 10; i++) expect((await login(wrong)).statusCode).toBe(401);
    const blocked = await signInAs(t.app, worker);
    expect(blocked.response.statusCode).toBe(429);
    expect(blocked.response.json().code).toBe('staff.too-many-attempts');
    expect(Number(blocked.response.headers['retry-after'])).toBeGreaterThan(0);
  });
});
