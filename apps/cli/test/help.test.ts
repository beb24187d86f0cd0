import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '../../..');
const cli = join(root, 'apps/cli/bin/vangnet.mjs');

function vangnet(...args: string[]) {
  const r = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', timeout: 60_000, cwd: root });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The commands as `vangnet --help` lists them, so a new command is covered without editing this test. */
const overview = vangnet('--help');
const commands = [...overview.stdout.matchAll(/^ {2}([a-z][a-z-]*) /gm)].map((m) => m[1]!);

describe('vangnet --help', () => {
  it('exits 0 and lists every command on its own line, each line fitting an 80-column terminal', () => {
    expect(overview.code).toBe(0);
    expect(commands).toEqual([
      'pdq',
      'pack',
      'verify',
      'verify-audit',
      'sign-build',
      'verify-build',
      'hashes',
      'anchor',
      'stats',
      'totp',
    ]);
    for (const line of overview.stdout.split('\n')) expect(line.length, line).toBeLessThanOrEqual(78);
    // The totp entry is one line of its own, ending before the output does: nothing runs into it.
    expect(overview.stdout).toMatch(/^ {2}totp {10}.*\(demo use\)\n$/m);
    expect(overview.stdout.endsWith('\n')).toBe(true);
    expect(vangnet('-h').code).toBe(0);
    expect(vangnet('totp', '-h').code).toBe(0);
    expect(vangnet('no-such-command').code).toBe(2);
  });

  it.each(commands)('vangnet %s --help prints its usage on stdout and exits 0', (command) => {
    const r = vangnet(command, '--help');
    expect(r.stdout).toContain(`usage: vangnet ${command}`);
    expect(r.code, `${command} --help: ${r.stderr}`).toBe(0);
  });
});
