// The WebAssembly payload path must make standard age files: the age CLI opens them (helpline gets its
// evidence out without Vangnet), our own `open` does, and a changed byte is caught. Sizes cover the
// edges of age STREAM: the 1 MiB switch-over, an exact multiple of the 64 KiB chunk (the last full
// chunk is the final one, no empty chunk after it) and a ragged end.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256Hex } from './hash.ts';
import { generateIdentity } from './keys.ts';
import { deriveReporterKeys, generateReceiptCode } from './receipt.ts';
import { OpenError, open } from './seal.ts';
import { sealFast, WASM_FROM_BYTES } from './seal-wasm.ts';
import type { AgeIdentity, AgeRecipient } from './types.ts';

let dir: string;
let helpline: { identity: AgeIdentity; recipient: AgeRecipient };

function randomBytes(size: number): Uint8Array {
  const out = new Uint8Array(size);
  for (let i = 0; i < size; i += 65_536) globalThis.crypto.getRandomValues(out.subarray(i, i + 65_536));
  return out;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'vangnet-seal-wasm-'));
  helpline = await generateIdentity();
  writeFileSync(join(dir, 'helpline.key'), `${helpline.identity}\n`, { mode: 0o600 });
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('sealFast (WebAssembly ChaCha20-Poly1305 payload)', () => {
  it.each([
    ['the switch-over size', WASM_FROM_BYTES],
    ['an exact number of 64 KiB chunks', 40 * 65_536],
    ['a ragged 12 MiB item', 12 * 1024 * 1024 + 4321],
  ])('%s opens with `age -d` and with our open, the same bytes', async (_name, size) => {
    const item = randomBytes(size);
    const reporter = await deriveReporterKeys(generateReceiptCode());
    const sealed = await sealFast(item, [helpline.recipient, reporter.recipient]);
    const sealedPath = join(dir, `item-${size}.age`);
    writeFileSync(sealedPath, sealed);
    const outPath = join(dir, `item-${size}.out`);
    execFileSync('age', ['-d', '-i', join(dir, 'helpline.key'), '-o', outPath, sealedPath]);
    expect(sha256Hex(readFileSync(outPath))).toBe(sha256Hex(item));
    expect(sha256Hex(await open(sealed, [reporter.identity]))).toBe(sha256Hex(item));
  });

  it('a small item takes the plain path and still opens', async () => {
    const item = randomBytes(1000);
    expect(await open(await sealFast(item, [helpline.recipient]), [helpline.identity])).toEqual(item);
  });

  it('a changed byte in the payload, or a stranger, opens nothing', async () => {
    const sealed = await sealFast(randomBytes(WASM_FROM_BYTES + 5), [helpline.recipient]);
    const changed = sealed.slice();
    changed[changed.length - 70_000] = (changed[changed.length - 70_000] ?? 0) ^ 1;
    await expect(open(changed, [helpline.identity])).rejects.toThrow(OpenError);
    const stranger = await generateIdentity();
    await expect(open(sealed, [stranger.identity])).rejects.toThrow(OpenError);
  });

  it('two seals of the same item differ (fresh file key and nonce each time)', async () => {
    const item = randomBytes(WASM_FROM_BYTES);
    const [a, b] = [await sealFast(item, [helpline.recipient]), await sealFast(item, [helpline.recipient])];
    expect(sha256Hex(a)).not.toBe(sha256Hex(b));
  });
});
