// Builds what `npm start` and `npm run cluster` serve: the reporter app, the console and the server
// bundle (apps/server/dist/main.mjs, compiled JavaScript), each only when missing or older than its
// sources.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
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

/** Builds the two apps and the server bundle where they are older than their sources. */
export async function buildEverythingStale() {
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
}
