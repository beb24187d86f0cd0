import { randomUUID } from 'node:crypto';
import { verifyAuditChain } from '@vangnet/core/audit/audit-chain';
import { auditCheckpointStatement } from '@vangnet/core/audit/checkpoint';
import { sealJson, toBase64, verifyCanonicalJsonSignature } from '@vangnet/crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readAuditChain } from '../src/audit/append-audit.ts';
import { messages, reports } from '../src/db/schema/index.ts';
import { ensureHelpline } from '../src/services/helpline.ts';
import {
  addHelpline,
  addVisibleReport,
  addWorker,
  signInAs,
  type TestHelpline,
  type TestWorker,
} from './staff-fixtures.ts';
import { databaseKinds } from './support/databases.ts';
import { startTestApp, type TestApp } from './support/test-app.ts';

describe.each(databaseKinds())('staff case work on %s', (kind) => {
  let t: TestApp;
  let helpline: TestHelpline;
  let worker: TestWorker;
  let cookie: string;
  let supervisorCookie: string;

  beforeAll(async () => {
    t = await startTestApp(kind);
    helpline = await addHelpline(t.deps.db, 'NL', await ensureHelpline(t.deps.db, t.deps.pack));
    worker = await addWorker(t.deps.db, helpline, 'caseworker');
    cookie = (await signInAs(t.app, worker)).cookie;
    supervisorCookie = (await signInAs(t.app, await addWorker(t.deps.db, helpline, 'supervisor'))).cookie;
  });
  afterAll(async () => t?.close());

  const get = (url: string, c = cookie) => t.app.inject({ method: 'GET', url, headers: { cookie: c } });
  const post = (url: string, payload?: object, headers: Record<string, string> = {}) =>
    t.app.inject({ method: 'POST', url, headers: { cookie, ...headers }, ...(payload ? { payload } : {}) });
  const newCase = (options: Parameters<typeof addVisibleReport>[3] = {}) =>
    addVisibleReport(t.deps.db, t.deps.blobs, helpline, options);

  it('orders the queue urgent first, then longest waiting, filters it and pages it without gaps or repeats', async () => {
    const minute = 60_000;
    const base = Date.now() - 60 * minute;
    const calm = [];
    for (let i = 0; i < 5; i++) calm.push(await newCase({ visibleAt: new Date(base + i * minute) }));
    const urgentLate = await newCase({ visibleAt: new Date(base + 30 * minute), flags: { danger: true } });
    const urgentEarly = await newCase({ visibleAt: new Date(base + 10 * minute), category: 'self-harm' });
    const closed = await newCase({ visibleAt: new Date(base - minute), status: 'closed' });
    // Not visible yet: evidence still uploading.
    const pending = await newCase();
    await t.deps.db
      .update(reports)
      .set({ visibleAt: null, status: 'awaiting-evidence' })
      .where(eq(reports.id, pending.id));

    const expected = [urgentEarly, urgentLate, ...calm].map((r) => r.id);
    const all = await get('/api/v1/staff/cases?limit=100');
    expect(all.statusCode).toBe(200);
    const listed = all.json().cases.map((c: { id: string }) => c.id);
    expect(listed).toEqual(expected);
    expect(all.json().cases[0]).toMatchObject({
      urgent: true,
      status: 'new',
      assignee: null,
      metadata: { country: 'NL', category: 'self-harm', platform: 'instagram', ageBand: '13-15' },
    });
    // Clear metadata only: nothing sealed in the queue.
    expect(all.json().cases[0]).not.toHaveProperty('body');

    const paged: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await get(
        `/api/v1/staff/cases?limit=3${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      );
      expect(page.statusCode).toBe(200);
      paged.push(...page.json().cases.map((c: { id: string }) => c.id));
      cursor = page.json().nextCursor;
    } while (cursor);
    expect(paged).toEqual(expected);

    const closedOnly = await get('/api/v1/staff/cases?status=closed');
    expect(closedOnly.json().cases.map((c: { id: string }) => c.id)).toEqual([closed.id]);
    const selfHarm = await get('/api/v1/staff/cases?category=self-harm');
    expect(selfHarm.json().cases.map((c: { id: string }) => c.id)).toEqual([urgentEarly.id]);
    expect((await get('/api/v1/staff/cases?platform=tiktok')).json().cases).toEqual([]);

    const bad = await get('/api/v1/staff/cases?cursor=not-a-cursor');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe('request.invalid-cursor');
    const badCategory = await get('/api/v1/staff/cases?category=gossip');
    expect(badCategory.statusCode).toBe(400);

    // Clean up for the other tests: close these cases directly.
    await t.deps.db.update(reports).set({ status: 'closed' });
  });

  it('fetches a case with its sealed body, items, receipt, reporter recipient and messages', async () => {
    const report = await newCase();
    const response = await get(`/api/v1/staff/cases/${report.id}`);
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(Buffer.from(body.body, 'base64').equals(Buffer.from(report.body))).toBe(true);
    expect(body.items).toEqual([
      { id: report.itemId, sha256: expect.stringMatching(/^[0-9a-f]{64}$/), size: report.item.length },
    ]);
    expect(body.receipt).toEqual({ version: 1, reportId: report.id });
    expect(body.reporterRecipient).toMatch(/^age1/);
    expect(body.messages).toEqual([
      expect.objectContaining({
        author: 'reporter',
        internal: false,
        workerId: null,
        sealed: expect.any(String),
      }),
    ]);
    expect((await get(`/api/v1/staff/cases/${randomUUID()}`)).json().code).toBe('case.not-found');
    expect((await get(`/api/v1/staff/cases/${report.id}/items/nope`)).json().code).toBe(
      'case.item-not-found',
    );
  });

  it('posts sealed messages and notes once per Idempotency-Key', async () => {
    const report = await newCase();
    const url = `/api/v1/staff/cases/${report.id}/messages`;
    const sealed = toBase64(await sealJson({ version: 1, text: 'hoi' }, [helpline.recipient]));
    const key = randomUUID();
    const first = await post(url, { sealed }, { 'idempotency-key': key });
    expect(first.statusCode).toBe(201);
    const retry = await post(url, { sealed }, { 'idempotency-key': key });
    expect(retry.statusCode).toBe(200);
    expect(retry.json()).toEqual(first.json());
    const reused = await post(
      url,
      { sealed: toBase64(await sealJson({ version: 1, text: 'other' }, [helpline.recipient])) },
      { 'idempotency-key': key },
    );
    expect(reused.statusCode).toBe(409);
    expect(reused.json().code).toBe('idempotency.key-reused');
    const missing = await post(url, { sealed });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().code).toBe('idempotency.key-missing');
    const note = await post(url, { sealed, internal: true }, { 'idempotency-key': randomUUID() });
    expect(note.statusCode).toBe(201);

    const stored = await t.deps.db.select().from(messages).where(eq(messages.reportId, report.id));
    expect(stored.map((m) => [m.author, m.internal]).sort()).toEqual([
      ['helpline', false],
      ['helpline', true],
      ['reporter', false],
    ]);
    const fetched = (await get(`/api/v1/staff/cases/${report.id}`)).json();
    expect(fetched.messages.filter((m: { internal: boolean }) => m.internal)).toHaveLength(1);
  });

  it("changes status along the NL pack's workflow only, with the fields it requires", async () => {
    const report = await newCase();
    const url = `/api/v1/staff/cases/${report.id}/status`;
    const steps: [object, number, string | undefined][] = [
      [{ status: 'awaiting-evidence' }, 422, 'case.status-not-settable'],
      [{ status: 'new' }, 409, 'case.status-transition'],
      [{ status: 'contacted' }, 200, undefined],
      [{ status: 'referred', serviceId: 'politie' }, 422, 'case.status-fields-missing'],
      [{ status: 'referred', serviceId: 'Free text with a name', consent: true }, 400, 'request.invalid'],
      [{ status: 'referred', serviceId: 'politie', consent: true }, 200, undefined],
      [{ status: 'closed', outcome: 'helped' }, 422, 'case.status-fields-missing'],
      [{ status: 'closed', reason: 'resolved', outcome: 'helped' }, 200, undefined],
      [{ status: 'contacted' }, 409, 'case.status-transition'],
      [{ status: 'gone' }, 400, 'request.invalid'],
    ];
    for (const [payload, status, code] of steps) {
      const response = await post(url, payload);
      expect(response.statusCode, JSON.stringify(payload)).toBe(status);
      if (code) expect(response.json().code).toBe(code);
    }
    const [row] = await t.deps.db.select().from(reports).where(eq(reports.id, report.id));
    expect(row!.status).toBe('closed');
    expect(row!.closedAt).toBeInstanceOf(Date);
    expect((await post(url, { status: 'in-progress', reason: 'reporter-wrote' })).statusCode).toBe(200);
    const [reopened] = await t.deps.db.select().from(reports).where(eq(reports.id, report.id));
    expect(reopened!.closedAt).toBeNull();
    const trail = await readAuditChain(t.deps.db, { caseId: report.id });
    expect(trail.filter((r) => r.action === 'case.status').map((r) => r.detail)).toEqual([
      { from: 'new', to: 'contacted' },
      { from: 'contacted', to: 'referred', serviceId: 'politie', consent: true },
      { from: 'referred', to: 'closed', reason: 'resolved', outcome: 'helped' },
      { from: 'closed', to: 'in-progress', reason: 'reporter-wrote' },
    ]);
  });

  it('takes and assigns cases within the helpline only', async () => {
    const report = await newCase();
    const take = await post(`/api/v1/staff/cases/${report.id}/take`);
    expect(take.json()).toEqual({ assignee: worker.id, previous: null });
    const mine = await get('/api/v1/staff/cases?assignee=me');
    expect(mine.json().cases.map((c: { id: string }) => c.id)).toContain(report.id);
    const colleague = await addWorker(t.deps.db, helpline, 'caseworker');
    const analyst = await addWorker(t.deps.db, helpline, 'analyst');
    const foreign = await addWorker(t.deps.db, await addHelpline(t.deps.db, 'BE-VL'), 'caseworker');
    const assign = (assignee: string | null) => post(`/api/v1/staff/cases/${report.id}/assign`, { assignee });
    expect((await assign(colleague.id)).json()).toEqual({ assignee: colleague.id, previous: worker.id });
    for (const id of [analyst.id, foreign.id, randomUUID()]) {
      const refused = await assign(id);
      expect(refused.statusCode).toBe(422);
      expect(refused.json().code).toBe('case.unknown-assignee');
    }
    expect((await assign(null)).json()).toEqual({ assignee: null, previous: colleague.id });
    expect(
      (await get('/api/v1/staff/cases?assignee=none')).json().cases.map((c: { id: string }) => c.id),
    ).toContain(report.id);
  });

  it('corrects category and flags, and the audit keeps old and new values', async () => {
    const report = await newCase();
    const url = `/api/v1/staff/cases/${report.id}/metadata`;
    const response = await post(url, { category: 'threats', flags: { danger: true } });
    expect(response.statusCode).toBe(200);
    expect(response.json().metadata).toMatchObject({
      category: 'threats',
      flags: { danger: true, ongoing: false, selfHarm: false, imageAbuse: false },
    });
    const bad = await post(url, { category: 'gossip' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe('report.unknown-category');
    expect((await post(url, { country: 'BE' })).statusCode).toBe(400);
    const records = await readAuditChain(t.deps.db, { caseId: report.id });
    const correction = records.find((r) => r.action === 'case.metadata');
    expect(correction?.detail).toEqual({
      from: { category: 'harassment', 'flags.danger': false },
      to: { category: 'threats', 'flags.danger': true },
    });
  });

  it('writes every view, evidence view, message, status change and export to an intact chain', async () => {
    const report = await newCase();
    await get(`/api/v1/staff/cases/${report.id}`);
    await get(`/api/v1/staff/cases/${report.id}/items/${report.itemId}`);
    await post(
      `/api/v1/staff/cases/${report.id}/messages`,
      { sealed: toBase64(await sealJson({ version: 1, text: 'hoi' }, [helpline.recipient])) },
      { 'idempotency-key': randomUUID() },
    );
    // The message was the first contact (new → contacted); the worker moves it on from there.
    expect(
      (await post(`/api/v1/staff/cases/${report.id}/status`, { status: 'in-progress' })).statusCode,
    ).toBe(200);
    await post(`/api/v1/staff/cases/${report.id}/take`);
    const exported = await post(`/api/v1/staff/cases/${report.id}/export`);
    expect(exported.statusCode).toBe(200);

    const caseworkerTrail = await get(`/api/v1/staff/cases/${report.id}/audit`);
    expect(caseworkerTrail.statusCode).toBe(403);
    const trail = await get(`/api/v1/staff/cases/${report.id}/audit`, supervisorCookie);
    expect(trail.statusCode).toBe(200);
    const actions = trail.json().records.map((r: { action: string }) => r.action);
    expect(actions).toEqual([
      'case.view',
      'evidence.view',
      'case.message',
      'case.first-contact',
      'case.status',
      'case.assign',
      'case.export',
      'case.audit-view',
    ]);
    const actors = new Set(
      trail
        .json()
        .records.slice(0, 7)
        .map((r: { actor: string }) => r.actor),
    );
    expect([...actors]).toEqual([`worker:${worker.id}`]);
    // The export answer is this case's extract, ending with its own record, and verifies on its own.
    const extract = exported.json().records;
    expect(extract.at(-1).action).toBe('case.export');
    expect(verifyAuditChain(extract, { partial: true })).toEqual({ ok: true, count: extract.length });

    const whole = await readAuditChain(t.deps.db);
    expect(verifyAuditChain(whole)).toEqual({ ok: true, count: whole.length });
    // No sealed bytes or markers in any audit record.
    expect(JSON.stringify(whole)).not.toContain(report.marker);
    expect(JSON.stringify(whole)).not.toContain(Buffer.from(report.body).toString('base64').slice(40, 80));
  });

  it('signs the chain head at export and the bundle index hash of that recorded export, for its worker only', async () => {
    const report = await newCase();
    const exported = await post(`/api/v1/staff/cases/${report.id}/export`);
    expect(exported.statusCode).toBe(200);
    const { records, exportSeq, checkpoint } = exported.json();
    const own = records.at(-1);
    expect(own).toMatchObject({ action: 'case.export', seq: exportSeq });
    // The checkpoint is the whole chain's head at the export: its own record, signed by the server key.
    expect(checkpoint).toMatchObject({ seq: own.seq, hash: own.hash });
    const { signature, ...pinned } = checkpoint;
    expect(
      verifyCanonicalJsonSignature(auditCheckpointStatement(pinned), signature, t.deps.signingKey.publicKey),
    ).toBe(true);

    const url = `/api/v1/staff/cases/${report.id}/export/signature`;
    const bundleSha256 = 'cd'.repeat(32);
    const signed = await post(url, { bundleSha256, exportSeq });
    expect(signed.statusCode).toBe(200);
    const body = signed.json();
    expect(body.statement).toMatchObject({
      kind: 'vangnet-evidence-bundle',
      caseId: report.id,
      bundleSha256,
      exportedBy: `worker:${worker.id}`,
      exportSeq,
    });
    expect(body.serverPublicKey).toBe(t.deps.signingKey.publicKey);
    expect(verifyCanonicalJsonSignature(body.statement, body.signature, body.serverPublicKey)).toBe(true);

    // Only for a recorded export of this case by this worker: any other seq is refused, nothing signed.
    const unrecorded = await post(url, { bundleSha256, exportSeq: exportSeq - 1 });
    expect(unrecorded.statusCode).toBe(409);
    expect(unrecorded.headers['content-type']).toContain('application/problem+json');
    expect(unrecorded.json().code).toBe('export.not-recorded');
    expect((await post(url, { bundleSha256: 'not a hash', exportSeq })).statusCode).toBe(400);
  });
});
