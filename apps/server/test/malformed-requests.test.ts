import { randomUUID } from 'node:crypto';
import { connect } from 'node:net';
import { sql } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureHelpline } from '../src/services/helpline.ts';
import { generateTotpSecret } from '../src/staff/totp.ts';
import { addVisibleReport, addWorker, signInAs } from './staff-fixtures.ts';
import { databaseKinds } from './support/databases.ts';
import {
  type Credentials,
  gridRequests,
  type MalformedRequest,
  malformedRequests,
  type OpenApiDocument,
  operationsOf,
} from './support/malformed-requests.ts';
import { addHelplineKey, createUpload, prepareReport, submit } from './support/reporter-client.ts';
import { startTestApp, type TestApp } from './support/test-app.ts';

/**
 * The bad-input battery: thousands of malformed requests over every operation of the OpenAPI document
 * (so a new route is covered once it is documented), plus tus and raw-socket requests that never reach
 * a route. Whatever arrives, the answer is never a 5xx; every error is problem+json with a `code`; and
 * a rejected request changes no table. Generated from fixed seeds, so a failure reproduces.
 */

/** 10,000 on each database (PGlite always; PostgreSQL too when DATABASE_URL is set, as in CI). */
const REQUESTS_PER_DATABASE = 10_000;
const SEED = 20_261_130;
/** Requests between two database fingerprints; a batch with an accepted request is replayed (see below). */
const BATCH = 50;

/** A failure line names the request without echoing megabytes of it. */
const describeRequest = (r: MalformedRequest) =>
  `${r.method} ${r.url.slice(0, 120)} [${r.auth}; ${r.mutation}]`;

/** What is wrong with an answer, or undefined when it is one a client can rely on. */
function answerFault(
  method: string,
  status: number,
  contentType: string | undefined,
  body: string,
): string | undefined {
  // The battery's app runs without a live feed (an event stream would hold its request open for ever),
  // so the consoles' event stream answers its documented 503 `live.unavailable` and consoles poll; the
  // streams themselves are tried in live-updates.test.ts. Any other 5xx is a fault.
  const configuredOff = status === 503 && body.includes('"code":"live.unavailable"');
  if (status >= 500 && !configuredOff) return `${status} ${body.slice(0, 200)}`;
  if (status < 400) return undefined;
  if (!contentType?.startsWith('application/problem+json')) return `${status} answered ${contentType}`;
  if (method === 'HEAD') return undefined;
  try {
    const problem = JSON.parse(body) as { code?: unknown; status?: unknown };
    if (typeof problem.code !== 'string' || problem.code === '') return `${status} problem without a code`;
    if (problem.status !== status) return `${status} problem says status ${String(problem.status)}`;
  } catch {
    return `${status} problem+json that is not JSON`;
  }
  return undefined;
}

/**
 * One hash per table of everything a request could change. Sessions leave out their idle expiry, which
 * every signed-in request moves forward by design.
 */
async function fingerprint(t: TestApp): Promise<string> {
  const tables = (await t.deps.db.execute(
    sql`select table_name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE' order by 1`,
  )) as unknown as { rows: { table_name: string }[] };
  const query = tables.rows
    .map(({ table_name: name }) => {
      const row = name === 'sessions' ? '(x.id, x.worker_id, x.created_at)' : 'x';
      return `select '${name}' as t, count(*) as n, md5(coalesce(string_agg(${row}::text, '|' order by ${row}::text), '')) as h from "${name}" x`;
    })
    .join(' union all ');
  const rows = (await t.deps.db.execute(sql.raw(query))) as unknown as { rows: unknown[] };
  return JSON.stringify(rows.rows);
}

