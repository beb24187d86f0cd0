import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
export const reportAppDir = join(root, 'apps/report');
export const reportDistDir = join(reportAppDir, 'dist');

function newestMtime(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = 0;
  for (const name of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, name)));
  return newest;
}

/** Builds apps/report when dist is missing or older than any source, so tests run the code as it is. */
export function ensureReportBuild(): void {
  const sources = [
    ...['src', 'public', 'index.html', 'vite.config.ts'].map((p) => join(reportAppDir, p)),
    join(root, 'packages/crypto/src'),
    join(root, 'packages/core/src'),
    join(root, 'packages/pdq/src'),
    // Compiles the ICU catalogs into the build.
    join(root, 'scripts/icu-catalog-plugin.ts'),
    join(root, 'packages/ui/src'),
  ].filter(existsSync);
  const sourceTime = Math.max(...sources.map(newestMtime));
  const distIndex = join(reportDistDir, 'index.html');
  if (existsSync(distIndex) && statSync(distIndex).mtimeMs >= sourceTime) return;
  const result = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], {
    cwd: reportAppDir,
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`vite build failed:\n${result.stdout}\n${result.stderr}`);
}
