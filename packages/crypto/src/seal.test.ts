import fc from 'fast-check';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { utf8 } from './encoding.ts';
import { OpenError } from './errors.ts';
import { sha256Hex, sha256HexStream } from './hash.ts';
import { generateIdentity } from './keys.ts';
import { open, openJson, openStream, seal, sealJson, sealStream } from './seal.ts';
import type { AgeIdentity, AgeRecipient, Sealed } from './types.ts';

type Pair = { identity: AgeIdentity; recipient: AgeRecipient };
let helpline: Pair;
let reporter: Pair;
let stranger: Pair;

beforeAll(async () => {
  [helpline, reporter, stranger] = await Promise.all([
    generateIdentity(),
    generateIdentity(),
    generateIdentity(),
  ]);
});

function randomBytes(size: number): Uint8Array {
  const out = new Uint8Array(size);
  for (let i = 0; i < size; i += 65_536) globalThis.crypto.getRandomValues(out.subarray(i, i + 65_536));
  return out;
}

function chunked(bytes: Uint8Array, chunkSize: number): ReadableStream<Uint8Array> {
  let offset = 0;
  return new ReadableStream({
    pull(controller) {
      if (offset >= bytes.length) return controller.close();
      controller.enqueue(bytes.slice(offset, offset + chunkSize));
      offset += chunkSize;
    },
  });
}

