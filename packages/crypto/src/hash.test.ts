import { describe, expect, it } from 'vitest';
import { utf8 } from './encoding.ts';
import { sha256Hex, sha256HexStream } from './hash.ts';

function streamOf(chunks: Uint8Array[]): ReadableStream<Uint8Array> {
  return new ReadableStream({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(chunk);
      controller.close();
    },
  });
}

describe('sha256', () => {
  it('matches the FIPS 180-2 test vector', () => {
    expect(sha256Hex(utf8('abc'))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('gives the same hash for a stream in uneven chunks as for the whole bytes', async () => {
    const whole = new Uint8Array(200_000).map((_, i) => (i * 31) % 256);
    const chunks = [whole.subarray(0, 1), whole.subarray(1, 65_537), whole.subarray(65_537)];
    expect(await sha256HexStream(streamOf(chunks))).toBe(sha256Hex(whole));
    expect(await sha256HexStream(streamOf([]))).toBe(sha256Hex(new Uint8Array()));
  });
});
