/**
 * A minimal POSIX ustar writer and reader. The evidence bundle is a plain tar so that anyone can open
 * it with standard tools (`tar -xf`, 7-Zip, Windows Explorer) without our software. Only regular
 * files are written or read; paths are relative and at most 100 bytes, which the bundle's own
 * naming keeps to.
 */
export type TarEntry = { path: string; bytes: Uint8Array };

const BLOCK = 512;
const encoder = new TextEncoder();
const decoder = new TextDecoder();

export class TarError extends Error {
  override name = 'TarError';
}

function writeString(header: Uint8Array, offset: number, length: number, value: string): void {
  const bytes = encoder.encode(value);
  if (bytes.length > length) throw new TarError(`tar field too long: ${value}`);
  header.set(bytes, offset);
}

/** Octal numbers are zero-padded and NUL-terminated, as GNU and BSD tar write them. */
function writeOctal(header: Uint8Array, offset: number, length: number, value: number): void {
  writeString(header, offset, length, `${value.toString(8).padStart(length - 1, '0')}\0`);
}

function readString(block: Uint8Array, offset: number, length: number): string {
  const field = block.subarray(offset, offset + length);
  const end = field.indexOf(0);
  return decoder.decode(end === -1 ? field : field.subarray(0, end));
}

function readOctal(block: Uint8Array, offset: number, length: number): number {
  const text = readString(block, offset, length).trim();
  if (!/^[0-7]*$/.test(text)) throw new TarError('tar header has a bad number');
  return text === '' ? 0 : Number.parseInt(text, 8);
}

function checksum(header: Uint8Array): number {
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 32 : header[i]!;
  return sum;
}

/** A safe relative path: no absolute paths, no `..`, no empty segments. */
export function isSafeTarPath(path: string): boolean {
  if (path.length === 0 || path.startsWith('/') || path.includes('\\')) return false;
  return path.split('/').every((segment) => segment !== '' && segment !== '.' && segment !== '..');
}

function header(path: string, size: number, mtimeSeconds: number): Uint8Array {
  if (!isSafeTarPath(path)) throw new TarError(`unsafe path in tar: ${path}`);
  const h = new Uint8Array(BLOCK);
  writeString(h, 0, 100, path);
  writeOctal(h, 100, 8, 0o644);
  writeOctal(h, 108, 8, 0);
  writeOctal(h, 116, 8, 0);
  writeOctal(h, 124, 12, size);
  writeOctal(h, 136, 12, mtimeSeconds);
  h[156] = '0'.charCodeAt(0);
  writeString(h, 257, 6, 'ustar\0');
  writeString(h, 263, 2, '00');
  writeString(h, 148, 8, `${checksum(h).toString(8).padStart(6, '0')}\0 `);
  return h;
}

/** Writes the entries in the order given; `mtime` (a Date) is stamped on every file. */
export function writeTar(entries: readonly TarEntry[], mtime: Date): Uint8Array {
  const seconds = Math.floor(mtime.getTime() / 1000);
  let total = 2 * BLOCK;
  for (const e of entries) total += BLOCK + Math.ceil(e.bytes.length / BLOCK) * BLOCK;
  const out = new Uint8Array(total);
  let offset = 0;
  for (const e of entries) {
    out.set(header(e.path, e.bytes.length, seconds), offset);
    offset += BLOCK;
    out.set(e.bytes, offset);
    offset += Math.ceil(e.bytes.length / BLOCK) * BLOCK;
  }
  return out;
}

/**
 * Reads the regular files of a tar. Directories are skipped; any other entry type, a bad header
 * checksum, an unsafe path or a truncated file is an error, since a bundle never holds them.
 */
export function readTar(bytes: Uint8Array): TarEntry[] {
  const entries: TarEntry[] = [];
  let offset = 0;
  while (offset + BLOCK <= bytes.length) {
    const block = bytes.subarray(offset, offset + BLOCK);
    if (block.every((b) => b === 0)) break;
    if (readOctal(block, 148, 8) !== checksum(block))
      throw new TarError(`tar header checksum fails at ${offset}`);
    const name = readString(block, 0, 100);
    const prefix = readString(block, 345, 155);
    // Tools that re-pack an extracted bundle write `./name`; that is the same file.
    const path = (prefix ? `${prefix}/${name}` : name).replace(/^(\.\/)+/, '');
    const size = readOctal(block, 124, 12);
    const type = String.fromCharCode(block[156]!);
    offset += BLOCK;
    if (offset + size > bytes.length) throw new TarError(`tar entry is truncated: ${path}`);
    if (type === '0' || type === '\0') {
      if (!isSafeTarPath(path)) throw new TarError(`unsafe path in tar: ${path}`);
      entries.push({ path, bytes: bytes.slice(offset, offset + size) });
    } else if (type !== '5') {
      throw new TarError(`unsupported tar entry type ${JSON.stringify(type)}: ${path}`);
    }
    offset += Math.ceil(size / BLOCK) * BLOCK;
  }
  return entries;
}
