import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import { sealJson, toBase64 } from '@vangnet/crypto';
import type { FastifyBaseLogger } from 'fastify';
import pino, { type LoggerOptions } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loggerOptions } from '../src/http/logging.ts';
import { databaseKinds } from './support/databases.ts';
import { addHelplineKey, prepareReport, submit, uploadItem } from './support/reporter-client.ts';
import { startTestApp, type TestApp } from './support/test-app.ts';

describe.each(databaseKinds())('logs on %s', (kind) => {
  let t: TestApp;
  let logs = '';
  beforeAll(async () => {
    const sink = new Writable({
      write(chunk, _encoding, done) {
        logs += chunk.toString();
        done();
      },
    });
    // The server's own logger options, at the chattiest level.
    const logger = pino(loggerOptions('trace') as LoggerOptions, sink) as unknown as FastifyBaseLogger;
    t = await startTestApp(kind, { logger });
    await addHelplineKey(t);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('never contain sealed content, receipt codes, access tokens or idempotency keys', async () => {
    const marker = `LOGMARKER-${randomUUID()}`;
    const prepared = await prepareReport(t, {
      description: marker,
      items: [new TextEncoder().encode(`evidence ${marker}`)],
    });
    const key = randomUUID();
    const { reportId } = (await submit(t, prepared.request, key)).json();
    const item = prepared.items[0]!;
    const token = prepared.keys.accessToken;
    expect((await uploadItem(t, token, reportId, item.id, item.sealed)).status).toBe(204);
    const auth = { authorization: `Bearer ${token}` };
    expect((await t.app.inject({ url: '/api/v1/reports/self', headers: auth })).statusCode).toBe(200);
    const sealed = toBase64(await sealJson({ version: 1, text: marker }, [prepared.keys.recipient]));
    await t.app.inject({
      method: 'POST',
      url: '/api/v1/reports/self/messages',
      headers: { ...auth, 'idempotency-key': randomUUID() },
      payload: { sealed },
    });
    // Failures are logged too; they must not echo the input either.
    await submit(t, { ...prepared.request, metadata: { ...prepared.request.metadata, category: marker } });
    await t.app.inject({
      url: '/api/v1/reports/self',
      headers: { authorization: `Bearer ${'0'.repeat(64)}` },
    });

    // The logger was on: operator routes get request lines (reporter routes get none, see
    // no-client-addresses.test.ts).
    await t.app.inject({ url: '/healthz' });
    expect(logs).toContain('incoming request');
    for (const secret of [
      marker,
      token,
      prepared.code,
      prepared.request.reporter.accessTokenHash,
      prepared.request.body.slice(0, 40),
      sealed.slice(0, 40),
      key,
    ]) {
      expect(logs.includes(secret), 'a secret reached the logs').toBe(false);
    }
  });
});
