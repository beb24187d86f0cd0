import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(import.meta.dirname, '../..');

/** One text edit to a pack file: the first match of `from` is replaced by `to` (`$1` works with a RegExp). */
export interface PackEdit {
  file: string;
  from: string | RegExp;
  to: string;
}

/**
 * A shipped country pack copied into a fresh temporary folder with a few edits (usually a connector
 * pointed at a loopback receiver). Every edit must change its file: a pack that drifted from what the
 * test expects would otherwise let the test pass for the wrong reason.
 */
export async function copyPackWith(
  pack: string,
  edits: readonly PackEdit[],
  prefix = 'vangnet-e2e-pack-',
): Promise<{ work: string; packDir: string }> {
  const work = await mkdtemp(join(tmpdir(), prefix));
  const packDir = join(work, pack);
  await cp(join(root, 'country-packs', pack), packDir, { recursive: true });
  for (const edit of edits) {
    const path = join(packDir, edit.file);
    const before = await readFile(path, 'utf8');
    const after = before.replace(edit.from, edit.to);
    if (after === before) throw new Error(`pack edit missed in ${pack}/${edit.file}: ${String(edit.from)}`);
    await writeFile(path, after);
  }
  return { work, packDir };
}
