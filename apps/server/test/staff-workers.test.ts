import { randomBytes } from 'node:crypto';
import {
  type AgeIdentity,
  deriveWorkerSecrets,
  toBase64,
  toHex,
  unwrapHelplineIdentity,
  wrapHelplineIdentity,
} from '@vangnet/crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readAuditChain } from '../src/audit/append-audit.ts';
import { workers } from '../src/db/schema/index.ts';
import { ensureHelpline } from '../src/services/helpline.ts';
import { generateTotpSecret } from '../src/staff/totp.ts';
import { addHelpline, addWorker, signInAs, type TestHelpline } from './staff-fixtures.ts';
import { databaseKinds } from './support/databases.ts';
import { startTestApp, type TestApp } from './support/test-app.ts';

describe.each(databaseKinds())('worker accounts on %s', (kind) => {
  let t: TestApp;
  let helpline: TestHelpline;
  let adminCookie: string;
  /** The helpline identity as the admin's browser holds it after sign-in. */
  let adminIdentity: AgeIdentity;

  beforeAll(async () => {
    t = await startTestApp(kind);
    helpline = await addHelpline(t.deps.db, 'NL', await ensureHelpline(t.deps.db, t.deps.pack));
    const signedIn = await signInAs(t.app, await addWorker(t.deps.db, helpline, 'admin'));
    adminCookie = signedIn.cookie;
    adminIdentity = await unwrapHelplineIdentity(
      Buffer.from(signedIn.response.json().wrappedHelplineKey, 'base64'),
      signedIn.secrets.unwrapKey,
    );
  });
  afterAll(async () => t?.close());

  /** What the admin's browser sends: keys derived from the new worker's first password, never the password. */
  async function newWorkerBody(email: string, password: string, role = 'caseworker') {
    const kdfSalt = toHex(randomBytes(16));
    const { authKey, unwrapKey } = await deriveWorkerSecrets(password, kdfSalt);
    return {
      email,
      role,
      kdfSalt,
      authKey,
      totpSecret: generateTotpSecret(),
      wrappedHelplineKey: toBase64(await wrapHelplineIdentity(adminIdentity, unwrapKey)),
    };
  }

  const addViaApi = (body: object, cookie = adminCookie) =>
    t.app.inject({ method: 'POST', url: '/api/v1/staff/workers', headers: { cookie }, payload: body });

  it('lets an admin add a worker who can then sign in and unwrap the helpline key', async () => {
    const password = 'first password, changed later';
    const body = await newWorkerBody('New.Worker@NL.example', password);
    const created = await addViaApi(body);
    expect(created.statusCode).toBe(201);
    expect(created.json().worker).toMatchObject({
      email: 'new.worker@nl.example',
      role: 'caseworker',
      helplineId: helpline.id,
    });
    // Neither the password nor the authKey is stored as such.
    const [row] = await t.deps.db.select().from(workers).where(eq(workers.id, created.json().worker.id));
    expect(JSON.stringify(row)).not.toContain(body.authKey);
    expect(JSON.stringify(row)).not.toContain(password);

    const { response, secrets } = await signInAs(t.app, {
      email: 'new.worker@nl.example',
      password,
      totpSecret: body.totpSecret,
    });
    expect(response.statusCode).toBe(200);
    const identity = await unwrapHelplineIdentity(
      Buffer.from(response.json().wrappedHelplineKey, 'base64'),
      secrets.unwrapKey,
    );
    expect(identity).toBe(helpline.identity);

    const audit = await readAuditChain(t.deps.db);
    const record = audit.find(
      (r) => r.action === 'worker.create' && r.detail.workerId === created.json().worker.id,
    );
    expect(record?.detail).toEqual({ workerId: created.json().worker.id, role: 'caseworker' });
    expect(JSON.stringify(audit)).not.toContain('new.worker@nl.example');
  });

  it('refuses a taken e-mail, an unknown role, a bad TOTP secret and non-admins', async () => {
    const body = await newWorkerBody(`dup-${randomBytes(3).toString('hex')}@nl.example`, 'pw');
    expect((await addViaApi(body)).statusCode).toBe(201);
    const again = await addViaApi(body);
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('worker.email-taken');
    const role = await addViaApi({ ...body, email: 'r@nl.example', role: 'superuser' });
    expect(role.statusCode).toBe(400);
    expect(role.json().code).toBe('worker.unknown-role');
    const totp = await addViaApi({ ...body, email: 't@nl.example', totpSecret: 'short' });
    expect(totp.json().code).toBe('worker.bad-totp-secret');
    for (const r of ['caseworker', 'supervisor', 'analyst'] as const) {
      const { cookie } = await signInAs(t.app, await addWorker(t.deps.db, helpline, r));
      const refused = await addViaApi({ ...body, email: `${r}-made@nl.example` }, cookie);
      expect(refused.statusCode, r).toBe(403);
    }
    expect((await addViaApi({ ...body, email: 'x@nl.example' }, '')).statusCode).toBe(401);
  });

  it('disables workers of its own helpline only, and never itself', async () => {
    const other = await addWorker(t.deps.db, await addHelpline(t.deps.db, 'BE-VL'), 'caseworker');
    const disable = (id: string) =>
      t.app.inject({
        method: 'POST',
        url: `/api/v1/staff/workers/${id}/disable`,
        headers: { cookie: adminCookie },
      });
    expect((await disable(other.id)).statusCode).toBe(404);
    const me = (
      await t.app.inject({ method: 'GET', url: '/api/v1/staff/me', headers: { cookie: adminCookie } })
    ).json();
    expect((await disable(me.worker.id)).json().code).toBe('worker.cannot-disable-self');
    const colleague = await addWorker(t.deps.db, helpline, 'caseworker');
    expect((await disable(colleague.id)).statusCode).toBe(200);
    expect((await signInAs(t.app, colleague)).response.statusCode).toBe(401);
  });
});
