import { randomBytes, randomUUID } from 'node:crypto';
import { generateIdentity } from '@vangnet/crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CAPACITY_PER_COUNSELLOR } from '../src/chat/chat-capacity.ts';
import { ensureHelpline } from '../src/services/helpline.ts';
import { addHelpline, addWorker, signInAs, type TestHelpline } from './staff-fixtures.ts';
import { databaseKinds } from './support/databases.ts';
import { startTestApp, type TestApp } from './support/test-app.ts';

/**
 * Issue 16: live capacity. The child sees how many wait and whether the queue is full (nobody online,
 * or every counsellor holds as many chats as the pack allows); a counsellor cannot take more than that;
 * supervisors get the figures (wait median and p90, answered vs abandoned) from clear metadata.
 */
describe.each(databaseKinds())('live chat capacity and figures on %s', (kind) => {
  let t: TestApp;
  let helpline: TestHelpline;
  let cookie: string;
  let supervisorCookie: string;
  let recipient: string;

  beforeAll(async () => {
    t = await startTestApp(kind);
    helpline = await addHelpline(t.deps.db, 'NL', await ensureHelpline(t.deps.db, t.deps.pack));
    cookie = (await signInAs(t.app, await addWorker(t.deps.db, helpline, 'caseworker'))).cookie;
    supervisorCookie = (await signInAs(t.app, await addWorker(t.deps.db, helpline, 'supervisor'))).cookie;
    recipient = (await generateIdentity()).recipient;
  });
  afterAll(async () => t?.close());

  const startChat = async () => {
    const chatId = randomUUID();
    const token = randomBytes(32).toString('hex');
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/chats',
      headers: { authorization: `Bearer ${token}` },
      payload: { chatId, childRecipient: recipient, lang: 'nl' },
    });
    expect(res.statusCode).toBe(201);
    return { chatId, token, position: res.json().position as number };
  };
  const availability = async () =>
    (await t.app.inject({ method: 'GET', url: '/api/v1/chats/availability' })).json();

  it('with nobody online the queue is full and no wait is promised', async () => {
    expect(await availability()).toEqual({
      waiting: 0,
      counsellorsOnline: 0,
      full: true,
      expectedWaitMinutes: null,
    });
  });

  it('a counsellor with the queue open is online; waiting children get their place in line', async () => {
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/v1/staff/chats', headers: { cookie } })).statusCode,
    ).toBe(200);
    expect(await availability()).toMatchObject({ waiting: 0, counsellorsOnline: 1, full: false });
    const first = await startChat();
    const second = await startChat();
    expect([first.position, second.position]).toEqual([1, 2]);
    expect(await availability()).toMatchObject({ waiting: 2, full: false });
  });

  it('a counsellor takes chats up to the capacity, then the queue is full and a further take is refused', async () => {
    const queue = (
      await t.app.inject({ method: 'GET', url: '/api/v1/staff/chats', headers: { cookie } })
    ).json();
    const ids: string[] = queue.chats.map((c: { id: string }) => c.id);
    while (ids.length < DEFAULT_CAPACITY_PER_COUNSELLOR + 1) ids.push((await startChat()).chatId);
    for (const id of ids.slice(0, DEFAULT_CAPACITY_PER_COUNSELLOR)) {
      const take = await t.app.inject({
        method: 'POST',
        url: `/api/v1/staff/chats/${id}/take`,
        headers: { cookie },
      });
      expect(take.statusCode).toBe(200);
    }
    const over = await t.app.inject({
      method: 'POST',
      url: `/api/v1/staff/chats/${ids[DEFAULT_CAPACITY_PER_COUNSELLOR]}/take`,
      headers: { cookie },
    });
    expect(over.statusCode).toBe(409);
    expect(over.json().code).toBe('chat.at-capacity');
    expect(await availability()).toMatchObject({ waiting: 1, counsellorsOnline: 1, full: true });
  });

  it('a child who leaves before an answer counts as abandoned; supervisors see the figures, caseworkers do not', async () => {
    const left = await startChat();
    const leave = await t.app.inject({
      method: 'POST',
      url: `/api/v1/chats/${left.chatId}/leave`,
      headers: { authorization: `Bearer ${left.token}` },
    });
    expect(leave.json()).toEqual({ status: 'abandoned' });
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/v1/staff/chats/figures', headers: { cookie } }))
        .statusCode,
    ).toBe(403);
    const figures = await t.app.inject({
      method: 'GET',
      url: '/api/v1/staff/chats/figures',
      headers: { cookie: supervisorCookie },
    });
    expect(figures.statusCode).toBe(200);
    expect(figures.json()).toMatchObject({
      answered: DEFAULT_CAPACITY_PER_COUNSELLOR,
      abandoned: 1,
      live: { waiting: 1, active: DEFAULT_CAPACITY_PER_COUNSELLOR },
    });
    expect(figures.json().waitMedian).toEqual(expect.any(Number));
    expect(figures.json().waitP90).toBeGreaterThanOrEqual(figures.json().waitMedian);
  });
});
