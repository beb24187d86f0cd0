import { accessTokenHash } from '@vangnet/crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureHelpline } from '../src/services/helpline.ts';
import { changeCaseStatus } from '../src/staff/case-actions.ts';
import { staffPolicyOf } from '../src/staff/staff-policy.ts';
import type { PublicStatistics } from '../src/statistics/public-statistics.ts';
import { addHelpline, addWorker, type TestWorker } from './staff-fixtures.ts';
import { databaseKinds } from './support/databases.ts';
import { addHelplineKey, prepareReport, submit } from './support/reporter-client.ts';
import { startTestApp, type TestApp } from './support/test-app.ts';

/**
 * "Did this help?" (issue 12): a closed case's reporter answers through the follow-up API with the same
 * access token as every follow-up call; an open case cannot be answered; a second answer replaces the
 * first; and the answers show up in the public figures the next time they are computed (once there are k).
 */
describe.each(databaseKinds())('did this help? on %s', (kind) => {
  let t: TestApp;
  let worker: TestWorker;
  let helplineId: string;
  const tokens: { id: string; token: string }[] = [];

  beforeAll(async () => {
    t = await startTestApp(kind, {
      limits: { perIpPerMinute: 1e9, submissionsPerIpPerHour: 1e9, followUpPerIpPerMinute: 1e9 },
      statisticsCacheMs: 0,
    });
    await addHelplineKey(t);
    helplineId = await ensureHelpline(t.deps.db, t.deps.pack);
    worker = await addWorker(t.deps.db, await addHelpline(t.deps.db, 'NL', helplineId), 'caseworker');
    for (let i = 0; i < 11; i++) {
      const prepared = await prepareReport(t);
      const res = await submit(t, prepared.request);
      expect(res.statusCode).toBe(201);
      tokens.push({ id: (res.json() as { reportId: string }).reportId, token: prepared.keys.accessToken });
      expect(accessTokenHash(prepared.keys.accessToken)).toBe(prepared.request.reporter.accessTokenHash);
    }
  }, 120_000);
  afterAll(async () => {
    await t?.close();
  });

  const put = (token: string, payload: object) =>
    t.app.inject({
      method: 'PUT',
      url: '/api/v1/reports/self/feedback',
      headers: { authorization: `Bearer ${token}` },
      payload,
    });
  const stats = async () =>
    (await t.app.inject({ url: '/api/v1/public/statistics' })).json() as PublicStatistics;
  const thisMonth = () => new Date().toISOString().slice(0, 7);

  it('refuses answers while the case is open, and changes nothing', async () => {
    const first = tokens[0]!;
    const res = await put(first.token, { helped: 'yes' });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: 'feedback.case-open' });
    const got = await t.app.inject({
      url: '/api/v1/reports/self/feedback',
      headers: { authorization: `Bearer ${first.token}` },
    });
    expect(got.json()).toEqual({ open: false, heard: null, helped: null, fastEnough: null });
  });

  it('refuses an answer that is not yes, partly or no with a translatable code', async () => {
    const res = await put(tokens[0]!.token, { helped: 'very much' });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'feedback.invalid-answer' });
  });

  it('takes the answers of closed cases, replaces on a second answer, and counts them once there are k', async () => {
    const policy = staffPolicyOf(t.deps.pack.countryPack ?? t.deps.pack);
    for (const { id } of tokens) {
      const closed = await changeCaseStatus(t.deps.db, policy, {
        helplineId,
        caseId: id,
        workerId: worker.id,
        to: 'closed',
        fields: { reason: 'resolved' },
      });
      expect(closed.ok).toBe(true);
    }
    // Nine answers: below k, so the figure stays hidden.
    for (const { token } of tokens.slice(0, 9)) {
      const res = await put(token, { heard: 'yes', helped: 'partly' });
      expect(res.statusCode).toBe(200);
    }
    expect((await stats()).feedback.helped.rows[thisMonth()]?.partly).toBeNull();
    // The tenth answer makes it k; an earlier reporter changing their mind moves one answer, never adds one.
    expect((await put(tokens[9]!.token, { helped: 'partly', fastEnough: 'no' })).statusCode).toBe(200);
    expect((await put(tokens[0]!.token, { helped: 'partly', fastEnough: 'yes' })).statusCode).toBe(200);
    const doc = await stats();
    expect(doc.feedback.helped.rows[thisMonth()]?.partly).toBe(10);
    expect(doc.feedback.helped.rows[thisMonth()]?.total).toBe(10);
    // Only two answered "fast enough": hidden.
    expect(doc.feedback.fastEnough.rows[thisMonth()]?.total).toBeNull();
    // The replacing answer left "heard" open, so eight said yes: below k, hidden.
    expect(doc.feedback.heard.rows[thisMonth()]?.yes).toBeNull();
  });
});
