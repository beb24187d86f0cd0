#!/usr/bin/env node
// `npm run bench`: runs every bench/*.bench.ts in turn (one at a time, so figures measured in one
// file are not disturbed by another) and prints their figures. Pass names to run only some:
// `npm run bench -- pdq intake`.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';

const only = process.argv.slice(2);
const files = readdirSync('bench')
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => only.length === 0 || only.some((o) => f.startsWith(o)))
  .sort();
let failed = 0;
for (const file of files) {
  console.log(`\n=== ${file} ===`);
  // Node 24 runs the TypeScript benches directly (type stripping).
  const r = spawnSync(process.execPath, [`bench/${file}`], { stdio: 'inherit', env: process.env });
  if (r.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
