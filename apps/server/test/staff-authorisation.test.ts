import { randomUUID } from 'node:crypto';
import { generateIdentity, sealJson, toBase64 } from '@vangnet/crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, messages, reports } from '../src/db/schema/index.ts';
import { ensureHelpline } from '../src/services/helpline.ts';
import {
  addHelpline,
  addVisibleReport,
  addWorker,
  sealedForms,
  signInAs,
  type TestHelpline,
  type TestReport,
} from './staff-fixtures.ts';
import { databaseKinds } from './support/databases.ts';
import { startTestApp, type TestApp } from './support/test-app.ts';

/**
 * Issue 4: every staff case endpoint, called by everyone who must not reach the case. Each gets a
 * refusal (401 signed out, 403 role, 404 other helpline), none gets a byte of the sealed body or
 * evidence, and the case is unchanged afterwards.
 */
type Route = {
  name: string;
  method: 'GET' | 'POST' | 'PUT';
  url: (r: TestReport) => string;
  payload?: unknown;
};

/** A real age file: the message route refuses anything else before it looks for the case. */
const SEALED = toBase64(await sealJson({ version: 1, text: 'x' }, [(await generateIdentity()).recipient]));

const ROUTES: Route[] = [
  { name: 'queue', method: 'GET', url: () => '/api/v1/staff/cases' },
  { name: 'fetch case', method: 'GET', url: (r) => `/api/v1/staff/cases/${r.id}` },
  { name: 'evidence item', method: 'GET', url: (r) => `/api/v1/staff/cases/${r.id}/items/${r.itemId}` },
  {
    name: 'send message',
    method: 'POST',
    url: (r) => `/api/v1/staff/cases/${r.id}/messages`,
    payload: { sealed: SEALED },
  },
  {
    name: 'add note',
    method: 'POST',
    url: (r) => `/api/v1/staff/cases/${r.id}/messages`,
    payload: { sealed: SEALED, internal: true },
  },
  {
    name: 'change status',
    method: 'POST',
    url: (r) => `/api/v1/staff/cases/${r.id}/status`,
    payload: { status: 'closed' },
  },
  {
    name: 'assign',
    method: 'POST',
    url: (r) => `/api/v1/staff/cases/${r.id}/assign`,
    payload: { assignee: null },
  },
  { name: 'take', method: 'POST', url: (r) => `/api/v1/staff/cases/${r.id}/take` },
  {
    name: 'correct metadata',
    method: 'POST',
    url: (r) => `/api/v1/staff/cases/${r.id}/metadata`,
    payload: { category: 'hate', flags: { danger: true } },
  },
  { name: 'audit trail', method: 'GET', url: (r) => `/api/v1/staff/cases/${r.id}/audit` },
  { name: 'export', method: 'POST', url: (r) => `/api/v1/staff/cases/${r.id}/export` },
  {
    name: 'export signature',
    method: 'POST',
    url: (r) => `/api/v1/staff/cases/${r.id}/export/signature`,
    payload: { bundleSha256: 'ab'.repeat(32), exportSeq: 1 },
  },
  { name: 'referral proposals', method: 'GET', url: (r) => `/api/v1/staff/cases/${r.id}/referrals` },
  {
    name: 'refer',
    method: 'POST',
    url: (r) => `/api/v1/staff/cases/${r.id}/referrals`,
    payload: { serviceId: 'politie', consent: true, sealed: Buffer.from('package').toString('base64') },
  },
  { name: 'known-hash matches', method: 'GET', url: (r) => `/api/v1/staff/cases/${r.id}/hash-matches` },
  {
    name: 'legal hold',
    method: 'PUT',
    url: (r) => `/api/v1/staff/cases/${r.id}/legal-hold`,
    payload: { hold: true, reason: 'court-order' },
  },
];

