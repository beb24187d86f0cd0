// Sealing throughput next to the reference `age` CLI on the same 20 MiB file, opening throughput, and
// the cost of the memory-hard KDFs. Run with `npm run bench -- crypto`. Figures are medians of a few
// runs measured side by side in one process, so compare the ratios rather than the absolute numbers.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Decrypter, Encrypter } from 'age-encryption';
import {
  createVault,
  deriveReporterKeys,
  deriveWorkerSecrets,
  generateIdentity,
  generateReceiptCode,
  open,
  openStream,
  type Sealed,
  seal,
  sealStream,
  sha256Hex,
  unlockVault,
} from '../packages/crypto/src/index.ts';
import * as nodeCrypto from '../packages/crypto/src/node/index.ts';
import { scryptRecipient } from '../packages/crypto/src/scrypt-stanza.ts';

const SIZE = 20 * 1024 * 1024;
const RUNS = 5;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

async function time(run: () => unknown, runs = RUNS): Promise<number> {
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await run();
    ms.push(performance.now() - start);
  }
  return median(ms);
}

function randomBytes(size: number): Uint8Array {
  const out = new Uint8Array(size);
  for (let i = 0; i < size; i += 65_536) globalThis.crypto.getRandomValues(out.subarray(i, i + 65_536));
  return out;
}

function streamOf(bytes: Uint8Array, chunk = 1 << 20): ReadableStream<Uint8Array> {
  let at = 0;
  return new ReadableStream({
    pull(controller) {
      if (at >= bytes.length) return controller.close();
      controller.enqueue(bytes.subarray(at, at + chunk));
      at += chunk;
    },
  });
}

async function drain(stream: ReadableStream<Uint8Array>): Promise<number> {
  let size = 0;
  for await (const part of stream) size += part.length;
  return size;
}

const mbps = (ms: number) => SIZE / 1e6 / (ms / 1000);

