import { randomUUID } from 'node:crypto';
import { fromBase64, openJson, sealJson, toBase64 } from '@vangnet/crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, messages } from '../src/db/schema/index.ts';
import { ensureHelpline } from '../src/services/helpline.ts';
import { addHelpline, addVisibleReport, addWorker, signInAs, type TestHelpline } from './staff-fixtures.ts';
import { databaseKinds } from './support/databases.ts';
import { addHelplineKey, prepareReport, submit } from './support/reporter-client.ts';
import { startTestApp, type TestApp } from './support/test-app.ts';

/**
 * Issue 9: the staff message route stored plaintext readable and handed it to the reporter. Like the
 * reporter's own message route it now takes only a well-formed age file; anything else is refused
 * with problem+json and nothing is stored, audited or delivered.
 */
describe.each(databaseKinds())('staff messages are sealed on %s', (kind) => {
  let t: TestApp;
  let helpline: TestHelpline;
  let cookie: string;
  let reportId: string;
  let reporter: Awaited<ReturnType<typeof prepareReport>>['keys'];

  beforeAll(async () => {
    t = await startTestApp(kind);
    const key = await addHelplineKey(t);
    helpline = await addHelpline(t.deps.db, 'NL', await ensureHelpline(t.deps.db, t.deps.pack));
    helpline = { ...helpline, ...key };
    const prepared = await prepareReport(t);
    const submitted = await submit(t, prepared.request);
    expect(submitted.statusCode).toBe(201);
    reportId = submitted.json().reportId;
    reporter = prepared.keys;
    // One visible case of the helpline too, so the queue is not empty.
    await addVisibleReport(t.deps.db, t.deps.blobs, helpline);
    cookie = (await signInAs(t.app, await addWorker(t.deps.db, helpline, 'caseworker'))).cookie;
  });
  afterAll(async () => t?.close());

  const send = (payload: object) =>
    t.app.inject({
      method: 'POST',
      url: `/api/v1/staff/cases/${reportId}/messages`,
      headers: { cookie, 'idempotency-key': randomUUID() },
      payload,
    });
  const counts = async () => ({
    messages: (await t.deps.db.select().from(messages).where(eq(messages.reportId, reportId))).length,
    audit: (await t.deps.db.select().from(auditLog)).length,
  });
  const reporterSees = async () =>
    (
      await t.app.inject({
        url: '/api/v1/reports/self',
        headers: { authorization: `Bearer ${reporter.accessToken}` },
      })
    ).json().messages as { author: string; sealed: string }[];

  it('refuses plaintext and look-alikes with problem+json and stores nothing', async () => {
    const before = await counts();
    const b64 = (s: string | Uint8Array) => Buffer.from(s).toString('base64');
    const sealed = await sealJson({ version: 1, text: 'x' }, [helpline.recipient]);
    const headerEnd = Buffer.from(sealed).indexOf('\n---') + 48;
    const lookAlikes = {
      plaintext: b64('Hoi, je kunt ons bellen op 0800-0432.'),
      'age header, then plaintext': b64('age-encryption.org/v1\nHoi, bel ons.'),
      'age header and a stanza, no MAC line': b64('age-encryption.org/v1\n-> X25519 abc\nAAAA\nHoi'),
      'a real header without a payload': b64(Buffer.from(sealed).subarray(0, headerEnd)),
      'a note in plaintext': b64('internal: the reporter is 14'),
    };
    for (const [name, text] of Object.entries(lookAlikes)) {
      for (const internal of [false, true]) {
        const res = await send({ sealed: text, internal });
        expect(res.statusCode, name).toBe(422);
        expect(res.headers['content-type'], name).toContain('application/problem+json');
        expect(res.json().code, name).toBe('message-not-sealed');
        expect(res.body).not.toContain('Hoi');
      }
    }
    expect(await counts()).toEqual(before);
    expect((await reporterSees()).filter((m) => m.author === 'helpline')).toEqual([]);
  });

  it('still takes a sealed message, which the reporter opens with the receipt', async () => {
    const reply = await sealJson({ version: 1, text: 'We lezen je melding.' }, [
      helpline.recipient,
      reporter.recipient,
    ]);
    const res = await send({ sealed: toBase64(reply) });
    expect(res.statusCode, res.body).toBe(201);
    const delivered = (await reporterSees()).filter((m) => m.author === 'helpline');
    expect(delivered).toHaveLength(1);
    const read = await openJson<{ text: string }>(fromBase64(delivered[0]!.sealed) as never, [
      reporter.identity,
    ]);
    expect(read.text).toBe('We lezen je melding.');
  });
});
