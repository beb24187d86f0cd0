import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

// The set-up step `npm test` and .ci/run share. Nothing is uninstalled from this machine: the script
// runs with a PATH that holds only stand-ins for the tools a test wants present, and in the mode that
// forbids installing (VANGNET_SYSTEM_DEPS=check), so the "stop with one line" branch runs even as root.
const script = join(import.meta.dirname, 'ensure-system-deps.sh');
const dir = mkdtempSync(join(tmpdir(), 'vangnet-sysdeps-'));
const fonts = join(dir, 'fonts');
mkdirSync(fonts);
writeFileSync(join(fonts, 'DejaVuSans.ttf'), '');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function binWith(name: string, tools: string[]): string {
  const bin = join(dir, name);
  mkdirSync(bin, { recursive: true });
  for (const tool of tools) {
    writeFileSync(join(bin, tool), '#!/bin/sh\nexit 0\n');
    chmodSync(join(bin, tool), 0o755);
  }
  return bin;
}

function ensure(path: string, extra: Record<string, string> = {}) {
  const { CHROMIUM_PATH: _chromium, ...env } = process.env;
  const r = spawnSync('/bin/sh', [script], {
    encoding: 'utf8',
    env: { ...env, PATH: path, VANGNET_SYSTEM_DEPS: 'check', ...extra },
  });
  return { code: r.status, out: `${r.stdout}${r.stderr}` };
}

describe('scripts/ensure-system-deps.sh', () => {
  it('stops at once with one line naming the missing package and the command that installs it', () => {
    const { code, out } = ensure(binWith('no-chromium', ['age', 'pdftotext']));
    expect(out).toBe(
      'missing system package(s) for the tests: chromium; install with: sudo apt-get install -y chromium\n',
    );
    expect(code).toBe(1);
  });

  it('names every missing package on that one line', () => {
    const { code, out } = ensure(binWith('nothing', []), { VANGNET_FONTS_DIR: join(dir, 'no-fonts') });
    expect(out.trimEnd().split('\n')).toEqual([
      'missing system package(s) for the tests: chromium age poppler-utils fonts-dejavu-core; install with: sudo apt-get install -y chromium age poppler-utils fonts-dejavu-core',
    ]);
    expect(code).toBe(1);
  });

  it('says nothing and lets the tests run when everything is there', () => {
    const { code, out } = ensure(binWith('all', ['chromium', 'age', 'pdftotext']), {
      VANGNET_FONTS_DIR: fonts,
    });
    expect(out).toBe('');
    expect(code).toBe(0);
  });

  it('stops `npm test` at once with that line, before lint, type check or any test runs', () => {
    const { CHROMIUM_PATH: _chromium, ...env } = process.env;
    const r = spawnSync(process.execPath, [join(import.meta.dirname, 'test.mjs')], {
      cwd: join(import.meta.dirname, '..'),
      encoding: 'utf8',
      env: { ...env, PATH: binWith('test-no-chromium', ['age', 'pdftotext']), VANGNET_SYSTEM_DEPS: 'check' },
      timeout: 30_000,
    });
    expect(`${r.stdout}${r.stderr}`).toBe(
      'missing system package(s) for the tests: chromium; install with: sudo apt-get install -y chromium\n',
    );
    expect(r.status).toBe(1);
  });

  it('finds Chromium at CHROMIUM_PATH, as the browser tests do', () => {
    const chromium = join(binWith('elsewhere', ['chromium']), 'chromium');
    const { code } = ensure(binWith('age-only', ['age', 'pdftotext']), {
      VANGNET_FONTS_DIR: fonts,
      CHROMIUM_PATH: chromium,
    });
    expect(code).toBe(0);
  });
});
