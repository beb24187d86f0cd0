import { fromBase64 } from '@vangnet/crypto';
import { Problem } from '../http/problem.ts';
import { isWellFormedAgeFile } from './age-file.ts';

/**
 * Decodes base64 sealed bytes from a request and checks they are a well-formed age file (header,
 * stanzas, MAC line, payload) no larger than `maxBytes`.
 * This does not prove who can open them (the server cannot know); it stops a client from sending
 * plaintext by mistake. Problem codes start with `codePrefix` (`report.body`, `message`).
 */
export function decodeSealed(base64: string, maxBytes: number, codePrefix: string): Uint8Array {
  let bytes: Uint8Array;
  try {
    bytes = fromBase64(base64);
  } catch {
    throw new Problem(400, `${codePrefix}-not-base64`, 'The sealed data is not valid base64');
  }
  if (bytes.byteLength > maxBytes) {
    throw new Problem(
      413,
      `${codePrefix}-too-large`,
      'The sealed data is too large',
      `At most ${maxBytes} bytes.`,
    );
  }
  if (!isWellFormedAgeFile(bytes)) {
    throw new Problem(422, `${codePrefix}-not-sealed`, 'The data is not sealed in the age format');
  }
  return bytes;
}
