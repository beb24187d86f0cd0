import { randomBytes, randomUUID } from 'node:crypto';
import { fromBase64, generateIdentity, openJson, sealJson, toBase64 } from '@vangnet/crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.ts';
import { auditLog, chatMessages } from '../src/db/schema/index.ts';
import { ensureHelpline } from '../src/services/helpline.ts';
import { addHelpline, addWorker, signInAs, type TestHelpline } from './staff-fixtures.ts';
import { databaseKinds } from './support/databases.ts';
import { openSse, type SseStream } from './support/sse-client.ts';
import { startTestApp, type TestApp } from './support/test-app.ts';

type Message = { seq: number; clientId: string; author: 'child' | 'counsellor'; sealed: string };

/**
 * Issue 16, the relay: a child starts a chat without a report, a counsellor takes it, sealed messages
 * go both ways in one server order, a resend never doubles, and a stream that drops (or a server that
 * restarts) resumes after the last sequence number it saw, with nothing lost and nothing twice.
 */
describe.each(databaseKinds())('live chat relay on %s', (kind) => {
  let t: TestApp;
  let helpline: TestHelpline;
  let cookie: string;
  let otherCookie: string;
  let child: Awaited<ReturnType<typeof generateIdentity>>;
  const chatId = randomUUID();
  const token = randomBytes(32).toString('hex');
  const childAuth = { authorization: `Bearer ${token}` };

  beforeAll(async () => {
    t = await startTestApp(kind);
    helpline = await addHelpline(t.deps.db, 'NL', await ensureHelpline(t.deps.db, t.deps.pack));
    cookie = (await signInAs(t.app, await addWorker(t.deps.db, helpline, 'caseworker'))).cookie;
    otherCookie = (await signInAs(t.app, await addWorker(t.deps.db, helpline, 'caseworker'))).cookie;
    child = await generateIdentity();
  });
  afterAll(async () => t?.close());

  const sealFor = async (text: string) =>
    toBase64(await sealJson({ version: 1, text }, [helpline.recipient, child.recipient]));
  const childSend = (clientId: string, sealed: string) =>
    t.app.inject({
      method: 'POST',
      url: `/api/v1/chats/${chatId}/messages`,
      headers: childAuth,
      payload: { clientId, sealed },
    });
  const staffSend = (clientId: string, sealed: string, who = cookie) =>
    t.app.inject({
      method: 'POST',
      url: `/api/v1/staff/chats/${chatId}/messages`,
      headers: { cookie: who },
      payload: { clientId, sealed },
    });
  const textOf = async (m: { sealed: string }) =>
    (await openJson<{ text: string }>(fromBase64(m.sealed) as never, [helpline.identity])).text;

  it('starts a chat with no report; a retry is the same chat and another token finds nothing', async () => {
    const start = () =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/chats',
        headers: childAuth,
        payload: { chatId, childRecipient: child.recipient, lang: 'nl', ageBand: '13-15' },
      });
    const first = await start();
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({ status: 'waiting', answered: false, position: 1 });
    expect((await start()).statusCode).toBe(200);
    const stranger = await t.app.inject({
      method: 'GET',
      url: `/api/v1/chats/${chatId}`,
      headers: { authorization: `Bearer ${randomBytes(32).toString('hex')}` },
    });
    expect(stranger.statusCode).toBe(404);
    expect(stranger.headers['content-type']).toContain('application/problem+json');
  });

  it('shows the chat in the queue with clear metadata only; one counsellor takes it, audited', async () => {
    const queue = await t.app.inject({ method: 'GET', url: '/api/v1/staff/chats', headers: { cookie } });
    expect(queue.statusCode).toBe(200);
    const listed = queue.json().chats.find((c: { id: string }) => c.id === chatId);
    expect(listed).toMatchObject({ status: 'waiting', lang: 'nl', ageBand: '13-15', urgent: false });
    const take = await t.app.inject({
      method: 'POST',
      url: `/api/v1/staff/chats/${chatId}/take`,
      headers: { cookie },
    });
    expect(take.statusCode).toBe(200);
    const late = await t.app.inject({
      method: 'POST',
      url: `/api/v1/staff/chats/${chatId}/take`,
      headers: { cookie: otherCookie },
    });
    expect(late.statusCode).toBe(409);
    expect(late.json().code).toBe('chat.already-taken');
    // The colleague cannot read or write in it either.
    expect((await staffSend('x-colleague-1', await sealFor('no'), otherCookie)).statusCode).toBe(403);
    const audit = await t.deps.db.select().from(auditLog).where(eq(auditLog.action, 'chat.take'));
    expect(audit.map((a) => a.detail)).toEqual([{ chatId }]);
  });

  it('refuses plaintext and stores nothing', async () => {
    const res = await childSend(
      'plain-0001',
      Buffer.from('hello there, not sealed at all').toString('base64'),
    );
    expect(res.statusCode).toBe(422);
    expect(await t.deps.db.select().from(chatMessages)).toHaveLength(0);
  });

  it('orders messages from both sides by one server sequence; a resend is the same message', async () => {
    const sends = [];
    for (let i = 0; i < 10; i++) {
      sends.push(childSend(`child-${i}-aaaa`, await sealFor(`child ${i}`)));
      sends.push(staffSend(`staff-${i}-aaaa`, await sealFor(`staff ${i}`)));
    }
    const answers = await Promise.all(sends);
    expect(answers.every((a) => a.statusCode === 201)).toBe(true);
    const seqs = answers.map((a) => a.json().seq as number).sort((a, b) => a - b);
    expect(seqs).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    const first = answers[0]!.json() as Message;
    const again = await childSend(first.clientId, first.sealed);
    expect(again.statusCode).toBe(200);
    expect(again.json().seq).toBe(first.seq);
    const reused = await childSend(first.clientId, await sealFor('something else'));
    expect(reused.statusCode).toBe(409);
    expect(await t.deps.db.select().from(chatMessages)).toHaveLength(20);
  });

  it('streams the backlog and live messages, and resumes after a drop without loss or doubles', async () => {
    const events = `${t.url}/api/v1/chats/${chatId}/events`;
    const messagesOf = (s: SseStream) =>
      s.events.filter((e) => e.event === 'message').map((e) => JSON.parse(e.data) as Message);
    const first = await openSse(events, childAuth);
    await expect.poll(() => messagesOf(first).length).toBe(20);
    const live = await staffSend('staff-live-1', await sealFor('live one'));
    expect(live.statusCode).toBe(201);
    await expect.poll(() => messagesOf(first).at(-1)?.clientId, { timeout: 1000 }).toBe('staff-live-1');
    const lastSeen = messagesOf(first).at(-1)!.seq;
    first.close();
    // While the child is away: two replies.
    await staffSend('staff-away-1', await sealFor('away one'));
    await staffSend('staff-away-2', await sealFor('away two'));
    const second = await openSse(events, { ...childAuth, 'last-event-id': String(lastSeen) });
    await expect
      .poll(() => messagesOf(second).map((m) => m.clientId))
      .toEqual(['staff-away-1', 'staff-away-2']);
    expect(await textOf(messagesOf(second)[1]!)).toBe('away two');
    second.close();
  });

  it('survives a server restart: streams end, and resume on the new process from the last sequence', async () => {
    const port = new URL(t.url).port;
    const events = `${t.url}/api/v1/chats/${chatId}/events`;
    const staffEvents = `${t.url}/api/v1/staff/chats/${chatId}/events`;
    const childStream = await openSse(events, childAuth);
    const staffStream = await openSse(staffEvents, { cookie });
    const seqs = (s: SseStream) => s.events.filter((e) => e.event === 'message').map((e) => Number(e.id));
    await expect.poll(() => seqs(childStream).length).toBe(23);
    await expect.poll(() => seqs(staffStream).length).toBe(23);
    await t.app.close();
    await childStream.ended;
    await staffStream.ended;
    t.app = await buildApp(t.deps);
    await t.app.listen({ port: Number(port), host: '127.0.0.1' });
    // The child resends one it was not sure of (the same clientId) and sends one new.
    expect((await childSend('child-0-aaaa', messagesOf(childStream, 'child-0-aaaa').sealed)).statusCode).toBe(
      200,
    );
    expect((await childSend('child-after-restart', await sealFor('after restart'))).statusCode).toBe(201);
    const resumed = await openSse(staffEvents, { cookie, 'last-event-id': String(seqs(staffStream).at(-1)) });
    await expect.poll(() => seqs(resumed)).toEqual([24]);
    const all = [...seqs(staffStream), ...seqs(resumed)];
    expect(all).toEqual(Array.from({ length: 24 }, (_, i) => i + 1));
    resumed.close();
  });

  it('hands the chat with its history to a colleague (audited); the colleague reads it all, the first no longer can', async () => {
    const list = await t.app.inject({
      method: 'GET',
      url: '/api/v1/staff/chats/colleagues',
      headers: { cookie },
    });
    expect(list.statusCode).toBe(200);
    const [colleague] = list.json().colleagues as { id: string; name: string | null; role: string }[];
    expect(colleague).toMatchObject({ role: 'caseworker' });
    const transfer = await t.app.inject({
      method: 'POST',
      url: `/api/v1/staff/chats/${chatId}/transfer`,
      headers: { cookie },
      payload: { to: colleague!.id },
    });
    expect(transfer.statusCode).toBe(200);
    expect((await staffSend('staff-after-handover', await sealFor('no longer mine'))).statusCode).toBe(403);
    const history = await openSse(`${t.url}/api/v1/staff/chats/${chatId}/events`, { cookie: otherCookie });
    await expect.poll(() => history.events.filter((e) => e.event === 'message').length).toBe(24);
    history.close();
    const audit = await t.deps.db.select().from(auditLog).where(eq(auditLog.action, 'chat.transfer'));
    expect(audit).toHaveLength(1);
    cookie = otherCookie;
  });

  it('closes with an outcome code, audited; nothing more can be sent', async () => {
    const close = await t.app.inject({
      method: 'POST',
      url: `/api/v1/staff/chats/${chatId}/close`,
      headers: { cookie },
      payload: { outcome: 'listened' },
    });
    expect(close.statusCode).toBe(200);
    const after = await childSend('child-too-late', await sealFor('too late'));
    expect(after.statusCode).toBe(409);
    expect(after.json().code).toBe('chat.closed');
    const audit = await t.deps.db.select().from(auditLog).where(eq(auditLog.action, 'chat.close'));
    expect(audit.map((a) => a.detail)).toEqual([{ chatId, outcome: 'listened' }]);
  });
});

function messagesOf(stream: SseStream, clientId: string): Message {
  const found = stream.events
    .filter((e) => e.event === 'message')
    .map((e) => JSON.parse(e.data) as Message)
    .find((m) => m.clientId === clientId);
  if (!found) throw new Error(`no message ${clientId}`);
  return found;
}
