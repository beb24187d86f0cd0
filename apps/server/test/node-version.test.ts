import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { minimumNodeMajor, nodeVersionProblem } from '../bin/supported-node.mjs';
import { repoRoot } from '../src/config.ts';

/** The machine's own `node` (first on PATH outside node_modules), not the one npm put in front. */
function machineNode(): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (dir.includes('node_modules')) continue;
    const candidate = join(dir, 'node');
    if (existsSync(candidate)) return candidate;
  }
  return undefined;
}

function majorOf(nodeBinary: string): number {
  const version = spawnSync(nodeBinary, ['-v'], { encoding: 'utf8' }).stdout.trim();
  return Number(/^v(\d+)/.exec(version)?.[1]);
}

describe('supported Node.js version', () => {
  it('takes the minimum from package.json engines', () => {
    expect(minimumNodeMajor()).toBe(24);
    expect(minimumNodeMajor('>=26')).toBe(26);
    expect(() => minimumNodeMajor('^24')).toThrow(/engines\.node/);
  });

  it.each([
    ['v20.20.2', true],
    ['v22.18.0', true],
    ['v23.11.1', true],
    ['v24.0.0', false],
    ['v24.21.0', false],
    ['v26.10.0', false],
    ['garbage', true],
  ])('%s refused: %s', (version, refused) => {
    const problem = nodeVersionProblem(version, 24);
    expect(problem !== undefined).toBe(refused);
    if (problem) {
      expect(problem).toContain(`this is Node.js ${version}`);
      expect(problem).toContain('npm start');
    }
  });

  it('the tests themselves run on the pinned Node.js', () => {
    expect(Number(process.versions.node.split('.')[0])).toBeGreaterThanOrEqual(24);
  });

  // The machine's own Node is 20 here (end of life); the launcher must refuse it before loading any
  // TypeScript, with the message that names the fix.
  const systemNode = machineNode();
  describe.runIf(systemNode !== undefined && majorOf(systemNode) < 24)("on the machine's older Node", () => {
    it.each([
      ['server', 'apps/server/bin/vangnet-server.mjs'],
      ['CLI', 'apps/cli/bin/vangnet.mjs'],
    ])('the %s refuses to start and names the fix', (_name, launcher) => {
      const result = spawnSync(systemNode as string, [join(repoRoot, launcher), '--help'], {
        encoding: 'utf8',
        env: { ...process.env, DATABASE_URL: '', PORT: '0' },
        timeout: 30_000,
      });
      expect(result.status).toBe(3);
      expect(result.stderr).toMatch(/^Vangnet needs Node\.js 24 or newer; this is Node\.js v\d+\./);
      expect(result.stderr).toContain('npm install');
      expect(result.stdout).toBe('');
    });
  });
});
