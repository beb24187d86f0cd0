#!/usr/bin/env node
// `npm start`: builds the reporter app, the console and the server (apps/server/dist/main.mjs, compiled
// JavaScript) when their build is missing or older than their sources, then starts the server (embedded database in ./data unless DATABASE_URL is set) and
// prints where everything is, with the demo case-worker login. The login holds a password and a TOTP
// secret, so it is printed only to a terminal; when stdout is a pipe or a file (a log), only the path
// of DATA_DIR/demo-login.txt (mode 600) is.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildServer, serverBuildIsFresh } from '../apps/server/bin/server-build.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Newest modification time under a folder (0 when it does not exist). */
function newest(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let latest = stat.mtimeMs;
  for (const entry of readdirSync(path)) {
    if (entry === 'node_modules' || entry === 'dist') continue;
    latest = Math.max(latest, newest(join(path, entry)));
  }
  return latest;
}

function buildIfStale(name) {
  const dir = join(root, 'apps', name);
  const viteConfig = ['vite.config.ts', 'vite.config.mjs', 'vite.config.js'].find((f) =>
    existsSync(join(dir, f)),
  );
  if (!viteConfig) {
    console.log(`· apps/${name}: no vite config yet, not built`);
    return;
  }
  const builtAt = newest(join(dir, 'dist', 'index.html'));
  const sources = Math.max(
    newest(join(dir, 'src')),
    newest(join(dir, 'index.html')),
    newest(join(dir, 'public')),
    newest(join(dir, viteConfig)),
  );
  if (builtAt > 0 && builtAt >= sources) {
    console.log(`· apps/${name}: build is up to date`);
    return;
  }
  console.log(`· apps/${name}: building…`);
  const result = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], { cwd: dir, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`✗ apps/${name} did not build; the server starts without it.`);
  }
}

buildIfStale('report');
buildIfStale('console');
if (serverBuildIsFresh()) {
  console.log('· apps/server: build is up to date');
} else {
  console.log('· apps/server: building…');
  try {
    await buildServer();
  } catch (error) {
    // The launcher then runs the TypeScript sources directly (type stripping): slower to start, same server.
    console.error(`✗ apps/server did not build (${error.message}); starting from the sources.`);
  }
}

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
