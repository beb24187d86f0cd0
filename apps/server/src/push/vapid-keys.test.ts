import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import webpush from 'web-push';
import { loadOrCreateVapidKeys } from './vapid-keys.ts';

describe('VAPID keys', () => {
  it('are made on the first start in DATA_DIR (mode 600) and the same on the next', () => {
    const dir = mkdtempSync(join(tmpdir(), 'vapid-'));
    const first = loadOrCreateVapidKeys(dir, {});
    expect(first.publicKey).toMatch(/^[\w-]{87}$/);
    expect(statSync(join(dir, 'vapid-keys.json')).mode & 0o777).toBe(0o600);
    expect(loadOrCreateVapidKeys(dir, {})).toEqual(first);
    expect(JSON.parse(readFileSync(join(dir, 'vapid-keys.json'), 'utf8')).privateKey).toBe(first.privateKey);
    expect(first.subject).toBe('mailto:vangnet@localhost');
  });

  it('come from the environment when set, and a bad value names the variable', () => {
    const dir = mkdtempSync(join(tmpdir(), 'vapid-'));
    const keys = webpush.generateVAPIDKeys();
    const env = { VAPID_PUBLIC_KEY: keys.publicKey, VAPID_PRIVATE_KEY: keys.privateKey };
    expect(loadOrCreateVapidKeys(dir, { ...env, PUBLIC_URL: 'https://vangnet.example/' })).toEqual({
      ...keys,
      subject: 'https://vangnet.example',
    });
    expect(() => loadOrCreateVapidKeys(dir, { ...env, VAPID_PRIVATE_KEY: 'nope' })).toThrow(
      /VAPID_PRIVATE_KEY/,
    );
    expect(() => loadOrCreateVapidKeys(dir, { VAPID_PUBLIC_KEY: keys.publicKey })).toThrow(
      /VAPID_PRIVATE_KEY/,
    );
    expect(() => loadOrCreateVapidKeys(dir, { VAPID_SUBJECT: 'me' })).toThrow(/VAPID_SUBJECT/);
  });
});
