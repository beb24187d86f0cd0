import { createHash, randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ReportHash } from '@vangnet/core';
import { hammingDistance } from '@vangnet/pdq';
import { pdqHashFile } from '@vangnet/pdq/decode-node';
import { count, eq } from 'drizzle-orm';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readAuditChain } from '../src/audit/append-audit.ts';
import { repoRoot } from '../src/config.ts';
import { knownHashes, knownHashLists, reportHashMatches, reports } from '../src/db/schema/index.ts';
import { ensureHelpline } from '../src/services/helpline.ts';
import { addHelpline, addVisibleReport, addWorker, signInAs } from './staff-fixtures.ts';
import { databaseKinds } from './support/databases.ts';
import { prepareReport, submit } from './support/reporter-client.ts';
import { startTestApp, type TestApp } from './support/test-app.ts';

const images = join(repoRoot, '..', 'shared', 'reference-data', 'pdq', 'images');
const KNOWN = 100_000;

const hex = (bytes: number) => randomBytes(bytes).toString('hex');
const digest = (algorithm: 'md5' | 'sha256', bytes: Uint8Array) =>
  createHash(algorithm).update(bytes).digest('hex');

/** What the reporter's phone sends for one picture: PDQ + quality, MD5, SHA-256 of the file. */
async function hashesOf(bytes: Uint8Array): Promise<ReportHash> {
  const { hash, quality } = await pdqHashFile(bytes);
  return {
    kind: 'image',
    pdq: hash,
    pdqQuality: quality,
    md5: digest('md5', bytes),
    sha256: digest('sha256', bytes),
  };
}

