import { generateIdentity, sealJson, toBase64 } from '@vangnet/crypto';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, jobs } from '../src/db/schema/index.ts';
import { REFERRAL_QUEUE } from '../src/referrals/referrals.ts';
import { ensureHelpline } from '../src/services/helpline.ts';
import { addHelpline, addVisibleReport, addWorker, signInAs, type TestHelpline } from './staff-fixtures.ts';
import { databaseKinds } from './support/databases.ts';
import { startTestApp, type TestApp } from './support/test-app.ts';

/**
 * What the console's supervisor screen and case controls send: a legal hold with its reason code,
 * the hold shown on the case, and the retry of a failed referral, each audited.
 */
describe.each(databaseKinds())('supervisor actions on %s', (kind) => {
  let t: TestApp;
  let home: TestHelpline;
  const cookie: Record<string, string> = {};

  beforeAll(async () => {
    t = await startTestApp(kind);
    home = await addHelpline(t.deps.db, 'NL', await ensureHelpline(t.deps.db, t.deps.pack));
    for (const role of ['supervisor', 'caseworker'] as const) {
      cookie[role] = (await signInAs(t.app, await addWorker(t.deps.db, home, role))).cookie;
    }
  });
  afterAll(async () => t?.close());

  const call = (who: string, method: 'GET' | 'PUT' | 'POST', url: string, payload?: object) =>
    t.app.inject({
      method,
      url: `/api/v1/staff${url}`,
      headers: { cookie: cookie[who] ?? '' },
      ...(payload ? { payload } : {}),
    });
  const auditOf = (caseId: string) =>
    t.deps.db
      .select({ action: auditLog.action, detail: auditLog.detail, actor: auditLog.actor })
      .from(auditLog)
      .where(eq(auditLog.caseId, caseId))
      .orderBy(auditLog.seq);

  it('sets a legal hold only with a reason code, records the reason, and shows the hold on the case', async () => {
    const report = await addVisibleReport(t.deps.db, t.deps.blobs, home);
    const missing = await call('supervisor', 'PUT', `/cases/${report.id}/legal-hold`, { hold: true });
    expect(missing.statusCode).toBe(422);
    expect(missing.headers['content-type']).toContain('application/problem+json');
    expect(missing.json()).toMatchObject({
      code: 'retention.legal-hold-reason-missing',
      errors: [{ path: 'body.reason' }],
    });
    const freeText = await call('supervisor', 'PUT', `/cases/${report.id}/legal-hold`, {
      hold: true,
      reason: 'the police called about Sam',
    });
    expect(freeText.statusCode).toBe(400);
    expect(freeText.json().code).toBe('retention.legal-hold-unknown-reason');
    // Neither refusal changed anything.
    expect((await call('supervisor', 'GET', `/cases/${report.id}`)).json().legalHold).toBe(false);
    expect((await auditOf(report.id)).map((a) => a.action)).not.toContain('case.legal-hold-set');

    const set = await call('supervisor', 'PUT', `/cases/${report.id}/legal-hold`, {
      hold: true,
      reason: 'police-request',
    });
    expect(set.json()).toEqual({ legalHold: true, changed: true });
    expect((await call('caseworker', 'GET', `/cases/${report.id}`)).json().legalHold).toBe(true);
    const lifted = await call('supervisor', 'PUT', `/cases/${report.id}/legal-hold`, { hold: false });
    expect(lifted.json()).toEqual({ legalHold: false, changed: true });
    const holds = (await auditOf(report.id)).filter((a) => a.action.startsWith('case.legal-hold'));
    expect(holds).toEqual([
      { action: 'case.legal-hold-set', detail: { reason: 'police-request' }, actor: expect.any(String) },
      { action: 'case.legal-hold-cleared', detail: {}, actor: expect.any(String) },
    ]);
    // A case worker may not set one.
    const refused = await call('caseworker', 'PUT', `/cases/${report.id}/legal-hold`, {
      hold: true,
      reason: 'court-order',
    });
    expect(refused.statusCode).toBe(403);
  });

  it('retries a failed referral once, audited, and only for a supervisor', async () => {
    const report = await addVisibleReport(t.deps.db, t.deps.blobs, home);
    const created = await call('caseworker', 'POST', `/cases/${report.id}/referrals`, {
      serviceId: 'offlimits',
      consent: true,
      // Sealed like a real package (the server refuses anything that is not age).
      sealed: toBase64(await sealJson({ note: 'package' }, [(await generateIdentity()).recipient])),
    });
    expect(created.statusCode).toBe(201);
    const { referralId } = created.json() as { referralId: string };
    // Time passes and every attempt fails: the job is dead-lettered (what the worker does after 12 tries).
    await t.deps.db
      .update(jobs)
      .set({ deadAt: new Date(), attempts: 12, lastError: 'HTTP 500' })
      .where(and(eq(jobs.queue, REFERRAL_QUEUE), sql`${jobs.payload}->>'referralId' = ${referralId}`));
    const failed = (await call('supervisor', 'GET', '/referrals/failed')).json() as {
      referrals: { referralId: string; caseId: string; state: string }[];
    };
    expect(failed.referrals).toContainEqual(
      expect.objectContaining({ referralId, caseId: report.id, state: 'failed' }),
    );

    expect((await call('caseworker', 'POST', `/referrals/${referralId}/retry`, {})).statusCode).toBe(403);
    const retried = await call('supervisor', 'POST', `/referrals/${referralId}/retry`, {});
    expect(retried.statusCode).toBe(200);
    expect(retried.json()).toEqual({ state: 'queued' });
    // Not failed any more: a second click finds nothing to retry and changes nothing.
    const again = await call('supervisor', 'POST', `/referrals/${referralId}/retry`, {});
    expect(again.statusCode).toBe(404);
    expect(again.json().code).toBe('referral.not-found');
    const retries = (await auditOf(report.id)).filter((a) => a.action === 'referral.retried');
    expect(retries).toEqual([
      {
        action: 'referral.retried',
        detail: { referralId, serviceId: 'offlimits' },
        actor: expect.any(String),
      },
    ]);
  });
});
