import { DEMO_ANCHOR_PUBLIC_KEY } from '@vangnet/core';
import {
  generateSigningKey,
  type RecipientList,
  type SignedRecipientList,
  signRecipientList,
  verifyRecipientList,
} from '@vangnet/crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readAuditChain } from '../src/audit/append-audit.ts';
import { ensureHelpline } from '../src/services/helpline.ts';
import { addHelpline, addWorker, signInAs, type TestHelpline } from './staff-fixtures.ts';
import { databaseKinds } from './support/databases.ts';
import { startTestApp, type TestApp } from './support/test-app.ts';

// The helpline's recipient list, signed by an anchor the pack names: `/config` hands it out as signed,
// and an administrator's browser can store a newer one; the server refuses any list the apps would.
describe.each(databaseKinds())('signed recipient list on %s', (kind) => {
  let t: TestApp;
  let helpline: TestHelpline;
  let adminCookie: string;
  let caseworkerCookie: string;
  const anchor = generateSigningKey();
  const stranger = generateSigningKey();

  beforeAll(async () => {
    t = await startTestApp(kind);
    // The pack's own anchor next to the demo one, as a helpline moving off the demo key would have.
    t.deps.pack = { ...t.deps.pack, trustAnchors: [DEMO_ANCHOR_PUBLIC_KEY, anchor.publicKey] };
    helpline = await addHelpline(t.deps.db, 'NL', await ensureHelpline(t.deps.db, t.deps.pack));
    adminCookie = (await signInAs(t.app, await addWorker(t.deps.db, helpline, 'admin'))).cookie;
    caseworkerCookie = (await signInAs(t.app, await addWorker(t.deps.db, helpline, 'caseworker'))).cookie;
  });
  afterAll(async () => t?.close());

  const config = async () =>
    (await t.app.inject({ method: 'GET', url: '/api/v1/config' })).json() as {
      country: string;
      signedRecipients: SignedRecipientList | null;
    };
  const store = (body: unknown, cookie = adminCookie) =>
    t.app.inject({
      method: 'POST',
      url: '/api/v1/staff/recipient-list',
      headers: { cookie },
      payload: body as object,
    });

  const listOf = (sequence: number, recipients: string[]): RecipientList => ({
    kind: 'vangnet.recipient-list',
    version: 1,
    country: 'NL',
    sequence,
    recipients,
    notBefore: new Date(Date.now() - 60_000).toISOString(),
    notAfter: new Date(Date.now() + 86_400_000).toISOString(),
  });

  it('hands out the demo-signed list of the active recipients, which verifies against the pack', async () => {
    const { signedRecipients, country } = await config();
    const check = verifyRecipientList(signedRecipients, {
      anchors: t.deps.pack.trustAnchors,
      country,
      now: new Date(),
    });
    expect(check.ok && check.list.recipients).toEqual([helpline.recipient]);
    expect(signedRecipients?.signedBy).toBe(DEMO_ANCHOR_PUBLIC_KEY);
  });

  it("stores a list the administrator's anchor signed, audited, and serves exactly that", async () => {
    const current = (await config()).signedRecipients!;
    const signed = signRecipientList(
      listOf(current.list.sequence + 1, [helpline.recipient]),
      anchor.privateKey,
    );
    const res = await store(signed);
    expect(res.statusCode).toBe(201);
    expect((await config()).signedRecipients).toEqual(signed);
    const chain = await readAuditChain(t.deps.db);
    expect(chain.at(-1)?.action).toBe('recipient-list.sign');
  });

  it.each<[string, (seq: number) => unknown, string]>([
    [
      'signed by a key not in the pack',
      (seq) => signRecipientList(listOf(seq + 1, [helpline.recipient]), stranger.privateKey),
      'recipient-list.invalid',
    ],
    [
      'tampered after signing',
      (seq) => {
        const signed = signRecipientList(listOf(seq + 1, [helpline.recipient]), anchor.privateKey);
        return { ...signed, list: { ...signed.list, recipients: [`age1${'z'.repeat(58)}`] } };
      },
      'recipient-list.invalid',
    ],
    [
      'older than the stored one',
      (seq) => signRecipientList(listOf(seq, [helpline.recipient]), anchor.privateKey),
      'recipient-list.stale',
    ],
    [
      'for another country',
      (seq) =>
        signRecipientList({ ...listOf(seq + 1, [helpline.recipient]), country: 'BE-VL' }, anchor.privateKey),
      'recipient-list.invalid',
    ],
  ])('refuses a list %s, and changes nothing', async (_name, make, code) => {
    const before = (await config()).signedRecipients!;
    const res = await store(make(before.list.sequence));
    expect(res.statusCode).toBe(422);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.json().code).toBe(code);
    expect((await config()).signedRecipients).toEqual(before);
  });

  it('is for administrators only', async () => {
    const before = (await config()).signedRecipients!;
    const signed = signRecipientList(
      listOf(before.list.sequence + 1, [helpline.recipient]),
      anchor.privateKey,
    );
    expect((await store(signed, caseworkerCookie)).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/staff/recipient-list' })).statusCode).toBe(401);
    expect((await config()).signedRecipients).toEqual(before);
  });
});
