#!/usr/bin/env node
// `npm start`: builds the reporter app, the console and the server (apps/server/dist/main.mjs, compiled
// JavaScript) when their build is missing or older than their sources, then starts the server (embedded database in ./data unless DATABASE_URL is set) and
// prints where everything is, with the demo case-worker login. The login holds a password and a TOTP
// secret, so it is printed only to a terminal; when stdout is a pipe or a file (a log), only the path
// of DATA_DIR/demo-login.txt (mode 600) is.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildEverythingStale } from './build-stale.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

await buildEverythingStale();

// The launcher refuses an unsupported Node.js with a message naming the fix, then runs the compiled
// server (no TypeScript is compiled at run time).
const server = spawn(process.execPath, [join(root, 'apps/server/bin/vangnet-server.mjs')], {
  cwd: root,
  env: process.env,
  stdio: ['inherit', 'pipe', 'inherit'],
});

let buffered = '';
server.stdout.on('data', (chunk) => {
  buffered += chunk;
  let nl = buffered.indexOf('\n');
  while (nl >= 0) {
    const line = buffered.slice(0, nl);
    buffered = buffered.slice(nl + 1);
    if (line.startsWith('VANGNET_READY ')) announce(JSON.parse(line.slice('VANGNET_READY '.length)));
    else process.stdout.write(`${line}\n`);
    nl = buffered.indexOf('\n');
  }
});

/** The fields of DATA_DIR/demo-login.txt (`key: value` lines), or null when it cannot be read. */
function readDemoLogin(file) {
  try {
    const fields = readFileSync(file, 'utf8')
      .split('\n')
      .map((line) => /^([a-z-]+):\s*(.+)$/.exec(line.trim()))
      .filter(Boolean)
      .map((m) => [m[1], m[2]]);
    return fields.length ? Object.fromEntries(fields) : null;
  } catch {
    return null;
  }
}

function announce({ url, demoLoginFile }) {
  const lines = [
    '',
    'Vangnet is running.',
    `  Reporter app   ${url}/`,
    `  Case workers   ${url}/console/`,
    `  API docs       ${url}/api/docs`,
    `  Health         ${url}/healthz`,
  ];
  const demoLogin = demoLoginFile && process.stdout.isTTY ? readDemoLogin(demoLoginFile) : null;
  if (demoLogin) {
    lines.push('', 'Demo case-worker login (for trying it out; never use it in production):');
    for (const [key, value] of Object.entries(demoLogin)) lines.push(`  ${key.padEnd(14)} ${value}`);
  } else if (demoLoginFile) {
    lines.push(
      '',
      `Demo case-worker login: in ${demoLoginFile} (not printed: this output is not a terminal).`,
    );
  }
  lines.push('', 'Stop with Ctrl+C.', '');
  console.log(lines.join('\n'));
}

for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 0 : 1)));
