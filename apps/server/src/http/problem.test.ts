import { fromBase64, toBase64 } from '@vangnet/crypto';
import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds, openTestDatabase, type TestDatabase } from '../../test/support/databases.ts';
import { base64Schema } from './base64-schema.ts';
import { registerProblemHandling } from './problem.ts';

describe.each(databaseKinds())('a value the database refuses on %s', (kind) => {
  let database: TestDatabase;
  let app: FastifyInstance;
  beforeAll(async () => {
    database = await openTestDatabase(kind);
    app = Fastify();
    registerProblemHandling(app);
    // The safety net behind the schemas: a route without one, sending input straight to the database.
    app.get<{ Querystring: { text: string; uuid: string } }>('/echo', async (request) => {
      const { text = '', uuid = '00000000-0000-0000-0000-000000000000' } = request.query;
      await database.db.execute(sql`select ${text}::text as t, ${uuid}::uuid as u`);
      return { ok: true };
    });
    await app.ready();
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  it('is a 400 problem, not a 500: a NUL in text (22021) or a malformed UUID (22P02)', async () => {
    expect((await app.inject({ url: '/echo?text=fine' })).statusCode).toBe(200);
    for (const query of ['text=a%00b', 'uuid=not-a-uuid']) {
      const res = await app.inject({ url: `/echo?${query}` });
      expect(res.statusCode, query).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json()).toMatchObject({ status: 400, code: 'request.invalid-value' });
    }
  });
});

describe('base64Schema', () => {
  it('accepts every encoding of bytes, and only text that decodes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        expect(base64Schema.safeParse(toBase64(bytes)).success).toBe(true);
      }),
    );
    const base64ish = fc.string({ unit: fc.constantFrom(...'AQBgw+/=9z'.split('')), maxLength: 12 });
    fc.assert(
      fc.property(base64ish, (text) => {
        if (base64Schema.safeParse(text).success) expect(() => fromBase64(text)).not.toThrow();
      }),
      { numRuns: 2000 },
    );
    for (const text of ['AB==', 'AAB=', 'A', 'A==='])
      expect(base64Schema.safeParse(text).success).toBe(false);
  });
});
