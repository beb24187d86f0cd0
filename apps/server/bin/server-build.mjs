// Compiles the server to one JavaScript file, apps/server/dist/main.mjs, so `npm start` runs no
// TypeScript at all (type stripping on every start cost about a second before the first request).
// The server's own code and the @vangnet packages are bundled; npm dependencies stay in node_modules
// (PGlite, for one, finds its WASM next to its own module). The bundle sits at the same depth as
// src/main.ts, so paths made from import.meta.url (the repository root) still hold; the migrations are
// copied next to it. Plain JavaScript on purpose, like supported-node.mjs: it runs before any build.
//
// `node apps/server/bin/server-build.mjs` builds; scripts/start.mjs builds when the bundle is older than
// a source, and vangnet-server.mjs falls back to the sources when it is.
import { cpSync, existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const serverDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const root = join(serverDir, '../..');
export const bundleFile = join(serverDir, 'dist/main.mjs');

/** Everything the bundle is made from: the server's sources, the @vangnet packages, their manifests. */
function sourceRoots() {
  const packages = readdirSync(join(root, 'packages')).map((p) => join(root, 'packages', p));
  return [
    join(serverDir, 'src'),
    join(serverDir, 'package.json'),
    ...packages.flatMap((p) => [join(p, 'src'), join(p, 'package.json')]),
  ];
}

/** Newest modification time under a path (0 when it does not exist). */
function newest(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let latest = stat.mtimeMs;
  for (const entry of readdirSync(path)) latest = Math.max(latest, newest(join(path, entry)));
  return latest;
}

/** Whether dist/main.mjs exists and is at least as new as every source it is made from. */
export function serverBuildIsFresh() {
  if (!existsSync(bundleFile)) return false;
  const builtAt = statSync(bundleFile).mtimeMs;
  return sourceRoots().every((path) => newest(path) <= builtAt);
}

/** Bundles src/main.ts into dist/main.mjs (esbuild) and copies the migrations beside it. */
export async function buildServer() {
  const { build } = await import('esbuild');
  const dist = join(serverDir, 'dist');
  rmSync(dist, { recursive: true, force: true });
  await build({
    entryPoints: [join(serverDir, 'src/main.ts')],
    outfile: bundleFile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node24',
    sourcemap: 'linked',
    logLevel: 'warning',
    // CommonJS inside a bundled module may still call require.
    banner: {
      js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
    },
    plugins: [
      {
        name: 'npm-dependencies-stay-external',
        setup(b) {
          b.onResolve({ filter: /^[^./]/ }, (args) =>
            args.path.startsWith('@vangnet/') ? undefined : { path: args.path, external: true },
          );
        },
      },
    ],
  });
  cpSync(join(serverDir, 'src/db/migrations'), join(dist, 'migrations'), { recursive: true });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await buildServer();
  console.log(`· apps/server: built ${bundleFile}`);
}
