import { randomBytes } from 'node:crypto';
import { wrapHelplineIdentity } from '@vangnet/crypto';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, passkeys, sessions } from '../src/db/schema/index.ts';
import { ensureHelpline } from '../src/services/helpline.ts';
import { disableWorker } from '../src/staff/workers.ts';
import {
  addHelpline,
  addWorker,
  awaitFreshTotpStep,
  signInAs,
  type TestHelpline,
  type TestWorker,
} from './staff-fixtures.ts';
import { databaseKinds } from './support/databases.ts';
import { SoftAuthenticator } from './support/soft-authenticator.ts';
import { startTestApp, type TestApp } from './support/test-app.ts';

/**
 * Passkeys for staff, through the real routes and @simplewebauthn/server. The authenticator is the
 * software one in support/soft-authenticator.ts: real CBOR, real authenticator data, real ES256
 * signatures (no browser runs here; the Chromium e2e test uses the CDP virtual authenticator).
 */
const HOST = 'console.vangnet.test';
const ORIGIN = `http://${HOST}`;

describe.each(databaseKinds())('staff passkeys on %s', (kind) => {
  let t: TestApp;
  let helpline: TestHelpline;

  beforeAll(async () => {
    t = await startTestApp(kind);
    const id = await ensureHelpline(t.deps.db, t.deps.pack);
    helpline = await addHelpline(t.deps.db, t.deps.pack.country, id);
  });
  afterAll(async () => t?.close());

  const call = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, cookie?: string, payload?: unknown) =>
    t.app.inject({
      method,
      url: `/api/v1/staff${url}`,
      headers: { host: HOST, ...(cookie ? { cookie } : {}) },
      ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
    });

  const cookieOf = (response: { headers: Record<string, unknown> }) =>
    String(response.headers['set-cookie'] ?? '').split(';')[0] ?? '';

  async function signedIn(worker: TestWorker) {
    await awaitFreshTotpStep();
    const { response, cookie } = await signInAs(t.app, worker);
    expect(response.statusCode).toBe(200);
    return cookie;
  }

  async function addPasskey(
    cookie: string,
    authenticator: SoftAuthenticator,
    wrappedHelplineKey: string | null = null,
  ) {
    const options = await call('POST', '/passkeys/options', cookie);
    expect(options.statusCode).toBe(200);
    const { challengeId, options: o } = options.json();
    const response = authenticator.register(o);
    return call('POST', '/passkeys', cookie, {
      challengeId,
      response,
      name: 'Work laptop',
      wrappedHelplineKey,
    });
  }

  async function passkeyLogin(
    authenticator: SoftAuthenticator,
    opts: Parameters<SoftAuthenticator['authenticate']>[2] = {},
  ) {
    const options = await call('POST', '/passkey-login/options');
    expect(options.statusCode).toBe(200);
    const { challengeId, options: o } = options.json();
    const response = authenticator.authenticate(o, undefined, opts);
    return {
      answer: await call('POST', '/passkey-login', undefined, { challengeId, response }),
      challengeId,
      response,
    };
  }

  const auditOf = (workerId: string, action: string) =>
    t.deps.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.actor, `worker:${workerId}`), eq(auditLog.action, action)));

  it('adds a passkey after a password sign-in, then signs in with it alone (audited)', async () => {
    const worker = await addWorker(t.deps.db, helpline, 'caseworker');
    const cookie = await signedIn(worker);
    const authenticator = new SoftAuthenticator(ORIGIN);
    // What the console sends when the passkey has PRF: the identity wrapped under the PRF key.
    const prfKey = randomBytes(32);
    const wrapped = Buffer.from(await wrapHelplineIdentity(helpline.identity, prfKey)).toString('base64');
    const added = await addPasskey(cookie, authenticator, wrapped);
    expect(added.statusCode).toBe(201);
    expect(added.json().passkey).toMatchObject({ name: 'Work laptop', unlocksKeys: true, lastUsedAt: null });

    const list = await call('GET', '/passkeys', cookie);
    expect(list.json()).toMatchObject({ required: false, passkeys: [{ id: added.json().passkey.id }] });
    expect(await auditOf(worker.id, 'staff.passkey.add')).toHaveLength(1);

    expect((await call('POST', '/logout', cookie)).statusCode).toBe(204);
    const { answer } = await passkeyLogin(authenticator);
    expect(answer.statusCode).toBe(200);
    const body = answer.json();
    expect(body.worker.id).toBe(worker.id);
    expect(body.passkeyWrappedKey).toBe(wrapped);
    expect(body.wrappedHelplineKey).toEqual(expect.any(String));
    expect(body.kdfSalt).toMatch(/^[0-9a-f]{32}$/);
    const me = await call('GET', '/me', cookieOf(answer));
    expect(me.statusCode).toBe(200);
    expect(me.json().worker.id).toBe(worker.id);
    const logins = await auditOf(worker.id, 'staff.login');
    expect(logins.map((r) => r.detail)).toContainEqual({
      method: 'passkey',
      passkeyId: added.json().passkey.id,
    });
    const [row] = await t.deps.db.select().from(passkeys).where(eq(passkeys.workerId, worker.id));
    expect(row?.counter).toBe(1);
    expect(row?.lastUsedAt).not.toBeNull();
  });

  it('refuses a replayed challenge and a replayed assertion with one problem+json answer', async () => {
    const worker = await addWorker(t.deps.db, helpline, 'caseworker');
    const authenticator = new SoftAuthenticator(ORIGIN);
    expect((await addPasskey(await signedIn(worker), authenticator)).statusCode).toBe(201);
    const first = await passkeyLogin(authenticator);
    expect(first.answer.statusCode).toBe(200);
    // The same answer again: its challenge was used up.
    const replay = await call('POST', '/passkey-login', undefined, {
      challengeId: first.challengeId,
      response: first.response,
    });
    expect(replay.statusCode).toBe(401);
    expect(replay.headers['content-type']).toContain('application/problem+json');
    expect(replay.json().code).toBe('staff.passkey-failed');
    expect(replay.headers['set-cookie']).toBeUndefined();
    // The old assertion with a fresh challenge id: it signed another challenge.
    const fresh = (await call('POST', '/passkey-login/options')).json();
    const moved = await call('POST', '/passkey-login', undefined, {
      challengeId: fresh.challengeId,
      response: first.response,
    });
    expect(moved.statusCode).toBe(401);
    expect(moved.json().code).toBe('staff.passkey-failed');
  });

  it('refuses a counter that did not go up (a cloned authenticator) and keeps the stored one', async () => {
    const worker = await addWorker(t.deps.db, helpline, 'caseworker');
    const authenticator = new SoftAuthenticator(ORIGIN);
    expect((await addPasskey(await signedIn(worker), authenticator)).statusCode).toBe(201);
    expect((await passkeyLogin(authenticator, { counter: 5 })).answer.statusCode).toBe(200);
    const clone = await passkeyLogin(authenticator, { counter: 5 });
    expect(clone.answer.statusCode).toBe(401);
    expect(clone.answer.json().code).toBe('staff.passkey-failed');
    const [row] = await t.deps.db.select().from(passkeys).where(eq(passkeys.workerId, worker.id));
    expect(row?.counter).toBe(5);
    expect((await passkeyLogin(authenticator, { counter: 6 })).answer.statusCode).toBe(200);
  });

  it('refuses an assertion made for another origin, without user verification, or from a disabled account', async () => {
    const worker = await addWorker(t.deps.db, helpline, 'caseworker');
    const authenticator = new SoftAuthenticator(ORIGIN);
    expect((await addPasskey(await signedIn(worker), authenticator)).statusCode).toBe(201);
    const phished = await passkeyLogin(authenticator, {
      origin: 'https://console.vangnet.test.evil.example',
    });
    expect(phished.answer.statusCode).toBe(401);
    authenticator.userVerified = false;
    expect((await passkeyLogin(authenticator)).answer.statusCode).toBe(401);
    authenticator.userVerified = true;
    expect((await passkeyLogin(authenticator)).answer.statusCode).toBe(200);
    await disableWorker(t.deps.db, worker.id, 'system');
    expect((await passkeyLogin(authenticator)).answer.json().code).toBe('staff.passkey-failed');
  });

  it('refuses a malformed registration with problem+json and stores nothing', async () => {
    const worker = await addWorker(t.deps.db, helpline, 'caseworker');
    const cookie = await signedIn(worker);
    const { challengeId, options } = (await call('POST', '/passkeys/options', cookie)).json();
    const response = new SoftAuthenticator(ORIGIN).register(options);
    const bad = await call('POST', '/passkeys', cookie, {
      challengeId,
      response: { ...response, response: { ...response.response, attestationObject: 'AAAA' } },
      name: 'x',
      wrappedHelplineKey: null,
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.headers['content-type']).toContain('application/problem+json');
    expect(bad.json().code).toBe('passkey.invalid');
    const noName = await call('POST', '/passkeys', cookie, {
      challengeId,
      response,
      name: '',
      wrappedHelplineKey: null,
    });
    expect(noName.statusCode).toBe(400);
    expect(noName.json().code).toBe('passkey.bad-name');
    expect(await t.deps.db.select().from(passkeys).where(eq(passkeys.workerId, worker.id))).toEqual([]);
  });

  it('a retried add gives back the same passkey, not a second one', async () => {
    const worker = await addWorker(t.deps.db, helpline, 'caseworker');
    const cookie = await signedIn(worker);
    const { challengeId, options } = (await call('POST', '/passkeys/options', cookie)).json();
    const response = new SoftAuthenticator(ORIGIN).register(options);
    const body = { challengeId, response, name: 'Phone', wrappedHelplineKey: null };
    const first = await call('POST', '/passkeys', cookie, body);
    const again = await call('POST', '/passkeys', cookie, body);
    expect(first.statusCode).toBe(201);
    expect(again.statusCode).toBe(200);
    expect(again.json().passkey.id).toBe(first.json().passkey.id);
    expect(await t.deps.db.select().from(passkeys).where(eq(passkeys.workerId, worker.id))).toHaveLength(1);
    expect(await auditOf(worker.id, 'staff.passkey.add')).toHaveLength(1);
  });

  it('removes only your own passkey, audited', async () => {
    const worker = await addWorker(t.deps.db, helpline, 'caseworker');
    const other = await addWorker(t.deps.db, helpline, 'caseworker');
    const cookie = await signedIn(worker);
    const otherCookie = await signedIn(other);
    const id = (await addPasskey(cookie, new SoftAuthenticator(ORIGIN))).json().passkey.id;
    const notYours = await call('DELETE', `/passkeys/${id}`, otherCookie);
    expect(notYours.statusCode).toBe(404);
    expect(notYours.json().code).toBe('passkey.not-found');
    expect((await call('DELETE', `/passkeys/${id}`, cookie)).statusCode).toBe(204);
    expect((await call('GET', '/passkeys', cookie)).json().passkeys).toEqual([]);
    expect((await auditOf(worker.id, 'staff.passkey.remove')).map((r) => r.detail)).toEqual([
      { passkeyId: id },
    ]);
  });

  it('when an administrator requires a passkey, password sign-in is refused with staff.passkey-required', async () => {
    const admin = await addWorker(t.deps.db, helpline, 'admin');
    const worker = await addWorker(t.deps.db, helpline, 'caseworker');
    const authenticator = new SoftAuthenticator(ORIGIN);
    const workerCookie = await signedIn(worker);
    const passkeyId = (await addPasskey(workerCookie, authenticator)).json().passkey.id;

    // Only administrators set the rule.
    const notAdmin = await call('PUT', `/workers/${worker.id}/passkey-policy`, workerCookie, {
      required: true,
    });
    expect(notAdmin.statusCode).toBe(403);
    const adminCookie = await signedIn(admin);
    const set = await call('PUT', `/workers/${worker.id}/passkey-policy`, adminCookie, { required: true });
    expect(set.statusCode).toBe(200);
    expect(await auditOf(admin.id, 'worker.passkey-policy')).toHaveLength(1);
    const overview = (await call('GET', '/passkey-policy', adminCookie)).json();
    expect(overview.helplineRequired).toBe(false);
    expect(overview.workers).toContainEqual({
      id: worker.id,
      email: worker.email,
      role: 'caseworker',
      disabled: false,
      required: true,
      passkeys: 1,
    });
    expect((await call('GET', '/passkey-policy', workerCookie)).statusCode).toBe(403);

    // A new 30-second step: this worker's code of the current one was used above.
    await awaitFreshTotpStep(31_000);
    const before = await t.deps.db.select().from(sessions).where(eq(sessions.workerId, worker.id));
    const { response } = await signInAs(t.app, worker);
    expect(response.statusCode).toBe(403);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.json().code).toBe('staff.passkey-required');
    expect(response.headers['set-cookie']).toBeUndefined();
    expect(await t.deps.db.select().from(sessions).where(eq(sessions.workerId, worker.id))).toHaveLength(
      before.length,
    );
    // The passkey still works, and the last one cannot be removed while it is required.
    expect((await passkeyLogin(authenticator)).answer.statusCode).toBe(200);
    const last = await call('DELETE', `/passkeys/${passkeyId}`, workerCookie);
    expect(last.statusCode).toBe(422);
    expect(last.json().code).toBe('passkey.last-required');
  });

  it('a helpline-wide rule lets a worker without a passkey sign in with the password only to add one', async () => {
    // A helpline of its own, so the rule does not reach the other tests' workers.
    const own = await addHelpline(t.deps.db, 'NL');
    const admin = await addWorker(t.deps.db, own, 'admin');
    const worker = await addWorker(t.deps.db, own, 'caseworker');
    const adminCookie = await signedIn(admin);
    expect((await call('PUT', '/helpline/passkey-policy', adminCookie, { required: true })).statusCode).toBe(
      200,
    );
    expect(await auditOf(admin.id, 'helpline.passkey-policy')).toHaveLength(1);

    await awaitFreshTotpStep();
    const { response, cookie } = await signInAs(t.app, worker);
    expect(response.statusCode).toBe(200);
    expect(response.json().mustAddPasskey).toBe(true);
    const cases = await call('GET', '/cases', cookie);
    expect(cases.statusCode).toBe(403);
    expect(cases.json().code).toBe('staff.passkey-enrolment-required');
    expect((await call('GET', '/passkeys', cookie)).json().required).toBe(true);
    const authenticator = new SoftAuthenticator(ORIGIN);
    expect((await addPasskey(cookie, authenticator)).statusCode).toBe(201);
    // Now the password is refused and the passkey gives a full session.
    await awaitFreshTotpStep(31_000);
    expect((await signInAs(t.app, worker)).response.json().code).toBe('staff.passkey-required');
    const { answer } = await passkeyLogin(authenticator);
    expect(answer.statusCode).toBe(200);
    expect((await call('GET', '/cases', cookieOf(answer))).statusCode).toBe(200);
  });
});
