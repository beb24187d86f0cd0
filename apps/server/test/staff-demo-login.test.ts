import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import {
  type AgeRecipient,
  accessTokenHash,
  deriveReporterKeys,
  deriveWorkerSecrets,
  fromBase64,
  generateReceiptCode,
  openJson,
  sealJson,
  toBase64,
  unwrapHelplineIdentity,
} from '@vangnet/crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../src/config.ts';
import { DEMO_EMAIL, type DemoLogin, ensureDemoLogin } from '../src/staff/demo-login.ts';
import { awaitFreshTotpStep } from './staff-fixtures.ts';
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

  it('signs in end to end, opens a report sent through the intake API, and the reporter reads the reply', async () => {
    const config = (await t.app.inject({ method: 'GET', url: '/api/v1/config' })).json();
    expect(config.helplineRecipients).toHaveLength(1);

    // The reporter's device: seal to the recipients /config hands out plus the receipt-derived key.
    const code = generateReceiptCode();
    const reporter = await deriveReporterKeys(code);
    const marker = `MARKER-${Date.now()}`;
    const body = await sealJson(
      {
        version: 1,
        description: `what happened ${marker}`,
        links: [],
        language: 'nl',
        manifest: { version: 1, items: [] },
      },
      [...(config.helplineRecipients as AgeRecipient[]), reporter.recipient],
    );
    const submitted = await t.app.inject({
      method: 'POST',
      url: '/api/v1/reports',
      headers: { 'idempotency-key': randomUUID() },
      payload: {
        metadata: {
          country: config.country,
          category: 'harassment',
          platform: 'instagram',
          role: 'self',
          ageBand: '13-15',
          flags: { ongoing: true, danger: false, selfHarm: false, imageAbuse: false },
        },
        reporter: { recipient: reporter.recipient, accessTokenHash: accessTokenHash(reporter.accessToken) },
        body: toBase64(body),
        items: [],
      },
    });
    expect(submitted.statusCode, submitted.body).toBe(201);
    const reportId = submitted.json().reportId;

    // The case worker's browser, with the code from `vangnet totp`.
    await awaitFreshTotpStep();
    const { stdout } = await run(process.execPath, ['apps/cli/bin/vangnet.mjs', 'totp', login.totpSecret], {
      cwd: repoRoot,
    });
    const totp = stdout.trim();
    expect(totp).toMatch(/^\d{6}$/);
    const prelogin = await t.app.inject({
      method: 'POST',
      url: '/api/v1/staff/prelogin',
      payload: { email: login.email },
    });
    const { authKey, unwrapKey } = await deriveWorkerSecrets(login.password, prelogin.json().kdfSalt);
    const signedIn = await t.app.inject({
      method: 'POST',
      url: '/api/v1/staff/login',
      payload: { email: login.email, authKey, totp },
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
    expect(queue.json().cases.map((c: { id: string }) => c.id)).toEqual([reportId]);
    const fetched = (
      await t.app.inject({ method: 'GET', url: `/api/v1/staff/cases/${reportId}`, headers: { cookie } })
    ).json();
    const opened = await openJson<{ description: string }>(fromBase64(fetched.body) as never, [identity]);
    expect(opened.description).toContain(marker);

    // The reply is sealed to the helpline and the reporter; the reporter opens it with the receipt.
    const reply = await sealJson({ version: 1, text: 'We lezen je melding. Je bent niet alleen.' }, [
      ...(config.helplineRecipients as AgeRecipient[]),
      fetched.reporterRecipient,
    ]);
    const sent = await t.app.inject({
      method: 'POST',
      url: `/api/v1/staff/cases/${reportId}/messages`,
      headers: { cookie, 'idempotency-key': randomUUID() },
      payload: { sealed: toBase64(reply) },
    });
    expect(sent.statusCode).toBe(201);
    const self = await t.app.inject({
      method: 'GET',
      url: '/api/v1/reports/self',
      headers: { authorization: `Bearer ${reporter.accessToken}` },
    });
    const helplineMessages = self.json().messages.filter((m: { author: string }) => m.author === 'helpline');
    expect(helplineMessages).toHaveLength(1);
    const again = await deriveReporterKeys(code);
    const read = await openJson<{ text: string }>(fromBase64(helplineMessages[0].sealed) as never, [
      again.identity,
    ]);
    expect(read.text).toContain('niet alleen');
  });
});
