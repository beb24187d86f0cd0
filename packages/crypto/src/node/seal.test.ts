// The Node sealing path must write files that the standard age CLI and the browser path both open, at
// every size where age STREAM's chunking has an edge: empty, one byte, exactly one and two chunks, and
// one byte past them (the last-chunk flag decides which chunk is final).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateIdentity } from '../keys.ts';
import { open, openJson, openStream } from '../seal.ts';
import type { AgeIdentity, AgeRecipient } from '../types.ts';
import * as entry from './index.ts';
import { seal, sealJson, sealStream } from './seal.ts';

const CHUNK = 64 * 1024;
const SIZES = [0, 1, CHUNK - 1, CHUNK, CHUNK + 1, 2 * CHUNK, 2 * CHUNK + 1, 3 * CHUNK + 4321];

let dir: string;
let helpline: { identity: AgeIdentity; recipient: AgeRecipient };
let keyPath: string;

function bytes(size: number): Uint8Array {
  const out = new Uint8Array(size);
  for (let i = 0; i < size; i += 65_536) globalThis.crypto.getRandomValues(out.subarray(i, i + 65_536));
  return out;
}

function streamOf(data: Uint8Array, piece: number): ReadableStream<Uint8Array> {
  let at = 0;
  return new ReadableStream({
    pull(controller) {
      if (at >= data.length) return controller.close();
      controller.enqueue(data.slice(at, at + piece));
      at += piece;
    },
  });
}

async function collect(stream: ReadableStream<Uint8Array>): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  for await (const part of stream) parts.push(part);
  return new Uint8Array(Buffer.concat(parts));
}

function ageOpen(sealed: Uint8Array): Uint8Array {
  const path = join(dir, 'item.age');
  writeFileSync(path, sealed);
  return new Uint8Array(execFileSync('age', ['-d', '-i', keyPath, path]));
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'vangnet-node-seal-'));
  helpline = await generateIdentity();
  keyPath = join(dir, 'helpline.key');
  writeFileSync(keyPath, `${helpline.identity}\n`, { mode: 0o600 });
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('sealing with Node crypto', () => {
  it('the Node entry exports the Node seal functions and everything else from the main entry', () => {
    expect(entry.seal).toBe(seal);
    expect(entry.sealStream).toBe(sealStream);
    expect(entry.sealJson).toBe(sealJson);
    expect(typeof entry.open).toBe('function');
  });

  it.each(SIZES)('seal of %i bytes opens with `age -d` and with open()', async (size) => {
    const item = bytes(size);
    const sealed = await seal(item, [helpline.recipient]);
    expect(ageOpen(sealed)).toEqual(item);
    expect(await open(sealed, [helpline.identity])).toEqual(item);
  });

  it.each(SIZES)(
    'sealStream of %i bytes in odd pieces opens with `age -d` and with openStream()',
    async (size) => {
      const item = bytes(size);
      const sealed = await collect(await sealStream(streamOf(item, 10_007), [helpline.recipient]));
      expect(ageOpen(sealed)).toEqual(item);
      expect(await collect(await openStream(streamOf(sealed, 4096), [helpline.identity]))).toEqual(item);
    },
  );

  it('seals to every recipient, and a stranger cannot open it', async () => {
    const other = await generateIdentity();
    const stranger = await generateIdentity();
    const sealed = await sealJson({ note: 'hallo' }, [helpline.recipient, other.recipient]);
    expect(await openJson(sealed, [other.identity])).toEqual({ note: 'hallo' });
    expect(await openJson(sealed, [helpline.identity])).toEqual({ note: 'hallo' });
    await expect(open(sealed, [stranger.identity])).rejects.toThrow();
  });

  it('a changed payload byte does not open', async () => {
    const sealed = await seal(bytes(CHUNK + 10), [helpline.recipient]);
    sealed[sealed.length - 5]! ^= 1;
    await expect(open(sealed, [helpline.identity])).rejects.toThrow();
  });

  it('needs a recipient, and refuses a malformed one', async () => {
    await expect(seal(bytes(1), [])).rejects.toThrow(TypeError);
    await expect(seal(bytes(1), ['age1nope' as AgeRecipient])).rejects.toThrow();
  });
});
