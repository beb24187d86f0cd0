import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds } from './support/databases.ts';
import { addHelplineKey, type PreparedReport, prepareReport, submit } from './support/reporter-client.ts';
import { startTestApp, type TestApp } from './support/test-app.ts';

/** Whatever the input, the answer is a client error in problem+json (or a success), never a 500. */
function expectNoServerError(res: LightMyRequestResponse): void {
  expect(res.statusCode, res.body).toBeLessThan(500);
  if (res.statusCode >= 400) {
    expect(res.headers['content-type']).toContain('application/problem+json');
    const problem = res.json();
    expect(typeof problem.code).toBe('string');
    expect(problem.status).toBe(res.statusCode);
  }
}

const printable = fc.string({
  unit: fc.constantFrom(...' !#$%&()*+,-./0123456789:;<=>?@AZaz[]^_`{|}~é'.split('')),
});

/** A valid request with one field (possibly nested) replaced by arbitrary JSON or removed. */
function mutate(base: Record<string, unknown>, path: string[], value: unknown): unknown {
  const copy = structuredClone(base);
  let node: Record<string, unknown> = copy;
  for (const key of path.slice(0, -1)) {
    const next = node[key];
    if (typeof next !== 'object' || next === null) return copy;
    node = next as Record<string, unknown>;
  }
  const last = path.at(-1)!;
  if (value === undefined) delete node[last];
  else node[last] = value;
  return copy;
}

const fieldPaths = [
  ['metadata'],
  ['metadata', 'country'],
  ['metadata', 'category'],
  ['metadata', 'platform'],
  ['metadata', 'channel'],
  ['metadata', 'role'],
  ['metadata', 'ageBand'],
  ['metadata', 'flags'],
  ['metadata', 'flags', 'danger'],
  ['reporter'],
  ['reporter', 'recipient'],
  ['reporter', 'accessTokenHash'],
  ['body'],
  ['items'],
  ['extra'],
];

describe.each(databaseKinds())('no input makes the reporter API fail on %s', (kind) => {
  let t: TestApp;
  let valid: PreparedReport;
  beforeAll(async () => {
    // Limits out of the way: this test is about input, not about how often it arrives.
    t = await startTestApp(kind, {
      limits: {
        perIpPerMinute: 1e9,
        submissionsPerIpPerHour: 1e9,
        followUpPerTokenPerMinute: 1e9,
        followUpPerIpPerMinute: 1e9,
      },
    });
    await addHelplineKey(t);
    valid = await prepareReport(t, { items: [new Uint8Array([1, 2, 3])] });
    expect((await submit(t, valid.request)).statusCode).toBe(201);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('POST /reports with arbitrary JSON', async () => {
    await fc.assert(
      fc.asyncProperty(fc.jsonValue(), async (body) => {
        const res = await t.app.inject({
          method: 'POST',
          url: '/api/v1/reports',
          headers: { 'idempotency-key': randomUUID(), 'content-type': 'application/json' },
          payload: JSON.stringify(body),
        });
        expectNoServerError(res);
        expect(res.statusCode).toBeGreaterThanOrEqual(400);
      }),
      { numRuns: 150 },
    );
  });

  it('POST /reports with one field of a valid report replaced or removed', async () => {
    const base = (await prepareReport(t)).request as unknown as Record<string, unknown>;
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...fieldPaths),
        fc.option(fc.jsonValue(), { nil: undefined }),
        async (path, value) => {
          const res = await submit(t, mutate(base, path, value));
          expectNoServerError(res);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('POST /reports with odd headers and raw bodies', async () => {
    await fc.assert(
      fc.asyncProperty(
        printable,
        printable,
        fc.constantFrom('application/json', 'text/plain', 'application/xml'),
        async (key, raw, type) => {
          const res = await t.app.inject({
            method: 'POST',
            url: '/api/v1/reports',
            headers: { 'idempotency-key': key, 'content-type': type },
            payload: raw,
          });
          expectNoServerError(res);
          expect(res.statusCode).toBeGreaterThanOrEqual(400);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('GET /reports/self with arbitrary Authorization headers', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          printable,
          printable.map((s) => `Bearer ${s}`),
          fc.stringMatching(/^Bearer [0-9a-f]{64}$/),
        ),
        async (authorization) => {
          const res = await t.app.inject({ url: '/api/v1/reports/self', headers: { authorization } });
          expectNoServerError(res);
          expect([401, 404]).toContain(res.statusCode);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('POST /reports/self/messages with arbitrary bodies, with a valid and a wrong token', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.jsonValue(),
          fc.record({ sealed: fc.oneof(fc.jsonValue(), fc.base64String(), printable) }),
        ),
        fc.boolean(),
        async (body, rightToken) => {
          const token = rightToken ? valid.keys.accessToken : 'ef'.repeat(32);
          const res = await t.app.inject({
            method: 'POST',
            url: '/api/v1/reports/self/messages',
            headers: {
              authorization: `Bearer ${token}`,
              'idempotency-key': randomUUID(),
              'content-type': 'application/json',
            },
            payload: JSON.stringify(body),
          });
          expectNoServerError(res);
          expect(res.statusCode).toBeGreaterThanOrEqual(400);
        },
      ),
      { numRuns: 150 },
    );
  });
});
