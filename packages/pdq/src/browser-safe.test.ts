/**
 * The package runs in the reporter's browser: only the Node decoder may import Node modules or
 * sharp, and the browser decoder must not reach it through an import.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const here = import.meta.dirname;
const sources = readdirSync(here).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'));

function imports(file: string): string[] {
  const text = readFileSync(join(here, file), 'utf8');
  return [...text.matchAll(/^import\s[^;]*?from\s+'([^']+)'/gms)].map((m) => m[1]!);
}

describe('browser safety of @vangnet/pdq', () => {
  it.each(sources.filter((f) => f !== 'decode-node.ts'))(
    '%s imports no Node module and not sharp',
    (file) => {
      for (const specifier of imports(file)) {
        expect(
          specifier.startsWith('node:') || specifier === 'sharp' || specifier === './decode-node.ts',
        ).toBe(false);
      }
    },
  );

  it('finds the imports it checks', () => {
    expect(imports('decode-node.ts')).toContain('sharp');
    expect(imports('decode-browser.ts')).toContain('./exif-orientation.ts');
  });
});