describe.each(databaseKinds())('known-hash lists and hash-only reports on %s', (kind) => {
  let t: TestApp;
  let adminCookie: string;
  let workerCookie: string;
  let photo: ReportHash;
  let blurred: ReportHash;
  let unrelated: ReportHash;
  let video: ReportHash;
  let hotlines: string[];
  let firstList: string;
  let analystCookie: string;

  beforeAll(async () => {
    t = await startTestApp(kind);
    const helpline = await addHelpline(t.deps.db, 'NL', await ensureHelpline(t.deps.db, t.deps.pack));
    adminCookie = (await signInAs(t.app, await addWorker(t.deps.db, helpline, 'admin'))).cookie;
    workerCookie = (await signInAs(t.app, await addWorker(t.deps.db, helpline, 'caseworker'))).cookie;
    analystCookie = (await signInAs(t.app, await addWorker(t.deps.db, helpline, 'analyst'))).cookie;
    hotlines = (t.deps.pack.countryPack?.services ?? []).filter((s) => s.kind === 'hotline').map((s) => s.id);

    const original = await readFile(join(images, 'bridge-mods/aaa-orig.jpg'));
    photo = await hashesOf(original);
    // The same photo shared again: blurred a little and re-compressed, so every byte differs.
    blurred = await hashesOf(await sharp(original).blur(1.5).jpeg({ quality: 80 }).toBuffer());
    unrelated = await hashesOf(await readFile(join(images, 'reg-test-input/pen-and-coaster.png')));
    video = { kind: 'video', md5: hex(16), sha256: hex(32) };
  }, 60_000);
  afterAll(async () => t?.close());

  const importList = (source: string, csv: string, cookie = adminCookie) =>
    t.app.inject({
      method: 'POST',
      url: `/api/v1/staff/known-hash-lists?source=${source}`,
      headers: { cookie, 'content-type': 'text/csv' },
      payload: csv,
    });
  const get = (url: string, cookie = workerCookie) =>
    t.app.inject({ method: 'GET', url, headers: { cookie } });

  /** 100,000 random known hashes with the reference photo's PDQ and the video's MD5 somewhere inside. */
  function knownList(): string {
    const lines = ['pdq,quality,md5'];
    for (let i = 0; i < KNOWN; i++) lines.push(`${hex(32)},${50 + (i % 51)},${i % 10 === 0 ? hex(16) : ''}`);
    lines[61_803] = `${photo.pdq},${photo.pdqQuality},`;
    lines[27_182] = `,,${video.md5}`;
    return `${lines.join('\n')}\n`;
  }

  async function submitHashOnly(hashes: ReportHash[], category = 'image-abuse') {
    const prepared = await prepareReport(t, {
      description: 'Someone shares a photo of me.',
      metadata: { category: category as 'image-abuse', ageBand: '13-15', hashes },
    });
    const answer = await submit(t, prepared.request);
    expect(answer.statusCode, answer.body).toBe(201);
    return answer.json().reportId as string;
  }

  it('imports 100,000 known hashes as version 1 of a source, audited without any hash', async () => {
    const started = performance.now();
    const answer = await importList('hotline-list', knownList());
    expect(answer.statusCode, answer.body).toBe(201);
    const body = answer.json();
    expect(body).toMatchObject({ source: 'hotline-list', version: 1, count: KNOWN, replaced: null });
    firstList = body.listId;
    console.log(`[${kind}] imported ${KNOWN} known hashes in ${Math.round(performance.now() - started)} ms`);

    const [stored] = await t.deps.db
      .select({ n: count() })
      .from(knownHashes)
      .where(eq(knownHashes.listId, firstList));
    expect(stored?.n).toBe(KNOWN);
    const audit = (await readAuditChain(t.deps.db)).filter((r) => r.action === 'known-hashes.import');
    expect(audit).toHaveLength(1);
    expect(audit[0]?.detail).toMatchObject({
      listId: firstList,
      source: 'hotline-list',
      version: 1,
      count: KNOWN,
    });
    expect(JSON.stringify(audit)).not.toContain(photo.pdq!);
  }, 120_000);

  it('matches a hash-only report of a listed photo: stored match, urgent, hotline proposed first', async () => {
    const calm = await submitHashOnly([unrelated]);
    const reportId = await submitHashOnly([photo]);

    const matches = await get(`/api/v1/staff/cases/${reportId}/hash-matches`);
    expect(matches.statusCode, matches.body).toBe(200);
    expect(matches.json().urgent).toBe(true);
    const found = matches.json().matches;
    expect(found).toContainEqual(
      expect.objectContaining({
        listId: firstList,
        source: 'hotline-list',
        version: 1,
        kind: 'pdq',
        distance: 0,
      }),
    );
    // The answer names the list and the distance, never a hash from the list or the report.
    expect(matches.body).not.toContain(photo.pdq!);

    // The queue puts it first although the unrelated report came in earlier.
    const queue = (await get('/api/v1/staff/cases?limit=100')).json().cases as {
      id: string;
      urgent: boolean;
    }[];
    expect(queue[0]).toMatchObject({ id: reportId, urgent: true });
    expect(queue.find((c) => c.id === calm)?.urgent).toBe(false);
    const [row] = await t.deps.db.select().from(reports).where(eq(reports.id, reportId));
    expect(row?.flags.imageAbuse).toBe(true);

    const proposal = (await get(`/api/v1/staff/cases/${reportId}/referrals`)).json();
    expect(hotlines).toContain(proposal.proposed[0].serviceId);
    const calmProposal = (await get(`/api/v1/staff/cases/${calm}/referrals`)).json();
    expect(hotlines).not.toContain(calmProposal.proposed[0].serviceId);

    const audit = await readAuditChain(t.deps.db, { caseId: reportId });
    expect(audit.map((r) => r.action)).toEqual([
      'known-hashes.match',
      'case.hash-matches',
      'case.referrals-view',
    ]);
  });

  it('matches a blurred, re-compressed copy by PDQ; an unrelated image does not match', async () => {
    expect(blurred.md5).not.toBe(photo.md5);
    const distance = hammingDistance(blurred.pdq!, photo.pdq!);
    expect(distance).toBeGreaterThan(0);
    expect(distance).toBeLessThanOrEqual(31);
    const reportId = await submitHashOnly([unrelated, blurred], 'sextortion');
    const found = (await get(`/api/v1/staff/cases/${reportId}/hash-matches`)).json();
    expect(found.urgent).toBe(true);
    expect(found.matches).toEqual([
      expect.objectContaining({ listId: firstList, kind: 'pdq', hashIndex: 1, distance }),
    ]);

    const other = await submitHashOnly([unrelated]);
    expect((await get(`/api/v1/staff/cases/${other}/hash-matches`)).json()).toEqual({
      urgent: false,
      matches: [],
    });
  });

  it('matches a video by exact MD5, and ignores a PDQ whose quality is too low to trust', async () => {
    const videoReport = await submitHashOnly([video]);
    expect((await get(`/api/v1/staff/cases/${videoReport}/hash-matches`)).json().matches).toEqual([
      expect.objectContaining({ kind: 'md5', distance: 0 }),
    ]);
    const blank = await submitHashOnly([{ ...photo, pdqQuality: 10, md5: hex(16) }]);
    expect((await get(`/api/v1/staff/cases/${blank}/hash-matches`)).json().matches).toEqual([]);
  });

  it('refuses hashes outside the hash-only route, and a bad list naming the line, storing nothing', async () => {
    const prepared = await prepareReport(t, { metadata: { category: 'harassment', hashes: [photo] } });
    const refused = await submit(t, prepared.request);
    expect(refused.statusCode).toBe(400);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect(refused.json().code).toBe('report.invalid-hashes');
    const tooMany = await prepareReport(t, {
      metadata: { category: 'image-abuse', hashes: Array.from({ length: 21 }, () => photo) },
    });
    expect((await submit(t, tooMany.request)).json().code).toBe('report.invalid-hashes');

    const before = await t.deps.db.select({ n: count() }).from(knownHashes);
    const lines = knownList().split('\n');
    lines[50_000] = `${photo.pdq},200,`;
    const bad = await importList('hotline-list', lines.join('\n'));
    expect(bad.statusCode).toBe(422);
    expect(bad.headers['content-type']).toContain('application/problem+json');
    expect(bad.json()).toMatchObject({
      code: 'known-hashes.invalid-csv',
      errors: [{ path: 'line 50001', message: 'quality is not a whole number from 0 to 100' }],
    });
    expect(await t.deps.db.select({ n: count() }).from(knownHashes)).toEqual(before);
    expect((await t.deps.db.select().from(knownHashLists)).map((l) => l.version)).toEqual([1]);

    expect((await importList('hotline-list', 'pdq\n', workerCookie)).json().code).toBe('staff.forbidden');
    expect((await importList('Not_A_Label', 'pdq\n')).json().code).toBe('known-hashes.invalid-source');
  });

  it('a re-import makes a new version, deactivates the old one and matching follows at once', async () => {
    const earlierMatch = (await t.deps.db.select().from(reportHashMatches)).length;
    const answer = await importList('hotline-list', `md5\n${hex(16)}\n${hex(16)}\n`);
    expect(answer.statusCode, answer.body).toBe(201);
    expect(answer.json()).toMatchObject({ version: 2, count: 2, replaced: firstList });

    const lists = (await get('/api/v1/staff/known-hash-lists', adminCookie)).json().lists;
    expect(lists.map((l: { version: number; active: boolean }) => [l.version, l.active])).toEqual([
      [2, true],
      [1, false],
    ]);
    expect((await get('/api/v1/staff/known-hash-lists')).statusCode).toBe(403);

    // The photo is not on version 2: a new report no longer matches; earlier matches stay on record.
    const reportId = await submitHashOnly([photo]);
    expect((await get(`/api/v1/staff/cases/${reportId}/hash-matches`)).json().matches).toEqual([]);
    expect((await t.deps.db.select().from(reportHashMatches)).length).toBe(earlierMatch);

    const imports = (await readAuditChain(t.deps.db)).filter((r) => r.action === 'known-hashes.import');
    expect(imports.map((r) => [r.detail.version, r.detail.replaced])).toEqual([
      [1, null],
      [2, firstList],
    ]);
  });

  it('shows matches only to case workers of the same helpline', async () => {
    const reportId = await submitHashOnly([photo]);
    const url = `/api/v1/staff/cases/${reportId}/hash-matches`;
    expect((await get(url, analystCookie)).json().code).toBe('staff.forbidden');
    expect((await t.app.inject({ method: 'GET', url })).json().code).toBe('staff.signed-out');
    const elsewhere = await addHelpline(t.deps.db, 'BE-VL');
    const theirs = await addVisibleReport(t.deps.db, t.deps.blobs, elsewhere, { category: 'image-abuse' });
    expect((await get(`/api/v1/staff/cases/${theirs.id}/hash-matches`)).json().code).toBe('case.not-found');
    expect((await get(url)).statusCode).toBe(200);
  });

  it('sees a list another server process imported, without being told (the active lists changed)', async () => {
    const before = await submitHashOnly([unrelated]);
    expect((await get(`/api/v1/staff/cases/${before}/hash-matches`)).json().matches).toEqual([]);
    // What a replica or the CLI leaves behind: new rows only, this process's cached index untouched.
    const listId = `other-process-${hex(4)}`;
    await t.deps.db.insert(knownHashLists).values({
      id: listId,
      helplineId: await ensureHelpline(t.deps.db, t.deps.pack),
      country: 'NL',
      source: 'second-hotline',
      version: 1,
      importedBy: 'cli',
      count: 1,
      active: true,
    });
    await t.deps.db.insert(knownHashes).values({
      listId,
      line: 2,
      pdq: new Uint8Array(Buffer.from(unrelated.pdq!, 'hex')),
      pdqQuality: 100,
      md5: null,
    });
    const reportId = await submitHashOnly([unrelated]);
    expect((await get(`/api/v1/staff/cases/${reportId}/hash-matches`)).json().matches).toEqual([
      expect.objectContaining({ listId, source: 'second-hotline', kind: 'pdq', distance: 0 }),
    ]);
  });
});
