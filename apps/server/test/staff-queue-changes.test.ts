import { eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reports } from '../src/db/schema/index.ts';
import { ensureHelpline } from '../src/services/helpline.ts';
import { addHelpline, addVisibleReport, addWorker, signInAs, type TestHelpline } from './staff-fixtures.ts';
import { databaseKinds } from './support/databases.ts';
import { startTestApp, type TestApp } from './support/test-app.ts';

/**
 * Issue 15: the console's queue is sorted and paged by the server in the console's own order, and a
 * poll asks only for the cases that changed since its last look, so an idle poll is one tiny answer.
 */
type Page = {
  cases: { id: string; status: string; assignee: string | null }[];
  nextCursor: string | null;
  changeCursor: string;
};

describe.each(databaseKinds())('the queue in the console order, and its changes, on %s', (kind) => {
  let t: TestApp;
  let helpline: TestHelpline;
  let cookie: string;
  let otherCookie: string;

  beforeAll(async () => {
    t = await startTestApp(kind);
    helpline = await addHelpline(t.deps.db, 'NL', await ensureHelpline(t.deps.db, t.deps.pack));
    cookie = (await signInAs(t.app, await addWorker(t.deps.db, helpline, 'caseworker'))).cookie;
    const elsewhere = await addHelpline(t.deps.db, 'BE', 'other-helpline');
    otherCookie = (await signInAs(t.app, await addWorker(t.deps.db, elsewhere, 'caseworker'))).cookie;
  });
  afterAll(async () => t?.close());

  const get = async (url: string, c = cookie) => {
    const res = await t.app.inject({ method: 'GET', url, headers: { cookie: c } });
    return { status: res.statusCode, body: res.json() as Page & { code?: string }, bytes: res.body.length };
  };
  const newCase = (options: Parameters<typeof addVisibleReport>[3] = {}) =>
    addVisibleReport(t.deps.db, t.deps.blobs, helpline, options);

  it('order=queue: unread first, then waiting for contact (urgent first), then contacted, oldest first; pages without gaps', async () => {
    const minute = 60_000;
    const base = Date.now() - 600 * minute;
    const at = (m: number) => new Date(base + m * minute);
    const contactedOld = await newCase({ visibleAt: at(0), status: 'contacted' });
    const waitingOld = await newCase({ visibleAt: at(1) });
    const waitingNew = await newCase({ visibleAt: at(5) });
    const urgentNew = await newCase({ visibleAt: at(9), flags: { danger: true } });
    const unreadLate = await newCase({ visibleAt: at(20), status: 'in-progress' });
    const metNew = await newCase({ visibleAt: at(2) });
    await t.deps.db
      .update(reports)
      .set({ reporterUnreadAt: new Date() })
      .where(eq(reports.id, unreadLate.id));
    await t.deps.db.update(reports).set({ firstContactAt: new Date() }).where(eq(reports.id, metNew.id));

    const expected = [unreadLate, urgentNew, waitingOld, waitingNew, contactedOld, metNew].map((r) => r.id);
    const all = await get('/api/v1/staff/cases?order=queue&limit=100');
    expect(all.status).toBe(200);
    expect(all.body.cases.map((c) => c.id)).toEqual(expected);

    const paged: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await get(
        `/api/v1/staff/cases?order=queue&limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      );
      expect(page.status).toBe(200);
      paged.push(...page.body.cases.map((c) => c.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(paged).toEqual(expected);

    // A cursor made for the default order is not one for the queue order.
    const urgentCursor = (await get('/api/v1/staff/cases?limit=1')).body.nextCursor!;
    const mixed = await get(`/api/v1/staff/cases?order=queue&cursor=${encodeURIComponent(urgentCursor)}`);
    expect(mixed.status).toBe(400);
    expect(mixed.body.code).toBe('request.invalid-cursor');
    await t.deps.db.update(reports).set({ status: 'closed' }).where(inArray(reports.id, expected));
  });

  it('since: an idle poll is empty and keeps the cursor; a change, a closed case and a new case come back once', async () => {
    const a = await newCase();
    const b = await newCase();
    const first = await get('/api/v1/staff/cases?order=queue&limit=500');
    const cursor = first.body.changeCursor;
    expect(cursor).toMatch(/^\d+$/);

    const idle = await get(`/api/v1/staff/cases?since=${cursor}`);
    expect(idle.status).toBe(200);
    expect(idle.body).toEqual({ cases: [], nextCursor: null, changeCursor: cursor });
    expect(idle.bytes).toBeLessThan(100);

    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: `/api/v1/staff/cases/${a.id}/take`,
          headers: { cookie },
          payload: {},
        })
      ).statusCode,
    ).toBeLessThan(300);
    await t.deps.db.update(reports).set({ status: 'closed' }).where(eq(reports.id, b.id));
    const c = await newCase();
    const changed = await get(`/api/v1/staff/cases?since=${cursor}`);
    const byId = new Map(changed.body.cases.map((x) => [x.id, x]));
    expect([...byId.keys()].sort()).toEqual([a.id, b.id, c.id].sort());
    expect(byId.get(a.id)?.assignee).not.toBeNull();
    expect(byId.get(b.id)?.status).toBe('closed');
    expect(BigInt(changed.body.changeCursor)).toBeGreaterThan(BigInt(cursor));

    // Seen once: the next poll from the new cursor is idle again.
    const again = await get(`/api/v1/staff/cases?since=${changed.body.changeCursor}`);
    expect(again.body.cases).toEqual([]);

    // A full answer continues where it stopped, so nothing is skipped.
    const seen: string[] = [];
    let since = cursor;
    for (let i = 0; i < 5; i++) {
      const page = await get(`/api/v1/staff/cases?since=${since}&limit=1`);
      seen.push(...page.body.cases.map((x) => x.id));
      since = page.body.changeCursor;
      if (page.body.cases.length === 0) break;
    }
    expect([...new Set(seen)].sort()).toEqual([a.id, b.id, c.id].sort());

    // Another helpline sees none of these changes.
    expect((await get(`/api/v1/staff/cases?since=0`, otherCookie)).body.cases).toEqual([]);
    await t.deps.db
      .update(reports)
      .set({ status: 'closed' })
      .where(inArray(reports.id, [a.id, c.id]));
  });

  it('refuses a since that is not a change cursor, changing nothing', async () => {
    for (const bad of ['-1', 'abc', '99999999999999999999', '1.5']) {
      const res = await get(`/api/v1/staff/cases?since=${encodeURIComponent(bad)}`);
      expect(res.status).toBe(400);
    }
  });
});
