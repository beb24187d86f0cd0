import { spawnSync } from 'node:child_process';
import { appendFileSync, cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signBuildFolder } from '../../../scripts/build-folder.ts';
import { DEMO_RELEASE_PRIVATE_KEY } from '../../../scripts/demo-release-key.ts';

const root = join(import.meta.dirname, '../../..');
const cli = join(root, 'apps/cli/bin/vangnet.mjs');

function vangnet(...args: string[]) {
  const r = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', timeout: 60_000, cwd: root });
  return { code: r.status, out: `${r.stdout}${r.stderr}` };
}

const work = mkdtempSync(join(tmpdir(), 'vangnet-build-cli-'));
const built = join(work, 'built');
const keyFile = join(work, 'release.key');
let releaseKey = '';

/** A fresh copy of the signed build, changed by `change`, for one check. */
function variant(name: string, change: (dir: string) => void): string {
  const dir = join(work, name);
  cpSync(built, dir, { recursive: true });
  change(dir);
  return dir;
}

beforeAll(() => {
  // A small build as Vite leaves it: the page, a hashed chunk with its gzip copy, the demo-signed list.
  mkdirSync(join(built, 'assets'), { recursive: true });
  writeFileSync(
    join(built, 'index.html'),
    '<html lang="nl"><head></head><body><noscript>112</noscript></body></html>',
  );
  const chunk = 'export const x = 1;\n'.repeat(50);
  writeFileSync(join(built, 'assets/index-a1b2c3d4.js'), chunk);
  writeFileSync(join(built, 'assets/index-a1b2c3d4.js.gz'), gzipSync(chunk));
  writeFileSync(join(built, 'sw.js'), 'self.x = 1;');
  signBuildFolder(
    built,
    { app: 'report', appVersion: '0.1.0', base: '/', issuedAt: '2026-11-30T12:00:00.000Z' },
    DEMO_RELEASE_PRIVATE_KEY,
  );
  const made = vangnet('sign-build', '--new-key', keyFile);
  expect(made.code, made.out).toBe(0);
  releaseKey = /releaseKey: ([0-9a-f]{64})/.exec(made.out)![1]!;
  const signed = vangnet('sign-build', built, '--key', keyFile);
  expect(signed.code, signed.out).toBe(0);
  expect(signed.out).toContain(`3 files signed by ${releaseKey}`);
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('vangnet sign-build and verify-build', () => {
  it('a build signed with the release key verifies against that key', () => {
    const r = vangnet('verify-build', built, '--key', releaseKey);
    expect(r.out).toMatch(/report 0\.1\.0, signed .*, 3 files\nOK\n$/);
    expect(r.code).toBe(0);
  });

  it('the new private key file is readable by its owner only', () => {
    expect(readFileSync(keyFile, 'utf8').trim()).toMatch(/^[0-9a-f]{64}$/);
    expect(spawnSync('stat', ['-c', '%a', keyFile], { encoding: 'utf8' }).stdout.trim()).toBe('600');
  });

  it.each([
    [
      'a changed asset',
      (d: string) => appendFileSync(join(d, 'sw.js'), '\nfetch("/x")'),
      '/sw.js differs from the signed build list',
    ],
    [
      'an added asset',
      (d: string) => writeFileSync(join(d, 'assets/extra-z9y8x7w6.js'), 'x'),
      '/assets/extra-z9y8x7w6.js is not in the signed build list',
    ],
    [
      'a missing asset',
      (d: string) => rmSync(join(d, 'sw.js')),
      '/sw.js is in the signed build list but missing',
    ],
    [
      'a script added to the page',
      (d: string) =>
        writeFileSync(
          join(d, 'index.html'),
          '<html lang="nl"><head><script src="/x.js"></script></head><body><noscript>112</noscript></body></html>',
        ),
      '/index.html differs',
    ],
    [
      'a compressed copy that is not its file',
      (d: string) => writeFileSync(join(d, 'assets/index-a1b2c3d4.js.gz'), gzipSync('evil()')),
      'assets/index-a1b2c3d4.js.gz does not unpack to the file it stands for',
    ],
  ])('%s: exit 1, naming the file', (name, change, message) => {
    const r = vangnet('verify-build', variant(name.replace(/ /g, '-'), change), '--key', releaseKey);
    expect(r.out).toContain(`NOT OK: ${message}`);
    expect(r.code).toBe(1);
  });

  it('a build checked against another key (the demo key of the pack) is refused', () => {
    const r = vangnet('verify-build', built, '--pack', join(root, 'country-packs/NL'));
    expect(r.out).toContain('NOT OK: the build list is not signed by the trusted release key');
    expect(r.code).toBe(1);
  });

  it('a folder without a build list, or bad usage, says so', () => {
    const empty = join(work, 'empty');
    mkdirSync(empty);
    expect(vangnet('verify-build', empty).out).toContain(
      'build-list.json is missing or not a signed build list',
    );
    expect(vangnet('verify-build', empty).code).toBe(1);
    expect(vangnet('sign-build', empty, '--key', keyFile).code).toBe(2);
    expect(vangnet('verify-build').code).toBe(2);
    expect(vangnet('sign-build', '--new-key', keyFile).code).toBe(2);
  });
});
