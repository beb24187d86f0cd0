import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REFERENCE_DIR, readExpected } from '../test/reference-data.ts';
import { fileDigests } from './file-digests.ts';

describe('fileDigests', () => {
  it('gives the MD5 and SHA-256 listed for the reference images', async () => {
    const rows = readExpected().filter((r) =>
      ['bridge-mods/aaa-orig.jpg', 'misc-images/wee.jpg'].includes(r.path),
    );
    for (const row of rows) {
      const bytes = readFileSync(row.file);
      const digests = await fileDigests(new Blob([bytes]));
      const tsv = readFileSync(join(REFERENCE_DIR, 'expected.tsv'), 'utf8');
      expect(tsv).toContain(`${row.path}\t${bytes.length}\t${digests.md5}\t${digests.sha256}\t`);
    }
  });

  it('reports progress chunk by chunk up to 1 on a file larger than one chunk', async () => {
    const bytes = new Uint8Array(2.5 * 2 ** 20).map((_, i) => (i * 31) & 255);
    const seen: number[] = [];
    const digests = await fileDigests(new Blob([bytes]), (f) => seen.push(f));
    expect(seen).toEqual([0.4, 0.8, 1]);
    expect(digests).toEqual({
      md5: createHash('md5').update(bytes).digest('hex'),
      sha256: createHash('sha256').update(bytes).digest('hex'),
      bytes: bytes.length,
    });
  });

  it('hashes an empty file', async () => {
    const digests = await fileDigests(new Blob([]));
    expect(digests.md5).toBe('d41d8cd98f00b204e9800998ecf8427e');
    expect(digests.sha256).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });
});
