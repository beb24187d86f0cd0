import { base64, hex } from '@scure/base';

const encoder = new TextEncoder();
// fatal: a byte string that is not valid UTF-8 is an error, never silently replaced characters.
const decoder = new TextDecoder('utf-8', { fatal: true });

export function toBase64(bytes: Uint8Array): string {
  return base64.encode(bytes);
}

/** Decodes standard padded base64; throws a TypeError on anything else. */
export function fromBase64(text: string): Uint8Array {
  try {
    return base64.decode(text);
  } catch {
    // A fixed message: the input may be a key or sealed data, and the decoder's message quotes it.
    throw new TypeError('Not valid base64.');
  }
}

export function toHex(bytes: Uint8Array): string {
  return hex.encode(bytes);
}

/** Decodes hex (either case); throws a TypeError on an odd length or a non-hex character. */
export function fromHex(text: string): Uint8Array {
  try {
    return hex.decode(text.toLowerCase());
  } catch {
    throw new TypeError('Not valid hex.');
  }
}

/** UTF-8 bytes of a string. */
export function utf8(text: string): Uint8Array {
  return encoder.encode(text);
}

/** The string in UTF-8 bytes; throws on invalid UTF-8. */
export function fromUtf8(bytes: Uint8Array): string {
  return decoder.decode(bytes);
}
