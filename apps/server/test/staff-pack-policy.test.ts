import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadActivePack } from '../src/active-pack.ts';
import { repoRoot } from '../src/config.ts';
import { ensureHelpline } from '../src/services/helpline.ts';
import { staffPolicyOf } from '../src/staff/staff-policy.ts';
import { addHelpline, addVisibleReport, addWorker, signInAs } from './staff-fixtures.ts';
import { databaseKinds } from './support/databases.ts';
import { startTestApp, type TestApp } from './support/test-app.ts';

/** The staff API follows the loaded country pack: its workflow, its urgency rules, its permissions. */
describe('staff policy from a country pack', () => {
  it('reads the NL pack and falls back to defaults without one', async () => {
    const nl = staffPolicyOf(await loadActivePack(join(repoRoot, 'country-packs/NL')));
    expect(nl.transitions?.find((t) => t.to === 'closed')?.requires).toEqual(['reason']);
    expect(nl.urgentWhen.length).toBeGreaterThan(0);
    const bare = staffPolicyOf({ country: 'XX' });
    expect(bare.transitions).toBeUndefined();
    expect(bare.urgentWhen).toEqual(['danger', 'selfHarm']);
    const overridden = staffPolicyOf({
      meta: { rolePermissions: { caseworker: ['case.list', 'case.audit', 'not.a.permission'] } },
    });
    expect(overridden.permissions).toEqual({ caseworker: ['case.list', 'case.audit'] });
  });
});

describe.each(databaseKinds())('staff API with the NL pack on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(kind, { pack: await loadActivePack(join(repoRoot, 'country-packs/NL')) });
  });
  afterAll(async () => t?.close());

  it("follows the pack's status workflow and required fields", async () => {
    const helpline = await addHelpline(t.deps.db, 'NL', await ensureHelpline(t.deps.db, t.deps.pack));
    const { cookie } = await signInAs(t.app, await addWorker(t.deps.db, helpline, 'caseworker'));
    const report = await addVisibleReport(t.deps.db, t.deps.blobs, helpline);
    const status = (payload: object) =>
      t.app.inject({
        method: 'POST',
        url: `/api/v1/staff/cases/${report.id}/status`,
        headers: { cookie },
        payload,
      });
    const missing = await status({ status: 'closed' });
    expect(missing.statusCode).toBe(422);
    expect(missing.json()).toMatchObject({
      code: 'case.status-fields-missing',
      errors: [{ path: 'body.reason' }],
    });
    const referral = await status({ status: 'referred', serviceId: 'politie' });
    expect(referral.json().errors).toEqual([expect.objectContaining({ path: 'body.consent' })]);
    expect((await status({ status: 'closed', reason: 'resolved' })).statusCode).toBe(200);
  });
});
