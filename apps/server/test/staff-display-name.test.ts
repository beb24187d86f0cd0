import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readAuditChain } from '../src/audit/append-audit.ts';
import { ensureHelpline } from '../src/services/helpline.ts';
import { addHelpline, addWorker, signInAs } from './staff-fixtures.ts';
import { databaseKinds } from './support/databases.ts';
import { startTestApp, type TestApp } from './support/test-app.ts';

describe.each(databaseKinds())('a worker’s display name on %s', (kind) => {
  let t: TestApp;
  let cookie: string;
  let workerId: string;

  beforeAll(async () => {
    t = await startTestApp(kind);
    const helpline = await addHelpline(t.deps.db, 'NL', await ensureHelpline(t.deps.db, t.deps.pack));
    const worker = await addWorker(t.deps.db, helpline, 'caseworker');
    workerId = worker.id;
    cookie = (await signInAs(t.app, worker)).cookie;
  });
  afterAll(async () => t?.close());

  const put = (payload: unknown, headers: Record<string, string> = { cookie }) =>
    t.app.inject({
      method: 'PUT',
      url: '/api/v1/staff/me/display-name',
      headers,
      payload: payload as object,
    });
  const me = () => t.app.inject({ method: 'GET', url: '/api/v1/staff/me', headers: { cookie } });

  it('starts empty, is set by the worker, shows in /me and is audited without the name', async () => {
    expect((await me()).json().worker.displayName ?? null).toBeNull();
    const set = await put({ displayName: '  Anna-Lies ' });
    expect(set.statusCode).toBe(200);
    expect(set.json().worker.displayName).toBe('Anna-Lies');
    expect((await me()).json().worker.displayName).toBe('Anna-Lies');
    const audit = (await readAuditChain(t.deps.db)).filter(
      (r) => r.action === 'worker.display-name' && r.actor === `worker:${workerId}`,
    );
    expect(audit).toHaveLength(1);
    expect(JSON.stringify(audit)).not.toContain('Anna-Lies');
    // The same name again changes nothing and adds no audit record.
    await put({ displayName: 'Anna-Lies' });
    expect(
      (await readAuditChain(t.deps.db)).filter(
        (r) => r.action === 'worker.display-name' && r.actor === `worker:${workerId}`,
      ),
    ).toHaveLength(1);
  });

  it.each([
    [{ displayName: '' }],
    [{ displayName: 'anna@helpline.example' }],
    [{ displayName: 'x'.repeat(61) }],
    [{}],
  ])('refuses %j with problem+json and keeps the name', async (body) => {
    const r = await put(body);
    expect(r.statusCode).toBe(400);
    expect(r.headers['content-type']).toContain('application/problem+json');
    expect(r.json().code).toBe('staff.display-name-invalid');
    expect((await me()).json().worker.displayName).toBe('Anna-Lies');
  });

  it('needs a session', async () => {
    const r = await put({ displayName: 'Mallory' }, {});
    expect(r.statusCode).toBe(401);
  });
});
