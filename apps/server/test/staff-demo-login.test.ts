import { execFile } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { type AgeRecipient, deriveWorkerSecrets, openJson, unwrapHelplineIdentity } from '@vangnet/crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../src/config.ts';
import { ensureHelpline } from '../src/services/helpline.ts';
import { DEMO_EMAIL, type DemoLogin, ensureDemoLogin } from '../src/staff/demo-login.ts';
import { addVisibleReport, awaitFreshTotpStep } from './staff-fixtures.ts';
import { databaseKinds } from './support/databases.ts';
import { startTestApp, type TestApp } from './support/test-app.ts';

const run = promisify(execFile);

describe.each(databaseKinds())('demo login on %s', (kind) => {
  let t: TestApp;
  let login: DemoLogin;

  beforeAll(async () => {
    t = await startTestApp(kind);
    login = (await ensureDemoLogin(t.deps))!;
  });
  afterAll(async () => t?.close());

  it('creates an admin with a readable password and a TOTP secret, kept in an owner-only file', async () => {
    expect(login.email).toBe(DEMO_EMAIL);
    expect(login.password).toMatch(/^[a-z2-9]{5}(-[a-z2-9]{5}){3}$/);
    expect(login.totpSecret).toMatch(/^[A-Z2-7]{32}$/);
    expect(login.otpauthUri).toContain(`secret=${login.totpSecret}`);
    expect(login.currentCode).toBe(`npx vangnet totp ${login.totpSecret}`);
    const file = join(t.deps.config.dataDir, 'demo-login.txt');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, 'utf8')).toContain(`password: ${login.password}`);
    // A later start shows the same login and creates nothing new.
    expect(await ensureDemoLogin(t.deps)).toEqual(login);
  });

  it('signs in end to end and opens a report sealed to the helpline', async () => {
    const config = (await t.app.inject({ method: 'GET', url: '/api/v1/config' })).json();
    expect(config.helplineRecipients).toHaveLength(1);
    // The reporter's side: sealed on the device to the recipients /config hands out.
    const helplineId = await ensureHelpline(t.deps.db, t.deps.pack);
    const report = await addVisibleReport(
      t.deps.db,
      t.deps.blobs,
      { id: helplineId, country: config.country },
      { recipients: config.helplineRecipients as AgeRecipient[] },
    );

    // The case worker's side, as the console does it, with the code from `vangnet totp`.
    await awaitFreshTotpStep();
    const { stdout } = await run(process.execPath, ['apps/cli/bin/vangnet.mjs', 'totp', login.totpSecret], {
      cwd: repoRoot,
    });
    const code = stdout.trim();
    expect(code).toMatch(/^\d{6}$/);
    const prelogin = await t.app.inject({
      method: 'POST',
      url: '/api/v1/staff/prelogin',
      payload: { email: login.email },
    });
    const { authKey, unwrapKey } = await deriveWorkerSecrets(login.password, prelogin.json().kdfSalt);
    const signedIn = await t.app.inject({
      method: 'POST',
      url: '/api/v1/staff/login',
      payload: { email: login.email, authKey, totp: code },
    });
    expect(signedIn.statusCode).toBe(200);
    expect(signedIn.json().worker).toMatchObject({
      email: DEMO_EMAIL,
      role: 'admin',
      country: config.country,
    });
    const identity = await unwrapHelplineIdentity(
      Buffer.from(signedIn.json().wrappedHelplineKey, 'base64'),
      unwrapKey,
    );
    const cookie = String(signedIn.headers['set-cookie']).split(';')[0]!;

    const queue = await t.app.inject({ method: 'GET', url: '/api/v1/staff/cases', headers: { cookie } });
    expect(queue.json().cases.map((c: { id: string }) => c.id)).toEqual([report.id]);
    const fetched = await t.app.inject({
      method: 'GET',
      url: `/api/v1/staff/cases/${report.id}`,
      headers: { cookie },
    });
    const opened = await openJson<{ description: string }>(
      Buffer.from(fetched.json().body, 'base64') as never,
      [identity],
    );
    expect(opened.description).toContain(report.marker);
  });
});
