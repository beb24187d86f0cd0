// Sealing a 100 MB video in Chromium, unthrottled, and the vault PIN's key derivation at 4x slowdown: the pure-JS path (typage, @noble/ciphers) and the
// WebAssembly path the reporter app uses for large items (seal-wasm.ts, libsodium's ChaCha20-Poly1305),
// next to the reference `age` CLI sealing the same file on this machine in the same run. The page's
// WebAssembly output is sent back and opened with `age -d` to prove it is still a standard age file.
// Run with `npm run bench -- seal-browser`. MB = 10^6 bytes; median of RUNS seals each.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { launchBrowser } from '../e2e/support/browser.ts';
import { generateIdentity } from '../packages/crypto/src/keys.ts';

const SIZE = 100 * 1024 * 1024;
const RUNS = Number(process.env.BENCH_RUNS ?? 3);

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;
const mbps = (ms: number) => SIZE / 1e6 / (ms / 1000);

// The page's code: both sealing paths from the package source, bundled as the app's bundler would.
const entry = `
import { Decrypter, Encrypter } from 'age-encryption';
import { seal } from './packages/crypto/src/seal.ts';
import { sealFast } from './packages/crypto/src/seal-wasm.ts';
import { createUnlockedVault, unlockVault } from './packages/crypto/src/vault.ts';
globalThis.vnSeal = { seal, sealFast };
// The vault's PIN derivation, now (Argon2id 19 MiB, t=2, WebAssembly) and before (typage's pure-JS scrypt 2^18).
globalThis.vnVault = {
  createNow: (pin) => createUnlockedVault(pin),
  unlockNow: (wrapped, pin) => unlockVault(wrapped, pin),
  createBefore: async (pin, identity) => {
    const e = new Encrypter();
    e.setPassphrase(pin);
    return e.encrypt(identity);
  },
  unlockBefore: async (wrapped, pin) => {
    const d = new Decrypter();
    d.addPassphrase(pin);
    return d.decrypt(wrapped, 'text');
  },
};
`;
const bundle = await build({
  stdin: { contents: entry, resolveDir: process.cwd(), loader: 'ts' },
  bundle: true,
  format: 'esm',
  write: false,
  platform: 'browser',
});
const script = bundle.outputFiles[0]!.text;

const dir = mkdtempSync(join(tmpdir(), 'vangnet-seal-browser-'));
const item = new Uint8Array(SIZE);
for (let i = 0; i < SIZE; i += 65_536) globalThis.crypto.getRandomValues(item.subarray(i, i + 65_536));
const plainPath = join(dir, 'video.bin');
writeFileSync(plainPath, item);
const plainSha = createHash('sha256').update(item).digest('hex');
const { identity, recipient } = await generateIdentity();
const keyPath = join(dir, 'helpline.key');
writeFileSync(keyPath, `${identity}\n`, { mode: 0o600 });

