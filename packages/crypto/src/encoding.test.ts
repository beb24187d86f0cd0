import { describe, expect, it } from 'vitest';
import { fromBase64, fromHex, fromUtf8, toBase64, toHex, utf8 } from './encoding.ts';

describe('byte helpers', () => {
  const bytes = new Uint8Array([0, 1, 127, 128, 254, 255]);

  it('round-trips hex and base64', () => {
    expect(toHex(bytes)).toBe('00017f80feff');
    expect(fromHex('00017F80FEFF')).toEqual(bytes);
    expect(fromBase64(toBase64(bytes))).toEqual(bytes);
  });

  it('rejects malformed hex and base64 instead of guessing', () => {
    expect(() => fromHex('abc')).toThrow(TypeError);
    expect(() => fromHex('zz')).toThrow('Not valid hex.');
    expect(() => fromBase64('not base64!')).toThrow('Not valid base64.');
  });

  it('round-trips UTF-8 and rejects invalid UTF-8', () => {
    const text = 'Pesten stopt hier — ik help je 💬';
    expect(fromUtf8(utf8(text))).toBe(text);
    expect(() => fromUtf8(new Uint8Array([0xff, 0xfe]))).toThrow();
  });
});
