import * as crypto from '@vangnet/crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { personalKeyEnrolment, rotationRequest } from '../../console/src/lib/helpline-keys.ts';
import { helplineRecipients, workers } from '../src/db/schema/index.ts';
import { ensureHelpline } from '../src/services/helpline.ts';
import { addHelpline, addWorker, signInAs, type TestHelpline } from './staff-fixtures.ts';
import { databaseKinds } from './support/databases.ts';
import { startTestApp, type TestApp } from './support/test-app.ts';

// The refusals of a key rotation (the whole ceremony runs in e2e/report-key-rotation.test.ts): each is a
// translatable problem and changes nothing.
describe.each(databaseKinds())('helpline key rotation on %s', (kind) => {
  let t: TestApp;
  let helpline: TestHelpline;
  let admin: { id: string; cookie: string };
  let worker: { id: string; cookie: string; unwrapKey: Uint8Array };

  beforeAll(async () => {
    t = await startTestApp(kind);
    helpline = await addHelpline(t.deps.db, 'NL', await ensureHelpline(t.deps.db, t.deps.pack));
    const a = await addWorker(t.deps.db, helpline, 'admin');
    admin = { id: a.id, cookie: (await signInAs(t.app, a)).cookie };
    const w = await addWorker(t.deps.db, helpline, 'caseworker');
    const signed = await signInAs(t.app, w);
    worker = { id: w.id, cookie: signed.cookie, unwrapKey: signed.secrets.unwrapKey };
  });
  afterAll(async () => t?.close());

  const post = (url: string, cookie: string, payload: object) =>
    t.app.inject({ method: 'POST', url: `/api/v1/staff${url}`, headers: { cookie }, payload });
  const state = async () =>
    (await t.app.inject({ url: '/api/v1/staff/helpline-key', headers: { cookie: admin.cookie } })).json() as {
      workers: { id: string; personalRecipient: string | null }[];
    };
  const activeRecipients = async () =>
    (await t.deps.db.select().from(helplineRecipients).where(eq(helplineRecipients.helplineId, helpline.id)))
      .filter((r) => r.retiredAt === null)
      .map((r) => r.recipient);

  it('refuses while a worker who stays has no personal key, and keeps the recipient', async () => {
    const request = await rotationRequest(crypto, {
      helpline: [helpline.identity],
      workers: (await state()).workers,
      remove: [],
    });
    const res = await post('/helpline-key/rotate', admin.cookie, request.body);
    expect(res.statusCode).toBe(422);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json().code).toBe('key-rotation.not-enrolled');
    expect(await activeRecipients()).toEqual([helpline.recipient]);
  });

  it('names a personal key once; a second one is refused', async () => {
    const first = await personalKeyEnrolment(crypto, [helpline.identity], worker.unwrapKey);
    expect((await post('/me/personal-key', worker.cookie, first.body)).statusCode).toBe(201);
    const again = await personalKeyEnrolment(crypto, [helpline.identity], worker.unwrapKey);
    const res = await post('/me/personal-key', worker.cookie, again.body);
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('key-rotation.already-enrolled');
    const [row] = await t.deps.db.select().from(workers).where(eq(workers.id, worker.id));
    expect(row!.personalRecipient).toBe(first.body.recipient);
    expect(
      (
        await post('/me/personal-key', worker.cookie, { recipient: 'nope', wrappedHelplineKey: 'AA==' })
      ).json().code,
    ).toBe('key-rotation.bad-recipient');
  });

  it('refuses to remove the administrator who rotates, and a caseworker may not rotate', async () => {
    const request = await rotationRequest(crypto, {
      helpline: [helpline.identity],
      workers: (await state()).workers,
      remove: [admin.id],
    });
    const res = await post('/helpline-key/rotate', admin.cookie, request.body);
    expect(res.json().code).toBe('key-rotation.remove-self');
    expect((await post('/helpline-key/rotate', worker.cookie, request.body)).statusCode).toBe(403);
    expect(await activeRecipients()).toEqual([helpline.recipient]);
  });
});
