/**
 * The shape of an age v1 file (https://age-encryption.org/v1): the version line, one or more recipient
 * stanzas (`-> type args`, then base64 body lines of 64 columns ending with a shorter one), the MAC line
 * (`--- ` and 43 base64 characters), then the payload: a 16-byte nonce and at least one 16-byte-tagged
 * chunk. The server cannot check that anyone can open the file; this check makes sure what it stores
 * and delivers was sealed, not plaintext that merely starts with the right words.
 */
const VERSION_LINE = 'age-encryption.org/v1';
const NONCE_BYTES = 16;
const TAG_BYTES = 16;
/** Headers are small (a stanza per recipient); a longer "header" is not one. */
const MAX_HEADER_BYTES = 64 * 1024;

const ARGUMENT = /^[\x21-\x7e]+$/;
const BODY_LINE = /^[A-Za-z0-9+/]*$/;
const MAC_LINE = /^--- [A-Za-z0-9+/]{43}$/;

export function isWellFormedAgeFile(bytes: Uint8Array): boolean {
  const window = bytes.subarray(0, MAX_HEADER_BYTES);
  const macAt = findMacLine(window);
  if (macAt < 0) return false;
  const macEnd = window.indexOf(0x0a, macAt);
  if (macEnd < 0) return false;
  // The header is ASCII; latin1 keeps one character per byte, so offsets stay byte offsets.
  const lines = Buffer.from(window.subarray(0, macEnd)).toString('latin1').split('\n');
  if (lines[0] !== VERSION_LINE || !MAC_LINE.test(lines.at(-1) ?? '')) return false;
  let stanzas = 0;
  let i = 1;
  while (i < lines.length - 1) {
    const stanza = lines[i]!.split(' ');
    if (stanza[0] !== '->' || stanza.length < 2 || !stanza.slice(1).every((a) => ARGUMENT.test(a))) {
      return false;
    }
    stanzas++;
    i++;
    // Body lines: full 64-column lines, then exactly one shorter (possibly empty) line.
    for (;;) {
      const line = lines[i];
      if (line === undefined || i >= lines.length - 1 || !BODY_LINE.test(line) || line.length > 64) {
        return false;
      }
      i++;
      if (line.length < 64) break;
    }
  }
  const payload = bytes.byteLength - (macEnd + 1);
  return stanzas > 0 && payload >= NONCE_BYTES + TAG_BYTES;
}

/** Offset of the `\n--- ` that starts the MAC line, plus one; -1 when there is none. */
function findMacLine(bytes: Uint8Array): number {
  const marker = Buffer.from('\n--- ');
  const at = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).indexOf(marker);
  return at < 0 ? -1 : at + 1;
}
