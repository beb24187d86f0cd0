import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './support/test-app.ts';

/**
 * Guessing access tokens: each request carries a new random token, so the per-token limit never
 * fills; the per-client limit must still stop the client. No database rows are involved (every token
 * is unknown), so the embedded database is enough.
 */
describe('follow-up limits against token guessing', () => {
  let t: TestApp;
  const perIp = 20;
  beforeAll(async () => {
    t = await startTestApp('pglite', {
      limits: { followUpPerIpPerMinute: perIp, followUpPerTokenPerMinute: 5 },
    });
  });
  afterAll(async () => {
    await t?.close();
  });

  const freshToken = () => `Bearer ${randomBytes(32).toString('hex')}`;

  async function statusesOf(send: () => Promise<{ statusCode: number }>, count: number) {
    const counts = new Map<number, number>();
    for (let i = 0; i < count; i++) {
      const { statusCode } = await send();
      counts.set(statusCode, (counts.get(statusCode) ?? 0) + 1);
    }
    return Object.fromEntries(counts);
  }

  it('GET /reports/self with a new random token each time is limited per client', async () => {
    const counts = await statusesOf(
      () =>
        t.app.inject({
          url: '/api/v1/reports/self',
          headers: { authorization: freshToken() },
          remoteAddress: '198.51.100.1',
        }),
      300,
    );
    expect(counts).toEqual({ 404: perIp, 429: 300 - perIp });
    const limited = await t.app.inject({
      url: '/api/v1/reports/self',
      headers: { authorization: freshToken() },
      remoteAddress: '198.51.100.1',
    });
    expect(limited.headers['content-type']).toContain('application/problem+json');
    expect(limited.json().code).toBe('rate-limited');
    // Another client is not held back by the guesser.
    const other = await t.app.inject({
      url: '/api/v1/reports/self',
      headers: { authorization: freshToken() },
      remoteAddress: '198.51.100.2',
    });
    expect(other.statusCode).toBe(404);
  });

  it('POST /reports/self/messages with a new random token each time is limited per client', async () => {
    const counts = await statusesOf(
      () =>
        t.app.inject({
          method: 'POST',
          url: '/api/v1/reports/self/messages',
          headers: { authorization: freshToken(), 'idempotency-key': randomUUID() },
          payload: { sealed: Buffer.from('age-encryption.org/v1\n').toString('base64') },
          remoteAddress: '198.51.100.3',
        }),
      300,
    );
    expect(counts[429]).toBe(300 - perIp);
    expect(Object.keys(counts).length).toBe(2);
  });
});
