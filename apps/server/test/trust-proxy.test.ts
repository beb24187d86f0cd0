import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.ts';
import { parseTrustProxy } from '../src/http/trust-proxy.ts';
import { startTestApp, type TestApp } from './support/test-app.ts';

const PROXY = '10.0.0.2';
const LIMIT = 5;

/** Addresses a client behind (or pretending to be behind) a proxy may put in front of the real one. */
const randomAddress = () => `203.0.${Math.floor(Math.random() * 250)}.${1 + Math.floor(Math.random() * 250)}`;

/** Statuses of `count` requests to a route under the general per-client limit. */
async function statuses(t: TestApp, count: number, from: string, forwardedFor: () => string) {
  const seen: number[] = [];
  for (let i = 0; i < count; i++) {
    const response = await t.app.inject({
      url: '/api/v1/config',
      remoteAddress: from,
      headers: { 'x-forwarded-for': forwardedFor() },
    });
    seen.push(response.statusCode);
  }
  return seen;
}

const limitedAfter = (limit: number, count: number) => [
  ...Array<number>(limit).fill(200),
  ...Array<number>(count - limit).fill(429),
];

describe('TRUST_PROXY values', () => {
  it.each([
    [undefined, false],
    ['0', false],
    ['false', false],
    ['1', 1],
    ['2', 2],
    ['10.0.0.5', ['10.0.0.5']],
    ['10.0.0.0/8, fd00::/8,loopback', ['10.0.0.0/8', 'fd00::/8', 'loopback']],
  ])('%s means %j', (value, expected) => {
    expect(parseTrustProxy(value)).toEqual(expected);
    expect(loadConfig(value === undefined ? {} : { TRUST_PROXY: value }).trustProxy).toEqual(expected);
  });

  it.each(['true', 'yes', 'on', '*', '11', '10.0.0.300', '10.0.0.0/33', 'proxy.example.org', '10.0.0.1,'])(
    'refuses %s at start, naming the variable',
    (value) => {
      expect(() => loadConfig({ TRUST_PROXY: value })).toThrow(ConfigError);
      expect(() => loadConfig({ TRUST_PROXY: value })).toThrow(/TRUST_PROXY/);
    },
  );

  it('says what to set instead of true', () => {
    expect(() => loadConfig({ TRUST_PROXY: 'true' })).toThrow(/TRUST_PROXY=1/);
  });
});

describe('limits behind a proxy', () => {
  it('TRUST_PROXY=1: a client rotating the left-most X-Forwarded-For entries is still limited', async () => {
    const t = await startTestApp('pglite', { limits: { perIpPerMinute: LIMIT } }, undefined, {
      TRUST_PROXY: '1',
    });
    try {
      // The proxy appends the address it saw (198.51.100.7) to whatever the client sent.
      const seen = await statuses(t, 30, PROXY, () => `${randomAddress()}, ${randomAddress()}, 198.51.100.7`);
      expect(seen).toEqual(limitedAfter(LIMIT, 30));
      // Another client behind the same proxy has its own count.
      const other = await statuses(t, 1, PROXY, () => `${randomAddress()}, 198.51.100.8`);
      expect(other).toEqual([200]);
    } finally {
      await t.close();
    }
  });

  it('a proxy address list: X-Forwarded-For from an untrusted address is ignored', async () => {
    const t = await startTestApp('pglite', { limits: { perIpPerMinute: LIMIT } }, undefined, {
      TRUST_PROXY: PROXY,
    });
    try {
      const direct = await statuses(t, 30, '198.51.100.9', () => randomAddress());
      expect(direct).toEqual(limitedAfter(LIMIT, 30));
      // Through the listed proxy, the address it names counts: a client it names for the first time
      // is not held back by the one above, and one that it names repeatedly is limited.
      const proxied = await statuses(t, 10, PROXY, () => `${randomAddress()}, 198.51.100.10`);
      expect(proxied).toEqual(limitedAfter(LIMIT, 10));
    } finally {
      await t.close();
    }
  });

  it('no TRUST_PROXY: X-Forwarded-For is ignored', async () => {
    const t = await startTestApp('pglite', { limits: { perIpPerMinute: LIMIT } });
    try {
      expect(await statuses(t, 10, '198.51.100.11', () => randomAddress())).toEqual(limitedAfter(LIMIT, 10));
    } finally {
      await t.close();
    }
  });
});