describe.each(databaseKinds())('every bad input gets a clear answer on %s', (kind) => {
  let t: TestApp;
  let credentials: Credentials;
  let ops: ReturnType<typeof operationsOf>;
  let requests: MalformedRequest[];
  let uploadLocation: string;
  /** A visible case of the battery's helpline. */
  let caseId: string;

  beforeAll(async () => {
    // Limits out of the way: this battery is about what arrives, not how often.
    t = await startTestApp(kind, {
      limits: {
        perIpPerMinute: 1e9,
        submissionsPerIpPerHour: 1e9,
        followUpPerTokenPerMinute: 1e9,
        followUpPerIpPerMinute: 1e9,
        uploadRequestsPerIpPerMinute: 1e9,
      },
    });
    const key = await addHelplineKey(t);
    const helpline = {
      id: await ensureHelpline(t.deps.db, t.deps.pack),
      country: t.deps.pack.country,
      ...key,
    };
    const admin = await addWorker(t.deps.db, helpline, 'admin');
    const { cookie } = await signInAs(t.app, admin);
    const visible = await addVisibleReport(t.deps.db, t.deps.blobs, helpline);
    caseId = visible.id;
    // A report still waiting for its evidence: the reporter's token, and an upload in progress.
    const waiting = await prepareReport(t, { items: [new Uint8Array([1, 2, 3, 4])] });
    const submitted = await submit(t, waiting.request);
    expect(submitted.statusCode).toBe(201);
    const reportId = (submitted.json() as { reportId: string }).reportId;
    const item = waiting.items[0]!;
    const created = await createUpload(
      t,
      waiting.keys.accessToken,
      reportId,
      item.id,
      item.sealed.byteLength,
    );
    expect(created.status).toBe(201);
    uploadLocation = created.headers.get('location')!;
    credentials = { staffCookie: cookie, reporterToken: waiting.keys.accessToken };

    const doc = (await t.app.inject({ url: '/api/docs/openapi.json' })).json() as OpenApiDocument;
    ops = operationsOf(doc);
    const another = await prepareReport(t);
    const baseline = {
      pathParams: { id: visible.id, itemId: visible.itemId, referralId: randomUUID() },
      query: { source: 'battery-list' },
      fields: {
        email: admin.email,
        authKey: 'ab'.repeat(32),
        totp: '123456',
        sealed: waiting.request.body,
        kdfSalt: '00'.repeat(16),
        totpSecret: generateTotpSecret(),
        wrappedHelplineKey: 'AAAA',
        token: 'x'.repeat(30),
        assignee: null,
        consent: true,
        hold: false,
      },
      bodies: { 'POST /api/v1/reports': another.request },
    };
    const grid = gridRequests(ops, baseline, credentials);
    const random = malformedRequests(ops, REQUESTS_PER_DATABASE - grid.length, SEED, baseline, credentials);
    requests = [...grid, ...random];
  });
  afterAll(async () => {
    await t?.close();
  });

  async function send(r: MalformedRequest): Promise<LightMyRequestResponse> {
    return t.app.inject({
      method: r.method as 'GET',
      url: r.url,
      headers: r.headers,
      ...(r.payload === undefined ? {} : { payload: r.payload }),
    });
  }

  it('covers every documented operation, each with a share of the battery', () => {
    expect(ops.length).toBeGreaterThan(30);
    const perOperation = new Map<string, number>();
    for (const r of requests) perOperation.set(r.operation, (perOperation.get(r.operation) ?? 0) + 1);
    for (const op of ops) expect(perOperation.get(`${op.method} ${op.path}`) ?? 0).toBeGreaterThanOrEqual(50);
    expect(requests.length).toBeGreaterThanOrEqual(REQUESTS_PER_DATABASE);
  });

  it(`answers ${REQUESTS_PER_DATABASE} malformed requests without a 5xx, in problem+json, changing nothing when it refuses`, async () => {
    /** Bad answers by operation and kind of fault, each with a count and its first example. */
    const faults = new Map<string, { count: number; example: string }>();
    const changedBy: string[] = [];
    let rejected = 0;
    let verified = 0;
    /** Sends a batch; returns the requests it refused. */
    const run = async (batch: MalformedRequest[]) => {
      const refused: MalformedRequest[] = [];
      for (const r of batch) {
        const res = await send(r);
        const fault = answerFault(r.method, res.statusCode, res.headers['content-type'], res.body);
        if (fault) {
          const group = `${r.operation} → ${fault.split(' ').slice(0, 3).join(' ')}`;
          const seen = faults.get(group) ?? { count: 0, example: `${describeRequest(r)} → ${fault}` };
          faults.set(group, { ...seen, count: seen.count + 1 });
        }
        if (res.statusCode >= 400) refused.push(r);
      }
      return refused;
    };
    for (let i = 0; i < requests.length; i += BATCH) {
      let batch = requests.slice(i, i + BATCH);
      let first = true;
      // A refused request must leave every table as it was. When a batch also had accepted requests
      // (which may write), its refused ones are sent again on their own until a run refuses them all.
      for (let attempt = 0; attempt < 4 && batch.length > 0; attempt++) {
        const before = await fingerprint(t);
        const refused = await run(batch);
        if (first) rejected += refused.length;
        first = false;
        if (refused.length === batch.length) {
          if ((await fingerprint(t)) === before) verified += refused.length;
          else changedBy.push(`one of: ${batch.map(describeRequest).join(' | ').slice(0, 2000)}`);
          break;
        }
        batch = refused;
      }
    }
    const report = [...faults].map(([group, { count, example }]) => `${count} × ${group}; e.g. ${example}`);
    expect(report, `${[...faults.values()].reduce((n, f) => n + f.count, 0)} bad answers`).toEqual([]);
    expect(changedBy.slice(0, 5), 'refused requests that changed a table').toEqual([]);
    // Most of the battery is refused (it is malformed), and nearly all of that was checked against a dump.
    expect(rejected).toBeGreaterThan(requests.length * 0.6);
    expect(verified).toBeGreaterThan(rejected * 0.95);
  }, 600_000);

  it("refuses the review's examples with a 400 naming the field: NUL in a path or a JSON string, base64 that does not decode", async () => {
    const staff = { cookie: credentials.staffCookie };
    const examples = [
      { method: 'GET', url: '/api/v1/staff/cases/%00', field: 'params.id' },
      {
        method: 'POST',
        url: `/api/v1/staff/cases/${caseId}/assign`,
        payload: { assignee: '\u0000' },
        field: 'body.assignee',
      },
      {
        method: 'POST',
        url: `/api/v1/staff/cases/${caseId}/messages`,
        headers: { 'idempotency-key': randomUUID() },
        payload: { sealed: 'AB==' },
        field: 'body.sealed',
      },
      {
        method: 'POST',
        url: '/api/v1/staff/workers',
        payload: {
          email: 'new@nl.example',
          role: 'caseworker',
          kdfSalt: '00'.repeat(16),
          authKey: 'ab'.repeat(32),
          totpSecret: generateTotpSecret(),
          wrappedHelplineKey: 'AAB=',
        },
        field: 'body.wrappedHelplineKey',
      },
      { method: 'GET', url: '/api/v1/staff/cases?platform=%00', field: 'querystring.platform' },
    ];
    const before = await fingerprint(t);
    for (const { method, url, headers, payload, field } of examples) {
      const res = await t.app.inject({
        method: method as 'GET',
        url,
        headers: { ...staff, ...headers },
        payload,
      });
      expect(res.statusCode, `${method} ${url}: ${res.body}`).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      const problem = res.json() as { code: string; errors?: { path: string }[] };
      expect(problem.code).toBe('request.invalid');
      expect(problem.errors?.map((e) => e.path)).toContain(field);
    }
    expect(await fingerprint(t)).toBe(before);
  });

  it('answers tus protocol errors in problem+json', async () => {
    const token = credentials.reporterToken;
    const tus = { 'tus-resumable': '1.0.0', authorization: `Bearer ${token}` };
    const patch = { ...tus, 'content-type': 'application/offset+octet-stream' };
    const cases: {
      method: string;
      url: string;
      headers: Record<string, string>;
      payload?: string;
      code?: string;
    }[] = [
      {
        method: 'PATCH',
        url: uploadLocation,
        headers: { ...patch, 'upload-offset': '2' },
        payload: 'xx',
        code: 'upload.offset-mismatch',
      },
      { method: 'PATCH', url: uploadLocation, headers: { ...patch, 'upload-offset': 'abc' }, payload: 'x' },
      { method: 'PATCH', url: uploadLocation, headers: { ...patch, 'upload-offset': '-1' }, payload: 'x' },
      { method: 'PATCH', url: uploadLocation, headers: { ...patch }, payload: 'x' },
      {
        method: 'PATCH',
        url: uploadLocation,
        headers: { ...patch, 'upload-offset': '0', 'content-type': 'text/plain' },
        payload: 'x',
      },
      {
        method: 'PATCH',
        url: uploadLocation,
        headers: { ...patch, 'upload-offset': '0', 'tus-resumable': '0.2.2' },
        payload: 'x',
      },
      {
        method: 'PATCH',
        url: uploadLocation,
        headers: { ...patch, 'upload-offset': '0' },
        payload: 'x'.repeat(100_000), // more than the upload's length
      },
      { method: 'HEAD', url: uploadLocation, headers: { authorization: tus.authorization } },
      { method: 'HEAD', url: `/api/v1/uploads/${'0'.repeat(32)}`, headers: tus },
      {
        method: 'POST',
        url: '/api/v1/uploads',
        headers: { 'upload-length': '4' },
        code: 'upload.tus-version',
      },
      { method: 'DELETE', url: uploadLocation, headers: { ...tus, 'tus-resumable': '9' } },
      { method: 'POST', url: '/api/v1/uploads', headers: tus },
      { method: 'POST', url: '/api/v1/uploads', headers: { ...tus, 'upload-length': 'abc' } },
      { method: 'POST', url: '/api/v1/uploads', headers: { ...tus, 'upload-length': String(2 ** 40) } },
      {
        method: 'POST',
        url: '/api/v1/uploads',
        headers: { ...tus, 'upload-length': '4', 'upload-metadata': 'reportId !!!,itemId' },
      },
      {
        method: 'POST',
        url: '/api/v1/uploads',
        headers: { ...tus, 'upload-length': '4', 'upload-defer-length': '1' },
      },
      {
        method: 'PATCH',
        url: '/api/v1/uploads/%00',
        headers: { ...patch, 'upload-offset': '0' },
        payload: 'x',
      },
      { method: 'GET', url: uploadLocation, headers: tus },
    ];
    const faults: string[] = [];
    for (const c of cases) {
      const res = await t.app.inject({
        method: c.method as 'GET',
        url: c.url,
        headers: c.headers,
        payload: c.payload,
      });
      expect(res.statusCode, `${c.method} ${JSON.stringify(c.headers)}`).toBeGreaterThanOrEqual(400);
      const fault = answerFault(c.method, res.statusCode, res.headers['content-type'], res.body);
      if (fault) faults.push(`${c.method} ${c.url} ${JSON.stringify(c.headers)} → ${fault}`);
      if (c.code) expect(res.json()).toMatchObject({ code: c.code, status: res.statusCode });
    }
    expect(faults).toEqual([]);
  });

  it('answers requests that never reach a route (431, bad request line, bad URL) in problem+json', async () => {
    const { port } = new URL(t.url);
    const raw = (request: string) =>
      new Promise<string>((resolve, reject) => {
        const socket = connect(Number(port), '127.0.0.1');
        let answer = '';
        socket.on('data', (chunk) => {
          answer += chunk.toString('latin1');
        });
        socket.on('end', () => resolve(answer));
        socket.on('close', () => resolve(answer));
        socket.on('error', (error) => (answer ? resolve(answer) : reject(error)));
        socket.end(request, 'latin1');
      });
    const get = (target: string, extra = '') =>
      `GET ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n${extra}\r\n`;
    const cases = [
      get('/api/v1/config', `X-Big: ${'a'.repeat(20_000)}\r\n`),
      get(`/api/v1/staff/cases/${'a'.repeat(20_000)}`),
      get(`/api/v1/staff/cases?platform=${'a'.repeat(20_000)}`),
      'GARBAGE\r\n\r\n',
      'GET / HTTP/9.9\r\nHost: x\r\n\r\n',
      get('/api/v1/config', 'X-Nul: a\0b\r\n'),
      get('/api/v1/config', 'Bad Header Name: x\r\n'),
      'POST /api/v1/reports HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\nConnection: close\r\n\r\n',
      'POST /api/v1/reports HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\nContent-Length: 2\r\nConnection: close\r\n\r\nab',
      'POST /api/v1/reports HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\nzz\r\n',
      get('/api/v1/staff/cases/%E0%A4%A'),
      get('/api/v1/staff/cases/%00'),
      get('/api/v1/nothing-here'),
      get('/api/v1/config\0'),
    ];
    const faults: string[] = [];
    for (const request of cases) {
      const answer = await raw(request);
      const [head = '', body = ''] = answer.split('\r\n\r\n', 2);
      const status = Number(head.split(' ')[1]);
      const contentType = /^content-type:\s*(.*)$/im.exec(head)?.[1]?.trim();
      expect(status, `${request.slice(0, 60)} → ${head}`).toBeGreaterThanOrEqual(400);
      const fault = answerFault('GET', status, contentType, body);
      if (fault) faults.push(`${JSON.stringify(request.slice(0, 80))} → ${fault}`);
    }
    expect(faults).toEqual([]);
  });
});
