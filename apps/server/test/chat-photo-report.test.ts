import { randomBytes, randomUUID } from 'node:crypto';
import { generateIdentity, open, seal, sealJson, toBase64 } from '@vangnet/crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_CHAT_PHOTO_BYTES } from '../src/chat/chat-schemas.ts';
import { ensureHelpline } from '../src/services/helpline.ts';
import { addHelpline, addWorker, signInAs, type TestHelpline } from './staff-fixtures.ts';
import { prepareReport, submit } from './support/reporter-client.ts';
import { startTestApp, type TestApp } from './support/test-app.ts';

/**
 * Issue 16, around the conversation: a photo from the child's vault travels sealed beside the chat
 * (idempotent by its id, size-limited, never plaintext) and only the counsellor who has the chat gets
 * it; the chat is told which report it became (proved by the report's own token); when the child
 * leaves, the state says so.
 */
describe('live chat: shared photos, the report it became, the child leaving', () => {
  let t: TestApp;
  let helpline: TestHelpline;
  let cookie: string;
  let otherCookie: string;
  const chatId = randomUUID();
  const childAuth = { authorization: `Bearer ${randomBytes(32).toString('hex')}` };
  let photo: Uint8Array;

  beforeAll(async () => {
    t = await startTestApp('pglite');
    helpline = await addHelpline(t.deps.db, 'NL', await ensureHelpline(t.deps.db, t.deps.pack));
    cookie = (await signInAs(t.app, await addWorker(t.deps.db, helpline, 'caseworker'))).cookie;
    otherCookie = (await signInAs(t.app, await addWorker(t.deps.db, helpline, 'caseworker'))).cookie;
    const child = await generateIdentity();
    await t.app.inject({
      method: 'POST',
      url: '/api/v1/chats',
      headers: childAuth,
      payload: { chatId, childRecipient: child.recipient, lang: 'nl' },
    });
    await t.app.inject({ method: 'POST', url: `/api/v1/staff/chats/${chatId}/take`, headers: { cookie } });
    photo = await seal(randomBytes(5000), [helpline.recipient, child.recipient]);
  });
  afterAll(async () => t?.close());

  const putPhoto = (id: string, body: Uint8Array, headers: Record<string, string> = childAuth) =>
    t.app.inject({
      method: 'PUT',
      url: `/api/v1/chats/${chatId}/photos/${id}`,
      headers: { ...headers, 'content-type': 'application/octet-stream' },
      payload: Buffer.from(body),
    });

  it('keeps a sealed photo once; a resend is the same photo, other bytes under its id are refused', async () => {
    expect((await putPhoto('ph-0000000001', photo)).statusCode).toBe(201);
    expect((await putPhoto('ph-0000000001', photo)).statusCode).toBe(200);
    const other = await putPhoto('ph-0000000001', await seal(randomBytes(10), [helpline.recipient]));
    expect(other.statusCode).toBe(409);
    expect(other.json().code).toBe('chat.photo-id-reused');
  });

  it('refuses plaintext, a photo over the limit, and a stranger', async () => {
    const plain = await putPhoto('ph-plain-0001', new TextEncoder().encode('a photo, not sealed'));
    expect(plain.statusCode).toBe(422);
    expect(plain.headers['content-type']).toContain('application/problem+json');
    const big = await putPhoto('ph-big-000001', new Uint8Array(MAX_CHAT_PHOTO_BYTES + 1));
    expect(big.statusCode).toBe(413);
    const stranger = await putPhoto('ph-0000000002', photo, {
      authorization: `Bearer ${randomBytes(32).toString('hex')}`,
    });
    expect(stranger.statusCode).toBe(404);
  });

  it('gives the sealed photo to the counsellor who has the chat, not to a colleague', async () => {
    const got = await t.app.inject({
      method: 'GET',
      url: `/api/v1/staff/chats/${chatId}/photos/ph-0000000001`,
      headers: { cookie },
    });
    expect(got.statusCode).toBe(200);
    expect(got.headers['cache-control']).toBe('no-store');
    expect(Buffer.from(got.rawPayload).equals(Buffer.from(photo))).toBe(true);
    expect((await open(new Uint8Array(got.rawPayload), [helpline.identity])).byteLength).toBe(5000);
    const colleague = await t.app.inject({
      method: 'GET',
      url: `/api/v1/staff/chats/${chatId}/photos/ph-0000000001`,
      headers: { cookie: otherCookie },
    });
    expect(colleague.statusCode).toBe(403);
    const missing = await t.app.inject({
      method: 'GET',
      url: `/api/v1/staff/chats/${chatId}/photos/ph-nothing-01`,
      headers: { cookie },
    });
    expect(missing.statusCode).toBe(404);
  });

  it('notes the report the chat became, only with that report’s own token; again is the same', async () => {
    const report = await prepareReport(t);
    const made = await submit(t, report.request);
    expect(made.statusCode).toBe(201);
    const reportId = made.json().reportId as string;
    const link = (accessToken: string) =>
      t.app.inject({
        method: 'POST',
        url: `/api/v1/chats/${chatId}/report`,
        headers: childAuth,
        payload: { accessToken },
      });
    expect((await link(randomBytes(32).toString('hex'))).statusCode).toBe(404);
    const first = await link(report.keys.accessToken);
    expect(first.statusCode).toBe(200);
    expect(first.json()).toEqual({ reportId });
    expect((await link(report.keys.accessToken)).statusCode).toBe(200);
    const another = await prepareReport(t);
    expect((await submit(t, another.request)).statusCode).toBe(201);
    const second = await link(another.keys.accessToken);
    expect(second.statusCode).toBe(409);
    expect(second.json().code).toBe('chat.already-reported');
    const queue = await t.app.inject({ method: 'GET', url: '/api/v1/staff/chats', headers: { cookie } });
    expect(queue.json().chats.find((c: { id: string }) => c.id === chatId).reportId).toBe(reportId);
  });

  it('when the child leaves, the chat ends and its state says the child left; no photo goes in after', async () => {
    const left = await t.app.inject({
      method: 'POST',
      url: `/api/v1/chats/${chatId}/leave`,
      headers: childAuth,
    });
    expect(left.json()).toEqual({ status: 'closed' });
    const state = await t.app.inject({ method: 'GET', url: `/api/v1/chats/${chatId}`, headers: childAuth });
    expect(state.json()).toMatchObject({ status: 'closed', childLeft: true });
    expect((await putPhoto('ph-0000000003', photo)).statusCode).toBe(409);
    const message = toBase64(await sealJson({ version: 1, text: 'late' }, [helpline.recipient]));
    const late = await t.app.inject({
      method: 'POST',
      url: `/api/v1/chats/${chatId}/messages`,
      headers: childAuth,
      payload: { clientId: 'late-000001', sealed: message },
    });
    expect(late.statusCode).toBe(409);
  });
});
