import { randomUUID } from 'node:crypto';
import { sealJson, toBase64 } from '@vangnet/crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureHelpline } from '../src/services/helpline.ts';
import { addVisibleReport, addWorker, signInAs } from './staff-fixtures.ts';
import { databaseKinds } from './support/databases.ts';
import { addHelplineKey, prepareReport, submit } from './support/reporter-client.ts';
import { startTestApp, type TestApp } from './support/test-app.ts';

/**
 * Issue 9: answers that carry case data are never cached (a shared or school device keeps no copy),
 * and every answer says which browser features no page of ours may use.
 */
describe.each(databaseKinds())('response headers on %s', (kind) => {
  let t: TestApp;
  let token: string;
  let reportId: string;
  let cookie: string;

  beforeAll(async () => {
    t = await startTestApp(kind);
    const key = await addHelplineKey(t);
    const prepared = await prepareReport(t);
    const submitted = await submit(t, prepared.request);
    expect(submitted.statusCode).toBe(201);
    token = prepared.keys.accessToken;
    const helplineId = await ensureHelpline(t.deps.db, t.deps.pack);
    const helpline = { id: helplineId, country: 'NL', ...key };
    reportId = (await addVisibleReport(t.deps.db, t.deps.blobs, helpline)).id;
    const admin = await addWorker(t.deps.db, helpline, 'admin');
    cookie = (await signInAs(t.app, admin)).cookie;
  });
  afterAll(async () => t?.close());

  it('sends Cache-Control: no-store on every reporter and staff answer with case data', async () => {
    const auth = { authorization: `Bearer ${token}` };
    const sealed = toBase64(await sealJson({ text: 'hoi' }, [(await prepareReport(t)).keys.recipient]));
    const answers = {
      'report self': await t.app.inject({ url: '/api/v1/reports/self', headers: auth }),
      'report self, unknown token': await t.app.inject({
        url: '/api/v1/reports/self',
        headers: { authorization: `Bearer ${'0'.repeat(64)}` },
      }),
      'reporter message': await t.app.inject({
        method: 'POST',
        url: '/api/v1/reports/self/messages',
        headers: { ...auth, 'idempotency-key': randomUUID() },
        payload: { sealed },
      }),
      submit: await submit(t, (await prepareReport(t)).request),
      'staff queue': await t.app.inject({ url: '/api/v1/staff/cases', headers: { cookie } }),
      'staff case': await t.app.inject({ url: `/api/v1/staff/cases/${reportId}`, headers: { cookie } }),
      'legal hold': await t.app.inject({
        method: 'PUT',
        url: `/api/v1/staff/cases/${reportId}/legal-hold`,
        headers: { cookie },
        payload: { hold: true },
      }),
      'referral proposals': await t.app.inject({
        url: `/api/v1/staff/cases/${reportId}/referrals`,
        headers: { cookie },
      }),
      'failed referrals': await t.app.inject({ url: '/api/v1/staff/referrals/failed', headers: { cookie } }),
      'overdue cases': await t.app.inject({ url: '/api/v1/staff/sla/overdue', headers: { cookie } }),
    };
    for (const [name, res] of Object.entries(answers)) {
      expect(res.statusCode, `${name}: ${res.body}`).toBeLessThan(500);
      expect(res.headers['cache-control'], name).toBe('no-store');
    }
    expect(answers['report self'].statusCode).toBe(200);
    expect(answers['staff case'].statusCode).toBe(200);
    // tus answers too (the upload handler writes the reply itself).
    const head = await fetch(`${t.url}/api/v1/uploads/${'a'.repeat(32)}`, {
      method: 'HEAD',
      headers: { ...auth, 'tus-resumable': '1.0.0' },
    });
    expect(head.headers.get('cache-control')).toBe('no-store');
  });

  it('sends a strict Permissions-Policy that still lets the reporter app copy its receipt code', async () => {
    for (const url of ['/healthz', '/api/v1/config', '/api/v1/reports/self', '/api/v1/staff/me', '/']) {
      const policy = String((await t.app.inject({ url })).headers['permissions-policy'] ?? '');
      const features = new Map(
        policy.split(',').map((f) => {
          const [name, allow] = f.trim().split('=');
          return [name, allow] as const;
        }),
      );
      for (const denied of ['camera', 'microphone', 'geolocation', 'payment', 'usb', 'display-capture']) {
        expect(features.get(denied), `${url}: ${denied}`).toBe('()');
      }
      // apps/report/src/send/receipt-code.tsx copies the receipt code with navigator.clipboard.
      expect(features.get('clipboard-write'), url).toBe('(self)');
      // Passkeys are for the console only; the reporter app and the API never use WebAuthn.
      expect(features.get('publickey-credentials-create'), url).toBe('()');
      expect(features.get('publickey-credentials-get'), url).toBe('()');
    }
  });

  it('lets only the console pages use passkeys (WebAuthn) for their own origin', async () => {
    for (const url of ['/console/', '/console/security']) {
      const policy = String((await t.app.inject({ url })).headers['permissions-policy'] ?? '');
      const features = new Map(policy.split(',').map((f) => f.trim().split('=') as [string, string]));
      expect(features.get('publickey-credentials-create'), url).toBe('(self)');
      expect(features.get('publickey-credentials-get'), url).toBe('(self)');
      expect(features.get('camera'), url).toBe('()');
    }
  });
});