const received: Buffer[] = [];
const server = createServer((req, res) => {
  if (req.url === '/') {
    res.setHeader('content-type', 'text/html');
    res.end(`<!doctype html><script type="module">${script}</script>`);
  } else if (req.url === '/video.bin') {
    res.setHeader('content-type', 'application/octet-stream');
    res.end(item);
  } else if (req.url === '/sealed' && req.method === 'POST') {
    const parts: Buffer[] = [];
    req.on('data', (p: Buffer) => parts.push(p));
    req.on('end', () => {
      received.push(Buffer.concat(parts));
      res.end('ok');
    });
  } else {
    res.statusCode = 404;
    res.end();
  }
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;

const browser = await launchBrowser();
try {
  const page = await (await browser.newContext()).newPage();
  await page.goto(url);
  await page.waitForFunction(() => 'vnSeal' in globalThis);
  const times = await page.evaluate(
    async ({ recipient, runs }) => {
      type Seal = (b: Uint8Array, r: readonly string[]) => Promise<Uint8Array>;
      const { seal, sealFast } = (globalThis as unknown as { vnSeal: { seal: Seal; sealFast: Seal } }).vnSeal;
      const bytes = new Uint8Array(await (await fetch('/video.bin')).arrayBuffer());
      const timeOf = async (run: Seal) => {
        const ms: number[] = [];
        let out: Uint8Array = new Uint8Array(0);
        for (let i = 0; i < runs; i++) {
          const start = performance.now();
          out = await run(bytes, [recipient]);
          ms.push(performance.now() - start);
        }
        return { ms, out };
      };
      // The first WebAssembly seal includes fetching and compiling libsodium, as on a phone.
      const wasm = await timeOf(sealFast);
      const js = await timeOf(seal);
      // In slices: the DevTools protocol copies each request body, and one of 100 MB is too big for it.
      for (let at = 0; at < wasm.out.length; at += 4 << 20)
        await fetch('/sealed', {
          method: 'POST',
          body: wasm.out.slice(at, at + (4 << 20)) as Uint8Array<ArrayBuffer>,
        });
      return { wasm: wasm.ms, js: js.ms };
    },
    { recipient, runs: RUNS },
  );
  const cliMs: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    execFileSync('age', ['-r', recipient, '-o', join(dir, 'cli.age'), plainPath]);
    cliMs.push(performance.now() - start);
  }
  writeFileSync(join(dir, 'wasm.age'), Buffer.concat(received));
  execFileSync('age', ['-d', '-i', keyPath, '-o', join(dir, 'wasm.out'), join(dir, 'wasm.age')]);
  const opened = createHash('sha256')
    .update(readFileSync(join(dir, 'wasm.out')))
    .digest('hex');
  if (opened !== plainSha) throw new Error('age -d gave other bytes than the page sealed');

  const wasm = median(times.wasm);
  const js = median(times.js);
  const cli = median(cliMs);
  console.log(`seal a 100 MiB video, Chromium unthrottled, median of ${RUNS} (MB = 10^6 bytes)`);
  console.log(
    `  WebAssembly (sealFast):   ${wasm.toFixed(0).padStart(6)} ms  ${mbps(wasm).toFixed(0).padStart(5)} MB/s`,
  );
  console.log(
    `    all runs (ms): ${times.wasm.map((t) => t.toFixed(0)).join(', ')} (first includes loading libsodium)`,
  );
  console.log(
    `  pure JS (seal, before):   ${js.toFixed(0).padStart(6)} ms  ${mbps(js).toFixed(0).padStart(5)} MB/s`,
  );
  console.log(
    `  reference: age CLI (Go):  ${cli.toFixed(0).padStart(6)} ms  ${mbps(cli).toFixed(0).padStart(5)} MB/s`,
  );
  console.log(
    `  WebAssembly / pure JS = ${(js / wasm).toFixed(2)}x; WebAssembly / age CLI = ${(cli / wasm).toFixed(2)}x`,
  );
  console.log('  the WebAssembly output opened with `age -d`: same SHA-256 as the input');

  // The vault PIN at 4× CPU slowdown, on the page's own thread: Chromium cannot slow a worker, so this
  // is what the app's worker costs on the slowed phone, next to the old pure-JS scrypt 2^18 in the same run.
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  const kdf = await page.evaluate(async () => {
    type V = {
      createNow(pin: string): Promise<{ vault: { wrappedIdentity: Uint8Array }; identity: string }>;
      unlockNow(w: Uint8Array, pin: string): Promise<string>;
      createBefore(pin: string, identity: string): Promise<Uint8Array>;
      unlockBefore(w: Uint8Array, pin: string): Promise<string>;
    };
    const v = (globalThis as unknown as { vnVault: V }).vnVault;
    const timed = async <T>(run: () => Promise<T>) => {
      const start = performance.now();
      const value = await run();
      return { ms: performance.now() - start, value };
    };
    const createNow = await timed(() => v.createNow('4821'));
    const createBefore = await timed(() => v.createBefore('4821', createNow.value.identity));
    const unlockNow = await timed(() => v.unlockNow(createNow.value.vault.wrappedIdentity, '4821'));
    const unlockBefore = await timed(() => v.unlockBefore(createBefore.value, '4821'));
    if (unlockNow.value !== createNow.value.identity || unlockBefore.value !== createNow.value.identity)
      throw new Error('a vault did not open to its identity');
    return {
      createNow: createNow.ms,
      createBefore: createBefore.ms,
      unlockNow: unlockNow.ms,
      unlockBefore: unlockBefore.ms,
    };
  });
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
  console.log(
    'vault PIN derivation, now Argon2id 19 MiB t=2 (WebAssembly), before age scrypt 2^18 (pure JS); Chromium, 4x CPU slowdown, one run each',
  );
  console.log(
    `  pick a PIN:  now ${kdf.createNow.toFixed(0).padStart(6)} ms   before (pure JS) ${kdf.createBefore.toFixed(0).padStart(6)} ms   now / before = ${(kdf.createNow / kdf.createBefore).toFixed(2)}   target 1500`,
  );
  console.log(
    `  unlock:      now ${kdf.unlockNow.toFixed(0).padStart(6)} ms   before (pure JS) ${kdf.unlockBefore.toFixed(0).padStart(6)} ms   now / before = ${(kdf.unlockNow / kdf.unlockBefore).toFixed(2)}   target 1000`,
  );
} finally {
  await browser.close();
  server.close();
  rmSync(dir, { recursive: true, force: true });
}
