import { randomBytes } from 'node:crypto';
import { count } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readAuditChain } from '../src/audit/append-audit.ts';
import { knownHashes, knownHashLists } from '../src/db/schema/index.ts';
import { ensureHelpline } from '../src/services/helpline.ts';
import { addHelpline, addWorker, signInAs } from './staff-fixtures.ts';
import { databaseKinds } from './support/databases.ts';
import { startTestApp, type TestApp } from './support/test-app.ts';

const pdq = () => randomBytes(32).toString('hex');
const md5 = () => randomBytes(16).toString('hex');

describe.each(databaseKinds())('known-hash import over HTTP with arbitrary bodies on %s', (kind) => {
  let t: TestApp;
  let cookie: string;

  beforeAll(async () => {
    t = await startTestApp(kind);
    const helpline = await addHelpline(t.deps.db, 'NL', await ensureHelpline(t.deps.db, t.deps.pack));
    cookie = (await signInAs(t.app, await addWorker(t.deps.db, helpline, 'admin'))).cookie;
  });
  afterAll(async () => t?.close());

  const stored = async () => ({
    lists: (await t.deps.db.select({ n: count() }).from(knownHashLists))[0]?.n,
    hashes: (await t.deps.db.select({ n: count() }).from(knownHashes))[0]?.n,
    imports: (await readAuditChain(t.deps.db)).filter((r) => r.action === 'known-hashes.import').length,
  });

  it('answers 201 or a 4xx problem, never 500; a refused body stores and audits nothing', async () => {
    const cell = fc.oneof(
      fc.constantFrom('', '100', '0', '50', '-3', 'x', '"', ' '),
      fc.constant(null).map(() => pdq()),
      fc.constant(null).map(() => md5()),
      fc.string({ maxLength: 66 }),
    );
    const body = fc.oneof(
      fc
        .tuple(
          fc.constantFrom('pdq', 'md5', 'pdq,quality', 'md5,pdq', 'pdq,md5,quality', 'hash', ''),
          fc.array(fc.array(cell, { minLength: 1, maxLength: 3 }), { maxLength: 12 }),
        )
        .map(([header, rows]) => [header, ...rows.map((r) => r.join(','))].join('\n')),
      fc.string({ maxLength: 200 }),
    );
    const contentType = fc.constantFrom(
      'text/csv',
      'text/csv; charset=utf-8',
      'application/json',
      'text/plain',
    );
    const source = fc.oneof(fc.constantFrom('fuzz-list', 'fuzz.v2'), fc.string({ maxLength: 12 }));

    await fc.assert(
      fc.asyncProperty(body, contentType, source, async (payload, type, label) => {
        const before = await stored();
        const answer = await t.app.inject({
          method: 'POST',
          url: `/api/v1/staff/known-hash-lists?source=${encodeURIComponent(label)}`,
          headers: { cookie, 'content-type': type },
          payload,
        });
        const after = await stored();
        if (answer.statusCode === 201) {
          expect(after.lists).toBe((before.lists ?? 0) + 1);
          expect(after.imports).toBe(before.imports + 1);
          return;
        }
        expect(answer.statusCode).toBeGreaterThanOrEqual(400);
        expect(answer.statusCode).toBeLessThan(500);
        expect(answer.headers['content-type']).toContain('application/problem+json');
        expect(after).toEqual(before);
        // Problems name lines, never what was on them.
        for (const token of payload.match(/[0-9a-f]{32,}/g) ?? []) expect(answer.body).not.toContain(token);
      }),
      { numRuns: 60 },
    );
  }, 120_000);
});