async function collect(stream: ReadableStream<Uint8Array>): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  let size = 0;
  for await (const part of stream) {
    parts.push(part);
    size += part.length;
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

describe('seal and open', () => {
  it('round-trips bytes, including empty ones', async () => {
    const message = utf8('Iemand zet nare berichten over mij in de groepsapp.');
    expect(await open(await seal(message, [helpline.recipient]), [helpline.identity])).toEqual(message);
    expect(await open(await seal(new Uint8Array(), [helpline.recipient]), [helpline.identity])).toEqual(
      new Uint8Array(),
    );
  });

  it('lets the helpline and the reporter each open a report, and nobody else', async () => {
    const sealed = await seal(utf8('marker-7f3a'), [helpline.recipient, reporter.recipient]);
    expect(await open(sealed, [helpline.identity])).toEqual(utf8('marker-7f3a'));
    expect(await open(sealed, [reporter.identity])).toEqual(utf8('marker-7f3a'));
    await expect(open(sealed, [stranger.identity])).rejects.toBeInstanceOf(OpenError);
    // Among several identities, the one that fits is used.
    expect(await open(sealed, [stranger.identity, reporter.identity])).toEqual(utf8('marker-7f3a'));
  });

  it('does not contain the plaintext in the ciphertext', async () => {
    const marker = 'unique-marker-5c1e9b';
    const sealed = await seal(utf8(marker), [helpline.recipient]);
    expect(Buffer.from(sealed).toString('latin1')).not.toContain(marker);
    // Sealing the same bytes twice gives different ciphertexts (fresh file key each time).
    expect(await seal(utf8(marker), [helpline.recipient])).not.toEqual(sealed);
  });

  it('throws OpenError for any changed byte, anywhere in the file', async () => {
    const sealed = await seal(utf8('evidence: screenshot of the chat'), [
      helpline.recipient,
      reporter.recipient,
    ]);
    for (let i = 0; i < sealed.length; i++) {
      const changed = sealed.slice() as Sealed<Uint8Array>;
      changed[i]! ^= 0x01;
      await expect(open(changed, [helpline.identity]), `byte ${i}`).rejects.toBeInstanceOf(OpenError);
    }
  });

  it('throws OpenError for truncated or foreign bytes, with a message that reveals nothing', async () => {
    const sealed = await seal(utf8('secret text'), [helpline.recipient]);
    const error = await open(sealed.slice(0, sealed.length - 1), [helpline.identity]).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(OpenError);
    expect(String((error as Error).message)).not.toMatch(/secret|AGE-SECRET/);
    await expect(open(utf8('hello'), [helpline.identity])).rejects.toBeInstanceOf(OpenError);
  });

  it('meets arbitrary bytes and mangled age files with OpenError only, never another error', async () => {
    const sealed = await seal(utf8('fuzz me'), [helpline.recipient]);
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.uint8Array({ maxLength: 400 }),
          // A real file with a random slice replaced: exercises the header parser and the STREAM reader.
          fc
            .tuple(fc.nat(sealed.length), fc.nat(40), fc.uint8Array({ maxLength: 40 }))
            .map(([at, cut, insert]) => {
              const out = new Uint8Array([...sealed.slice(0, at), ...insert, ...sealed.slice(at + cut)]);
              return out;
            })
            .filter((bytes) => bytes.length !== sealed.length || bytes.some((b, i) => b !== sealed[i])),
        ),
        async (bytes) => {
          const error = await open(bytes, [helpline.identity]).then(
            () => null,
            (e: unknown) => e,
          );
          expect(error).toBeInstanceOf(OpenError);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('refuses to seal to nobody', async () => {
    await expect(seal(utf8('x'), [])).rejects.toThrow(TypeError);
  });
});

describe('sealJson and openJson', () => {
  it('round-trips a JSON value and runs the validator', async () => {
    const body = { version: 1, description: 'Ze lachen me uit', links: [] as string[] };
    const sealed = await sealJson(body, [helpline.recipient, reporter.recipient]);
    expect(await openJson(sealed, [reporter.identity])).toEqual(body);
    const validate = (value: unknown) => {
      if ((value as { version?: unknown }).version !== 1) throw new Error('bad version');
      return value as typeof body;
    };
    expect(await openJson(sealed, [helpline.identity], validate)).toEqual(body);
    const other = (await sealJson({ version: 2 }, [helpline.recipient])) as unknown as typeof sealed;
    await expect(openJson(other, [helpline.identity], validate)).rejects.toThrow('bad version');
  });

  it('treats sealed bytes that are not JSON as unusable', async () => {
    const sealed = (await seal(utf8('{not json'), [helpline.recipient])) as Sealed<{ a: number }>;
    await expect(openJson(sealed, [helpline.identity])).rejects.toBeInstanceOf(OpenError);
  });
});

describe('sealStream and openStream', () => {
  it('seals a 20 MiB item chunk by chunk; it opens and its SHA-256 matches', async () => {
    const item = randomBytes(20 * 1024 * 1024);
    const sealed = await collect(
      await sealStream(chunked(item, 100_000), [helpline.recipient, reporter.recipient]),
    );
    // Same age file as whole-buffer sealing would make: `open` reads it too.
    expect(sha256Hex(await open(sealed, [reporter.identity]))).toBe(sha256Hex(item));
    const opened = await openStream(chunked(sealed, 1_000_000), [helpline.identity]);
    expect(await sha256HexStream(opened)).toBe(sha256Hex(item));
  });

  it('errors the stream with OpenError at a changed chunk, and at a cut-off end', async () => {
    const item = randomBytes(300_000);
    const sealed = await collect(await sealStream(chunked(item, 50_000), [helpline.recipient]));
    const changed = sealed.slice();
    changed[changed.length - 70_000]! ^= 0x80;
    await expect(
      collect(await openStream(chunked(changed, 65_536), [helpline.identity])),
    ).rejects.toBeInstanceOf(OpenError);
    // Cut at a chunk boundary: age's last-chunk flag still catches it.
    const header = sealed.length - (item.length + 5 * 16);
    const cut = sealed.slice(0, header + 2 * (65_536 + 16));
    await expect(collect(await openStream(chunked(cut, 65_536), [helpline.identity]))).rejects.toBeInstanceOf(
      OpenError,
    );
  });

  it('rejects a wrong key before any plaintext is handed out', async () => {
    const sealed = await collect(await sealStream(chunked(randomBytes(1000), 100), [helpline.recipient]));
    await expect(openStream(chunked(sealed, 100), [stranger.identity])).rejects.toBeInstanceOf(OpenError);
  });
});

describe('keys from outside', () => {
  it('seal only to X25519 recipients and open only with well-formed identities, without quoting them', async () => {
    const bad = 'age1notarecipient' as AgeRecipient;
    await expect(seal(utf8('x'), [helpline.recipient, bad])).rejects.toThrow(TypeError);
    const sealed = await seal(utf8('x'), [helpline.recipient]);
    const typo =
      `${helpline.identity.slice(0, -1)}${helpline.identity.endsWith('Q') ? 'P' : 'Q'}` as AgeIdentity;
    const error = await open(sealed, [typo]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TypeError);
    expect(String((error as Error).message)).not.toContain(typo.slice(16, 40));
  });
});

describe('outside a secure context (a page over plain http has no crypto.subtle)', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('says what is wrong instead of failing deep inside', async () => {
    const sealed = await seal(utf8('x'), [helpline.recipient]);
    vi.stubGlobal('crypto', { getRandomValues: globalThis.crypto.getRandomValues.bind(globalThis.crypto) });
    await expect(seal(utf8('x'), [helpline.recipient])).rejects.toThrow(/secure context/);
    await expect(open(sealed, [helpline.identity])).rejects.toThrow(/secure context/);
  });
});
