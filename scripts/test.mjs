#!/usr/bin/env node
// `npm test`: lint + format, type check, then every vitest project. Prints one plain
// "N passed, N failed" line at the end, which CI reads (it does not parse vitest's summary).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';

const extraArgs = process.argv.slice(2);
const checks = [];

// A full run needs Chromium and the `age` CLI: install them (root on Debian) or stop at once with one
// line naming the package and the command, instead of failing later in the browser and interop tests.
// A run of chosen files (`npm test -- <files>`) may not need them, so it is not stopped.
if (extraArgs.length === 0) {
  const deps = spawnSync('/bin/sh', ['scripts/ensure-system-deps.sh'], {
    stdio: 'inherit',
    env: process.env,
  });
  if (deps.status !== 0) process.exit(1);
}
function run(name, cmd, args) {
  console.log(`\n▶ ${name}: ${cmd} ${args.join(' ')}`);
  const result = spawnSync(cmd, args, { stdio: 'inherit', env: process.env });
  checks.push({ name, ok: result.status === 0 });
  return result.status === 0;
}

if (extraArgs.length === 0) {
  run('lint and format', 'npx', ['biome', 'check', '.']);
  run('type check', 'npx', ['tsc', '-p', 'tsconfig.json']);
}
mkdirSync('test-results', { recursive: true });
const jsonFile = 'test-results/vitest.json';
const vitestOk = run('tests', 'npx', [
  'vitest',
  'run',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${jsonFile}`,
  ...extraArgs,
]);

let passed = checks.filter((c) => c.name !== 'tests' && c.ok).length;
let failed = checks.filter((c) => c.name !== 'tests' && !c.ok).length;
if (existsSync(jsonFile)) {
  const report = JSON.parse(readFileSync(jsonFile, 'utf8'));
  passed += report.numPassedTests;
  failed += report.numFailedTests;
  // A test file that fails to load has no tests: count it so it cannot pass silently.
  failed += report.testResults.filter((f) => f.status === 'failed' && f.assertionResults.length === 0).length;
  // Vitest also fails a run for an uncaught error outside any test; count it so the line says so.
  if (!vitestOk && report.numFailedTests === 0) failed += 1;
} else if (!vitestOk) {
  failed += 1;
}
for (const c of checks) if (!c.ok) console.log(`✗ ${c.name} failed`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 || checks.some((c) => !c.ok) ? 1 : 0);
