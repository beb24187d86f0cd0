// Interop with the reference age implementation (Debian package `age`): what we seal must open with
// the standard tool, so a helpline can always get its evidence out without Vangnet, and what the
// tool seals must open with us. Node APIs are used here, in the test only; src stays browser-safe.
import { execFileSync } from 'node:child_process';
import {
  createReadStream,
  createWriteStream,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { utf8 } from './encoding.ts';
import { sha256Hex, sha256HexStream } from './hash.ts';
import { asIdentity, generateIdentity, recipientOf } from './keys.ts';
import { deriveReporterKeys, generateReceiptCode } from './receipt.ts';
import { open, openStream, seal, sealStream } from './seal.ts';
import type { AgeIdentity, AgeRecipient, Sealed } from './types.ts';

let dir: string;
let helpline: { identity: AgeIdentity; recipient: AgeRecipient };

function age(args: string[]): Buffer {
  try {
    return execFileSync('age', args, { stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new Error('The age CLI is missing: apt-get install -y age');
    }
    throw error;
  }
}

function identityFile(name: string, identity: string): string {
  const path = join(dir, name);
  writeFileSync(path, `${identity}\n`, { mode: 0o600 });
  return path;
}

function randomBytes(size: number): Uint8Array {
  const out = new Uint8Array(size);
  for (let i = 0; i < size; i += 65_536) globalThis.crypto.getRandomValues(out.subarray(i, i + 65_536));
  return out;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'vangnet-age-'));
  helpline = await generateIdentity();
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('interop with the age CLI', () => {
  it('a report sealed by us opens with `age -d` using the helpline identity and the receipt-derived one', async () => {
    const reporter = await deriveReporterKeys(generateReceiptCode());
    const payload = utf8('Iemand dreigt mijn foto te delen. marker-age-cli-1');
    const sealedPath = join(dir, 'report.age');
    writeFileSync(sealedPath, await seal(payload, [helpline.recipient, reporter.recipient]));

    const helplineKey = identityFile('helpline.key', helpline.identity);
    const reporterKey = identityFile('reporter.key', reporter.identity);
    expect(new Uint8Array(age(['-d', '-i', helplineKey, sealedPath]))).toEqual(payload);
    expect(new Uint8Array(age(['-d', '-i', reporterKey, sealedPath]))).toEqual(payload);

    const stranger = identityFile('stranger.key', (await generateIdentity()).identity);
    expect(() => age(['-d', '-i', stranger, sealedPath])).toThrow();
  });

  it('the recipients we derive match what `age-keygen -y` derives', async () => {
    const reporter = await deriveReporterKeys(generateReceiptCode());
    for (const identity of [helpline.identity, reporter.identity]) {
      const file = identityFile('check.key', identity);
      const theirs = execFileSync('age-keygen', ['-y', file]).toString().trim();
      expect(theirs).toBe(await recipientOf(identity));
    }
  });

  it('a 20 MiB item sealed by our stream opens with `age -d` and hashes the same', async () => {
    const item = randomBytes(20 * 1024 * 1024);
    const sealedPath = join(dir, 'item.age');
    const source = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < item.length; i += 1_000_000) controller.enqueue(item.slice(i, i + 1_000_000));
        controller.close();
      },
    });
    await (await sealStream(source, [helpline.recipient])).pipeTo(
      Writable.toWeb(createWriteStream(sealedPath)) as WritableStream<Uint8Array>,
    );
    const outPath = join(dir, 'item.out');
    age(['-d', '-i', identityFile('helpline.key', helpline.identity), '-o', outPath, sealedPath]);
    expect(sha256Hex(readFileSync(outPath))).toBe(sha256Hex(item));
  });

  it('a file encrypted by `age -r` opens with our open, and a large one with openStream', async () => {
    const plainPath = join(dir, 'plain.txt');
    const payload = utf8('Sealed by the reference tool.');
    writeFileSync(plainPath, payload);
    const reporter = await generateIdentity();
    const sealed = age(['-r', helpline.recipient, '-r', reporter.recipient, plainPath]);
    expect(await open(new Uint8Array(sealed) as Sealed<Uint8Array>, [reporter.identity])).toEqual(payload);
    expect(await open(new Uint8Array(sealed), [helpline.identity])).toEqual(payload);

    const big = randomBytes(3 * 1024 * 1024 + 17);
    const bigPath = join(dir, 'big.bin');
    writeFileSync(bigPath, big);
    const bigSealedPath = join(dir, 'big.age');
    age(['-r', helpline.recipient, '-o', bigSealedPath, bigPath]);
    const stream = Readable.toWeb(createReadStream(bigSealedPath)) as ReadableStream<Uint8Array>;
    expect(await sha256HexStream(await openStream(stream, [helpline.identity]))).toBe(sha256Hex(big));
  });

  it('an identity made by `age-keygen` works as ours', async () => {
    const keyPath = join(dir, 'keygen.key');
    execFileSync('age-keygen', ['-o', keyPath], { stdio: 'ignore' });
    const line = readFileSync(keyPath, 'utf8')
      .split('\n')
      .find((l) => l.startsWith('AGE-SECRET-KEY-1'));
    const identity = asIdentity(line ?? '');
    const sealed = await seal(utf8('hello'), [await recipientOf(identity)]);
    writeFileSync(join(dir, 'hello.age'), sealed);
    expect(age(['-d', '-i', keyPath, join(dir, 'hello.age')]).toString()).toBe('hello');
  });
});
