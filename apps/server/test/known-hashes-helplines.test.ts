import { createHash, randomBytes } from 'node:crypto';
import type { ReportHash } from '@vangnet/core';
import { asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { knownHashes, knownHashLists } from '../src/db/schema/index.ts';
import { ensureHelpline } from '../src/services/helpline.ts';
import { addHelpline, addWorker, signInAs, type TestHelpline } from './staff-fixtures.ts';
import { databaseKinds } from './support/databases.ts';
import { prepareReport, submit } from './support/reporter-client.ts';
import { startTestApp, type TestApp } from './support/test-app.ts';

/**
 * Issue 9: an administrator of another helpline on the same server could import "a new version" of
 * this helpline's known-hash list (201, `replaced: <our list>`), so switch off or poison its matching,
 * and could list its lists. Lists belong to one helpline now: helpline B's administrator sees only B's
 * lists, an import by B makes a list of B's, and A's lists, rows and matching stay as they were.
 */
const hex = (bytes: number) => randomBytes(bytes).toString('hex');

describe.each(databaseKinds())('known-hash lists per helpline on %s', (kind) => {
  let t: TestApp;
  let home: TestHelpline;
  let cookieA: string;
  let cookieB: string;
  let listA: string;
  const picture = randomBytes(64);
  const known: ReportHash = {
    kind: 'image',
    md5: createHash('md5').update(picture).digest('hex'),
    sha256: createHash('sha256').update(picture).digest('hex'),
  };

  beforeAll(async () => {
    t = await startTestApp(kind);
    home = await addHelpline(t.deps.db, 'NL', await ensureHelpline(t.deps.db, t.deps.pack));
    // Another helpline on the same server and in the same country: the hardest case to tell apart.
    const other = await addHelpline(t.deps.db, 'NL');
    cookieA = (await signInAs(t.app, await addWorker(t.deps.db, home, 'admin'))).cookie;
    cookieB = (await signInAs(t.app, await addWorker(t.deps.db, other, 'admin'))).cookie;
  });
  afterAll(async () => t?.close());

  const importList = (cookie: string, csv: string) =>
    t.app.inject({
      method: 'POST',
      url: '/api/v1/staff/known-hash-lists?source=hotline',
      headers: { cookie, 'content-type': 'text/csv' },
      payload: csv,
    });
  const lists = (cookie: string) =>
    t.app.inject({ method: 'GET', url: '/api/v1/staff/known-hash-lists', headers: { cookie } });
  const matchesOfNewReport = async () => {
    const prepared = await prepareReport(t, {
      metadata: { category: 'image-abuse', hashes: [known] },
    });
    const answer = await submit(t, prepared.request);
    expect(answer.statusCode, answer.body).toBe(201);
    const reportId = answer.json().reportId as string;
    const matches = await t.app.inject({
      url: `/api/v1/staff/cases/${reportId}/hash-matches`,
      headers: { cookie: cookieA },
    });
    return matches.json().matches as { listId: string }[];
  };
  const snapshot = async () => ({
    lists: await t.deps.db.select().from(knownHashLists).where(eq(knownHashLists.id, listA)),
    hashes: await t.deps.db
      .select()
      .from(knownHashes)
      .where(eq(knownHashes.listId, listA))
      .orderBy(asc(knownHashes.line)),
  });

  it("another helpline's administrator can neither list nor replace this helpline's list", async () => {
    const imported = await importList(cookieA, `md5\n${hex(16)}\n${known.md5}\n`);
    expect(imported.statusCode, imported.body).toBe(201);
    listA = imported.json().listId;
    expect(await matchesOfNewReport()).toEqual([expect.objectContaining({ listId: listA })]);
    const before = await snapshot();

    // B lists: only B's own lists, none of A's.
    const seenByB = await lists(cookieB);
    expect(seenByB.statusCode).toBe(200);
    expect(seenByB.json().lists).toEqual([]);
    expect(seenByB.body).not.toContain(listA);

    // B imports the same source with a harmless list: that makes a list of B's, replacing nothing.
    const poisoned = await importList(cookieB, `md5\n${hex(16)}\n`);
    expect(poisoned.statusCode, poisoned.body).toBe(201);
    expect(poisoned.json()).toMatchObject({ version: 1, replaced: null });
    expect(poisoned.body).not.toContain(listA);

    // A's list is untouched, still active, still A's only list, and still matches.
    expect(await snapshot()).toEqual(before);
    expect(before.lists[0]?.active).toBe(true);
    const seenByA = (await lists(cookieA)).json().lists as { id: string; active: boolean }[];
    expect(seenByA.map((l) => [l.id, l.active])).toEqual([[listA, true]]);
    expect(await matchesOfNewReport()).toEqual([expect.objectContaining({ listId: listA })]);
  });
});