describe.each(databaseKinds())('staff case authorisation on %s', (kind) => {
  let t: TestApp;
  let home: TestHelpline;
  let report: TestReport;
  const callers: Record<string, { headers: Record<string, string>; expected: number[] }> = {};

  beforeAll(async () => {
    t = await startTestApp(kind);
    const { db, blobs } = t.deps;
    home = await addHelpline(db, 'NL', await ensureHelpline(db, t.deps.pack));
    const abroad = await addHelpline(db, 'BE-VL');
    report = await addVisibleReport(db, blobs, home, { flags: { danger: true } });
    // A case of the other helpline too, so "not found" cannot just mean "no cases at all".
    await addVisibleReport(db, blobs, abroad);

    const cookieOf = async (
      helpline: TestHelpline,
      role: 'caseworker' | 'supervisor' | 'admin' | 'analyst',
    ) => (await signInAs(t.app, await addWorker(db, helpline, role))).cookie;
    callers['caseworker of another country'] = {
      headers: { cookie: await cookieOf(abroad, 'caseworker') },
      expected: [403, 404],
    };
    callers['supervisor of another country'] = {
      headers: { cookie: await cookieOf(abroad, 'supervisor') },
      expected: [404],
    };
    callers['admin of another country'] = {
      headers: { cookie: await cookieOf(abroad, 'admin') },
      expected: [404],
    };
    callers['analyst of the same helpline'] = {
      headers: { cookie: await cookieOf(home, 'analyst') },
      expected: [403],
    };
    callers['signed-out client'] = { headers: {}, expected: [401] };
    callers['forged session cookie'] = {
      headers: { cookie: `vangnet_session=${'A'.repeat(43)}` },
      expected: [401],
    };
    callers["the reporter's access token"] = {
      headers: { authorization: `Bearer ${report.accessToken}` },
      expected: [401],
    };
    callers["the reporter's access token as a cookie"] = {
      headers: { cookie: `vangnet_session=${report.accessToken}` },
      expected: [401],
    };
  });
  afterAll(async () => t?.close());

  const call = (route: Route, headers: Record<string, string>) =>
    t.app.inject({
      method: route.method,
      url: route.url(report),
      headers: { ...headers, 'idempotency-key': randomUUID() },
      ...(route.payload === undefined ? {} : { payload: route.payload as object }),
    });

  const forbiddenBytes = () => [...sealedForms(report.body), ...sealedForms(report.item), report.marker];

  it('lets nobody else reach the case', async () => {
    const table: string[] = [];
    for (const [caller, { headers, expected }] of Object.entries(callers)) {
      for (const route of ROUTES) {
        const response = await call(route, headers);
        const label = `${caller} → ${route.name}: ${response.statusCode}`;
        table.push(label);
        if (route.name === 'queue' && caller.includes('another country')) {
          // The queue answers, but only with the caller's own helpline's cases.
          expect(response.statusCode, label).toBe(200);
          expect(response.body, label).not.toContain(report.id);
        } else {
          expect(expected, label).toContain(response.statusCode);
          expect(response.headers['content-type'], label).toContain('application/problem+json');
        }
        for (const form of forbiddenBytes()) expect(response.body.includes(form), label).toBe(false);
        expect(response.body, label).not.toContain(report.id);
      }
    }
    expect(table).toHaveLength(Object.keys(callers).length * ROUTES.length);
  });

  it('left the case untouched and wrote no trace of a view', async () => {
    const { db } = t.deps;
    const [row] = await db.select().from(reports).where(eq(reports.id, report.id));
    expect(row).toMatchObject({ status: 'new', assigneeId: null, category: 'harassment', closedAt: null });
    expect(row!.flags).toMatchObject({ danger: true });
    expect(await db.select().from(messages).where(eq(messages.reportId, report.id))).toHaveLength(1);
    expect(await db.select().from(auditLog).where(eq(auditLog.caseId, report.id))).toEqual([]);
  });

  it('does give the sealed bytes to a case worker of the helpline (so the checks above can fail)', async () => {
    const { cookie } = await signInAs(t.app, await addWorker(t.deps.db, home, 'caseworker'));
    const fetched = await call(ROUTES[1]!, { cookie });
    expect(fetched.statusCode).toBe(200);
    expect(sealedForms(report.body).some((form) => fetched.body.includes(form))).toBe(true);
    const item = await call(ROUTES[2]!, { cookie });
    expect(item.statusCode).toBe(200);
    expect(Buffer.from(item.rawPayload).equals(Buffer.from(report.item))).toBe(true);
    const queue = await call(ROUTES[0]!, { cookie });
    expect(queue.json().cases.map((c: { id: string }) => c.id)).toEqual([report.id]);
  });
});
