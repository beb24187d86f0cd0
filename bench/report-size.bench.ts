// The reporter app's first-screen transfer size: what a phone must download before the start screen
// works. HTML + CSS + the entry chunk and its static imports + the language catalog it fetches at once
// (the largest one, as the worst case), each gzip-compressed (level 9) and brotli for comparison.
// Lazy chunks (flow, vault, crypto, sender) are listed apart: they load only when needed.
// Budget (issue 3): first-screen JS ≤ 50 kB gzip; goal ≤ 30 kB. Issue 15: first screen ≤ 15 kB
// *transferred*: the last table asks the server's own static handler for each first-screen file as a
// phone does (Accept-Encoding: br, gzip) and counts the bytes of the bodies it sends.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import Fastify from 'fastify';
import { registerStaticApps } from '../apps/server/src/http/static-apps.ts';
import { ensureReportBuild, reportDistDir } from '../e2e/support/report-build.ts';

ensureReportBuild();
const dist = reportDistDir;
const html = readFileSync(join(dist, 'index.html'), 'utf8');
const gz = (b: Buffer) => gzipSync(b, { level: 9 }).length;
const br = (b: Buffer) => brotliCompressSync(b).length;
const kb = (n: number) => `${(n / 1024).toFixed(1)} kB`;

const entry = [...html.matchAll(/<script[^>]+src="\/([^"]+)"/g)].map((m) => m[1]!);
const css = [...html.matchAll(/<link[^>]+rel="stylesheet"[^>]+href="\/([^"]+)"/g)].map((m) => m[1]!);

// Static imports only (`import … from "./x.js"` / `import "./x.js"`), never `import("./x.js")`.
function staticClosure(files: string[]): string[] {
  const seen = new Set<string>();
  const queue = [...files];
  while (queue.length) {
    const file = queue.shift()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const code = readFileSync(join(dist, file), 'utf8');
    for (const m of code.matchAll(/(?:^|[;}\s])import\s*(?:[\w${},*\s]+from\s*)?["'](\.\/[^"']+)["']/g)) {
      queue.push(join(file, '..', m[1]!).replace(/\\/g, '/'));
    }
  }
  return [...seen];
}

const firstJs = staticClosure(entry);
const assets = readdirSync(join(dist, 'assets'));
const catalogs = ['nl', 'en', 'fr', 'de'].map((lang) => {
  const file = assets.find((f) => f.startsWith(`${lang}-`) && f.endsWith('.js'));
  const bytes = file ? readFileSync(join(dist, 'assets', file)) : Buffer.alloc(0);
  return { lang, file, gz: gz(bytes) };
});
const worstCatalog = catalogs.reduce((a, b) => (b.gz > a.gz ? b : a));

const rows: [string, number, number][] = [];
const add = (label: string, files: string[]) => {
  const bytes = Buffer.concat(files.map((f) => readFileSync(join(dist, f))));
  // Each file travels on its own, so sum per-file compressed sizes.
  rows.push([label, files.reduce((n, f) => n + gz(readFileSync(join(dist, f))), 0), br(bytes)]);
};
add('index.html', ['index.html']);
add(`CSS (${css.length} file)`, css);
add(`JS entry + static imports (${firstJs.length} files)`, firstJs);
add(`language catalog (${worstCatalog.lang}, largest)`, [`assets/${worstCatalog.file}`]);

const jsGz = rows[2]![1] + rows[3]![1];
const total = rows.reduce((n, r) => n + r[1], 0);
console.log('reporter app, first screen (gzip -9 per file; brotli of the same bytes for comparison)');
for (const [label, g, b] of rows)
  console.log(`  ${label.padEnd(48)} ${kb(g).padStart(9)} gzip  ${kb(b).padStart(9)} br`);
console.log(`  ${'total first-screen transfer'.padEnd(48)} ${kb(total).padStart(9)} gzip`);
console.log(
  `  first-screen JS: ${kb(jsGz)} gzip; budget 50 kB (${((jsGz / (50 * 1024)) * 100).toFixed(0)}% used), goal 30 kB ${jsGz <= 30 * 1024 ? 'met' : 'missed'}`,
);

const lazy = assets
  .filter((f) => f.endsWith('.js') && !firstJs.includes(`assets/${f}`) && !catalogs.some((c) => c.file === f))
  .map((f) => ({ f, size: gz(readFileSync(join(dist, 'assets', f))) }))
  .sort((a, b) => b.size - a.size);
console.log('lazy chunks (loaded only when needed), gzip:');
for (const { f, size } of lazy.slice(0, 8)) console.log(`  ${f.padEnd(48)} ${kb(size).padStart(9)}`);
const cryptoChunk = lazy.find((l) => l.f.startsWith('crypto-'));
if (cryptoChunk)
  console.log(
    `  crypto chunk / first-screen JS: ${(cryptoChunk.size / jsGz).toFixed(1)}x (kept off the first screen)`,
  );
// What the server really sends: the same handler `npm start` uses, with the build's .br/.gz copies.
const server = Fastify({ logger: false });
await registerStaticApps(server, { '/': dist });
const firstScreen = ['index.html', ...css, ...firstJs, `assets/${worstCatalog.file}`];
let sent = 0;
let plain = 0;
const encodings = new Set<string>();
for (const file of firstScreen) {
  const response = await server.inject({ url: `/${file}`, headers: { 'accept-encoding': 'br, gzip' } });
  if (response.statusCode !== 200) throw new Error(`/${file}: HTTP ${response.statusCode}`);
  sent += response.rawPayload.length;
  plain += readFileSync(join(dist, file)).length;
  encodings.add(String(response.headers['content-encoding'] ?? 'identity'));
}
await server.close();
console.log(
  `first screen as served (${firstScreen.length} files, Content-Encoding: ${[...encodings].join(', ')}): ${kb(sent)} transferred vs ${kb(plain)} uncompressed (${((sent / plain) * 100).toFixed(0)}%); goal 15 kB ${sent <= 15 * 1024 ? 'met' : `missed by ${kb(sent - 15 * 1024)}`}`,
);
if (jsGz > 50 * 1024) {
  console.error('first-screen JS is over the 50 kB budget');
  process.exit(1);
}
