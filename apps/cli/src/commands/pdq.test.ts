import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hammingDistance } from '../../../../packages/pdq/src/hamming.ts';
import { readExpected } from '../../../../packages/pdq/test/reference-data.ts';

const repoRoot = resolve(import.meta.dirname, '../../../..');
const rows = readExpected();
const bridge = rows.find((r) => r.path === 'bridge-mods/aaa-orig.jpg')!;
const labelme = rows.find((r) => r.path === 'reg-test-input/labelme-subset/q0746.jpg')!;

function vangnet(...args: string[]) {
  const r = spawnSync(process.execPath, ['apps/cli/bin/vangnet.mjs', 'pdq', ...args], {
    cwd: repoRoot,
    encoding: 'utf8',
  });
  return { status: r.status, lines: r.stdout.trimEnd().split('\n').filter(Boolean), stderr: r.stderr };
}

describe('vangnet pdq', () => {
  it('prints <hash> <quality> <path> per image, close to the reference tool', () => {
    const { status, lines } = vangnet(bridge.file, labelme.file);
    expect(status).toBe(0);
    expect(lines).toHaveLength(2);
    [bridge, labelme].forEach((row, i) => {
      const [hash, quality, path, ...rest] = lines[i]!.split(' ');
      expect(rest).toEqual([]);
      expect(path).toBe(row.file);
      expect(quality).toBe(String(row.quality));
      expect(hammingDistance(hash!, row.hash)).toBeLessThanOrEqual(10);
    });
  });

  it('adds the 8 dihedral hashes with --dihedral, in the reference tool’s order', () => {
    const { status, lines } = vangnet('--dihedral', bridge.file);
    expect(status).toBe(0);
    const fields = lines[0]!.split(' ');
    expect(fields).toHaveLength(10);
    expect(fields.slice(8)).toEqual([String(bridge.quality), bridge.file]);
    const d = bridge.dihedral;
    const expected = [
      d.original,
      d.rot90,
      d.rot180,
      d.rot270,
      d.flipX,
      d.flipY,
      d.flipPlusOne,
      d.flipMinusOne,
    ];
    expected.forEach((hash, i) => {
      expect(hammingDistance(fields[i]!, hash)).toBeLessThanOrEqual(10);
    });
  });

  it('exits 2 and names an unreadable file, still hashing the others', () => {
    const folder = mkdtempSync(join(tmpdir(), 'vangnet-pdq-'));
    const notAnImage = join(folder, 'notes.jpg');
    writeFileSync(notAnImage, 'this is not a JPEG');
    const missing = join(folder, 'missing.png');
    const { status, lines, stderr } = vangnet(notAnImage, bridge.file, missing);
    expect(status).toBe(2);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(bridge.file);
    expect(stderr).toContain(`cannot read ${notAnImage}: not an image this tool can decode`);
    expect(stderr).toContain(`cannot read ${missing}: no such file`);
  });

  it('exits 2 with usage when no image is given', () => {
    const { status, stderr } = vangnet();
    expect(status).toBe(2);
    expect(stderr).toContain('usage: vangnet pdq');
  });
});