const dir = mkdtempSync(join(tmpdir(), 'vangnet-bench-'));
try {
  const { identity, recipient } = await generateIdentity();
  const item = randomBytes(SIZE);
  const plainPath = join(dir, 'item.bin');
  const sealedPath = join(dir, 'item.age');
  const keyPath = join(dir, 'helpline.key');
  writeFileSync(plainPath, item);
  writeFileSync(keyPath, `${identity}\n`, { mode: 0o600 });

  const rows: [string, string, string][] = [];
  const ours = await time(() => seal(item, [recipient]));
  const oursStream = await time(async () => drain(await sealStream(streamOf(item), [recipient])));
  const nodeSeal = await time(() => nodeCrypto.seal(item, [recipient]));
  const nodeStream = await time(async () => drain(await nodeCrypto.sealStream(streamOf(item), [recipient])));
  const cli = await time(() => execFileSync('age', ['-r', recipient, '-o', sealedPath, plainPath]));
  // What the Node path writes must still open with the reference tool.
  const nodeSealedPath = join(dir, 'node.age');
  writeFileSync(nodeSealedPath, await nodeCrypto.seal(item, [recipient]));
  const nodeOpened = execFileSync('age', ['-d', '-i', keyPath, nodeSealedPath], { maxBuffer: 2 * SIZE });
  if (sha256Hex(nodeOpened) !== sha256Hex(item)) throw new Error('age -d gave other bytes than Node sealed');
  rows.push([
    'seal 20 MiB: @vangnet/crypto seal()',
    `${ours.toFixed(0)} ms`,
    `${mbps(ours).toFixed(1)} MB/s`,
  ]);
  rows.push([
    'seal 20 MiB: @vangnet/crypto sealStream()',
    `${oursStream.toFixed(0)} ms`,
    `${mbps(oursStream).toFixed(1)} MB/s`,
  ]);
  rows.push([
    'seal 20 MiB: in Node (node:crypto ChaCha20-Poly1305) seal()',
    `${nodeSeal.toFixed(0)} ms`,
    `${mbps(nodeSeal).toFixed(1)} MB/s`,
  ]);
  rows.push([
    'seal 20 MiB: in Node (node:crypto ChaCha20-Poly1305) sealStream()',
    `${nodeStream.toFixed(0)} ms`,
    `${mbps(nodeStream).toFixed(1)} MB/s`,
  ]);
  rows.push(['seal 20 MiB: age CLI (age -r … -o …)', `${cli.toFixed(0)} ms`, `${mbps(cli).toFixed(1)} MB/s`]);

  const sealed = new Uint8Array(readFileSync(sealedPath)) as Sealed<Uint8Array>;
  const opened = await open(sealed, [identity]);
  if (sha256Hex(opened) !== sha256Hex(item)) throw new Error('open gave other bytes than were sealed');
  const openMs = await time(() => open(sealed, [identity]));
  const openStreamMs = await time(async () => drain(await openStream(streamOf(sealed), [identity])));
  const cliOpen = await time(() =>
    execFileSync('age', ['-d', '-i', keyPath, '-o', join(dir, 'out.bin'), sealedPath]),
  );
  rows.push([
    'open 20 MiB: @vangnet/crypto open()',
    `${openMs.toFixed(0)} ms`,
    `${mbps(openMs).toFixed(1)} MB/s`,
  ]);
  rows.push([
    'open 20 MiB: @vangnet/crypto openStream()',
    `${openStreamMs.toFixed(0)} ms`,
    `${mbps(openStreamMs).toFixed(1)} MB/s`,
  ]);
  rows.push([
    'open 20 MiB: age CLI (age -d -i …)',
    `${cliOpen.toFixed(0)} ms`,
    `${mbps(cliOpen).toFixed(1)} MB/s`,
  ]);

  const code = generateReceiptCode();
  const derive = await time(() => deriveReporterKeys(code));
  const worker = await time(() => deriveWorkerSecrets('correct horse battery staple', '00'.repeat(16)));
  rows.push(['deriveReporterKeys (scrypt 2^15, median of 5)', `${derive.toFixed(0)} ms`, '']);
  rows.push(['deriveWorkerSecrets (scrypt 2^15, median of 5)', `${worker.toFixed(0)} ms`, '']);
  const vault = await createVault('482916');
  const unlock = await time(() => unlockVault(vault.wrappedIdentity, '482916'), 3);
  rows.push(['unlockVault (Argon2id 19 MiB t=2, WASM, median of 3)', `${unlock.toFixed(0)} ms`, '']);
  // Reference, same run: a vault as it was made before, age passphrase mode (scrypt 2^18) in WASM.
  const scryptWrap = new Encrypter();
  scryptWrap.addRecipient(scryptRecipient('482916'));
  const scryptVault = await scryptWrap.encrypt((await generateIdentity()).identity);
  const before = await time(() => unlockVault(scryptVault, '482916'), 3);
  rows.push(['  before: age scrypt 2^18, WASM (median of 3)', `${before.toFixed(0)} ms`, '']);
  const typage = await time(async () => {
    const decrypter = new Decrypter();
    decrypter.addPassphrase('482916');
    await decrypter.decrypt(scryptVault);
  }, 3);
  rows.push(['  before that: typage pure-JS scrypt 2^18 (median of 3)', `${typage.toFixed(0)} ms`, '']);
  const createNow = await time(() => createVault('482916'), 3);
  rows.push(['createVault (Argon2id 19 MiB t=2, WASM, median of 3)', `${createNow.toFixed(0)} ms`, '']);
  rows.push([`  unlock ratio scrypt 2^18 / Argon2id: ${(before / unlock).toFixed(1)}x`, '', '']);

  const width = Math.max(...rows.map((r) => r[0].length));
  console.log(`${'operation'.padEnd(width)}  ${'time'.padStart(8)}  ${'throughput'.padStart(12)}`);
  for (const [name, ms, rate] of rows)
    console.log(`${name.padEnd(width)}  ${ms.padStart(8)}  ${rate.padStart(12)}`);
  console.log(
    `\nseal in Node (what the server and Node tools run): seal() / age CLI = ${(mbps(nodeSeal) / mbps(cli)).toFixed(2)}x, sealStream() / age CLI = ${(mbps(nodeStream) / mbps(cli)).toFixed(2)}x (target >= 0.50x; output opened by age -d above)`,
  );
  console.log(
    `seal in the browser build (pure-JS cipher): ours / age CLI = ${(mbps(ours) / mbps(cli)).toFixed(2)}x (MB = 10^6 bytes; CLI time includes process start)`,
  );
  console.log(`open: ours / age CLI = ${(mbps(openMs) / mbps(cliOpen)).toFixed(2)}x`);
  console.log(`vault unlock: WASM / before = ${(unlock / before).toFixed(2)} of the time`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
