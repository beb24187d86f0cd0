/**
 * `vangnet pdq [--dihedral] <image...>`: PDQ-hashes image files for an administrator who builds
 * or checks a known-hash list. Output matches the reference tool's columns, space-separated:
 *   <hash> <quality> <path>
 *   --dihedral: <original> <rot90> <rot180> <rot270> <flipx> <flipy> <flipplus1> <flipminus1> <quality> <path>
 * Decoding follows the reference (sharp, stored orientation, no EXIF rotation), so hashes agree
 * with lists made by Meta's pdq-photo-hasher. An unreadable file is reported on stderr, the other
 * files are still hashed, and the exit code is 2.
 */
import { stat } from 'node:fs/promises';
import { DIHEDRAL_NAMES } from '@vangnet/pdq';
import { pdqDihedralFile, pdqHashFile } from '@vangnet/pdq/decode-node';

export const USAGE = `usage: vangnet pdq [--dihedral] <image...>

Prints one line per image: <hash> <quality> <path>
  --dihedral  print the 8 dihedral hashes (original, rot90, rot180, rot270,
              flipx, flipy, flipplus1, flipminus1) before the quality
Quality is 0 to 100; near 0 means a featureless picture whose hash should not be trusted.`;

export async function run(args: string[]): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    console.log(USAGE);
    return 0;
  }
  let dihedral = false;
  const files: string[] = [];
  const unknown: string[] = [];
  let optionsEnded = false;
  for (const arg of args) {
    if (optionsEnded || !arg.startsWith('-')) files.push(arg);
    else if (arg === '--') optionsEnded = true;
    else if (arg === '--dihedral') dihedral = true;
    else unknown.push(arg);
  }
  if (unknown.length > 0 || files.length === 0) {
    if (unknown.length > 0) console.error(`vangnet pdq: unknown option ${unknown.join(' ')}`);
    console.error(USAGE);
    return 2;
  }
  let failed = 0;
  for (const file of files) {
    try {
      if ((await stat(file)).isDirectory()) throw new Error('is a folder; pass the image files (folder/*)');
      if (dihedral) {
        const { quality, ...hashes } = await pdqDihedralFile(file);
        process.stdout.write(`${DIHEDRAL_NAMES.map((n) => hashes[n]).join(' ')} ${quality} ${file}\n`);
      } else {
        const { hash, quality } = await pdqHashFile(file);
        process.stdout.write(`${hash} ${quality} ${file}\n`);
      }
    } catch (error) {
      failed++;
      console.error(`vangnet pdq: cannot read ${file}: ${reason(error)}`);
    }
  }
  return failed > 0 ? 2 : 0;
}

function reason(error: unknown): string {
  const code = (error as { code?: unknown }).code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EACCES') return 'permission denied';
  const message = error instanceof Error ? error.message : String(error);
  if (/unsupported image format|corrupt|premature end|bad seek|read error/i.test(message)) {
    return 'not an image this tool can decode';
  }
  return message;
}
