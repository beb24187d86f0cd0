import { join } from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds, openTestDatabase, type TestDatabase } from '../../test/support/databases.ts';
import type { AppDeps } from '../app-deps.ts';
import { activePackFrom } from '../country-pack/active.ts';
import { loadCountryPack } from '../country-pack/load.ts';
import { helplines, reports } from '../db/schema/index.ts';
import { registerProblemHandling } from '../http/problem.ts';
import { SESSION_COOKIE } from '../staff/session-token.ts';
import { startSession } from '../staff/sessions.ts';
import { totpKeyOf } from '../staff/totp-at-rest.ts';
import { createWorker } from '../staff/workers.ts';
import { slaRoutes } from './sla-routes.ts';
import { scheduleSlaJobs, slaHandlers } from './sla-watch.ts';
import { runDueJobs } from './worker.ts';

describe.each(databaseKinds())('GET /staff/sla/overdue on %s', (kind) => {
  let database: TestDatabase;
  let app: FastifyInstance;
  const cookies: Record<string, string> = {};

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    const { db } = database;
    const pack = await loadCountryPack(join(import.meta.dirname, '../../../../country-packs/NL'));
    await db.insert(helplines).values({ id: 'h1', country: 'NL', name: 'Helpwanted' });
    const long = new Date(Date.now() - 3 * 86_400_000);
    await db.insert(reports).values({
      id: 'late',
      helplineId: 'h1',
      country: 'NL',
      category: 'harassment',
      platform: 'tiktok',
      role: 'self',
      ageBand: '13-15',
      flags: { ongoing: false, danger: false, selfHarm: false, imageAbuse: false },
      status: 'new',
      reporterRecipient: 'age1x',
      accessTokenHash: 'x',
      body: new Uint8Array([1]),
      bodySha256: '0'.repeat(64),
      visibleAt: long,
    });
    await scheduleSlaJobs(db, pack);
    await runDueJobs({ db, handlers: slaHandlers(db) });
    for (const [name, role] of [
      ['caseworker', 'caseworker'],
      ['supervisor', 'supervisor'],
    ] as const) {
      const worker = await createWorker(
        db,
        {
          helplineId: 'h1',
          email: `${name}@h1.test`,
          role,
          kdfSalt: '00'.repeat(16),
          authKey: 'ab'.repeat(32),
          totpSecret: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP',
          wrappedHelplineKey: new Uint8Array([1]),
        },
        'system',
        // No app here to register the server's key; any key will do (these tests never check a code).
        totpKeyOf('cd'.repeat(32)),
      );
      cookies[name] = `${SESSION_COOKIE}=${await startSession(db, worker.id)}`;
    }
    app = Fastify().withTypeProvider<ZodTypeProvider>();
    app.setValidatorCompiler(validatorCompiler);
    app.setSerializerCompiler(serializerCompiler);
    registerProblemHandling(app);
    const deps = { db, pack: activePackFrom(pack) } as unknown as AppDeps;
    await app.register(slaRoutes, { deps, prefix: '/api/v1/staff' });
    await app.ready();
  });
  afterAll(async () => {
    await app.close();
    await database.close();
  });

  it('shows supervisors the cases past their first-contact target', async () => {
    const res = await app.inject({
      url: '/api/v1/staff/sla/overdue',
      headers: { cookie: cookies.supervisor! },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      cases: [{ caseId: 'late', deadline: expect.any(String), escalatedAt: expect.any(String) }],
      referrals: [],
    });
  });

  it('is not for case workers or anyone signed out', async () => {
    const worker = await app.inject({
      url: '/api/v1/staff/sla/overdue',
      headers: { cookie: cookies.caseworker! },
    });
    expect(worker.statusCode).toBe(403);
    expect((await app.inject({ url: '/api/v1/staff/sla/overdue' })).statusCode).toBe(401);
  });
});
