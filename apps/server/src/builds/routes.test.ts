import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO_RELEASE_PUBLIC_KEY } from '@vangnet/core';
import { checkBuild, generateSigningKey } from '@vangnet/crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signBuildFolder } from '../../../../scripts/build-folder.ts';
import { startTestApp, type TestApp } from '../../test/support/test-app.ts';

describe('GET /api/v1/builds', () => {
  const release = generateSigningKey();
  const folder = mkdtempSync(join(tmpdir(), 'vangnet-builds-'));
  const report = join(folder, 'report');
  const console_ = join(folder, 'console');
  let t: TestApp;

  beforeAll(async () => {
    mkdirSync(join(report, 'assets'), { recursive: true });
    mkdirSync(console_);
    writeFileSync(join(report, 'index.html'), '<html lang="nl"><head></head><body></body></html>');
    writeFileSync(join(report, 'assets', 'index-abc12345.js'), 'console.log(1)');
    signBuildFolder(
      report,
      { app: 'report', appVersion: '0.1.0', base: '/', issuedAt: '2026-11-30T12:00:00.000Z' },
      release.privateKey,
    );
    writeFileSync(join(console_, 'index.html'), '<html></html>');
    // Not a build list: published as nothing rather than passed on.
    writeFileSync(join(console_, 'build-list.json'), '{"list": 1}');
    t = await startTestApp('pglite', { staticApps: { '/': report, '/console/': console_ } });
  });
  afterAll(async () => {
    await t?.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it("publishes each well-formed signed list as written and the pack's release key", async () => {
    const response = await fetch(`${t.url}/api/v1/builds`);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-cache');
    const body = (await response.json()) as {
      releaseKey: string;
      builds: Parameters<typeof checkBuild>[0]['signed'][];
    };
    expect(body.releaseKey).toBe(DEMO_RELEASE_PUBLIC_KEY);
    expect(body.builds.map((b) => b.list.app)).toEqual(['report']);
    const signed = body.builds[0]!;
    expect(Object.keys(signed.list.assets).sort()).toEqual(['/assets/index-abc12345.js', '/index.html']);
    // What a service worker would check: the list still verifies after the trip through the server.
    const assets = Object.entries(signed.list.assets).map(([path, sha256]) => ({ path, sha256 }));
    expect(checkBuild({ signed, releaseKey: release.publicKey, installedIssuedAt: null, assets })).toBeNull();
  });
});
