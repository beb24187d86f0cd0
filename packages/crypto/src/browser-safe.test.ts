// The reporter PWA and the console bundle this package, so its source may import only browser-safe
// code. Tests may use Node; the modules they test may not.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const here = new URL('.', import.meta.url);
const modules = readdirSync(here).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'));
const allowed =
  /^(\.\/[a-z0-9-]+\.ts|@noble\/(hashes|curves|ciphers)\/[a-z0-9]+\.js|@scure\/base|age-encryption|libsodium-wrappers|hash-wasm)$/;

describe('browser-safe source', () => {
  it.each(modules)(
    '%s imports only relative modules, @noble, @scure/base, age-encryption and the WebAssembly libraries',
    (file) => {
      const source = readFileSync(new URL(file, here), 'utf8');
      const specifiers = [...source.matchAll(/\b(?:from\s+|import\()'([^']+)'/g)].map((m) => m[1]);
      for (const specifier of specifiers) expect(specifier, `${file}: ${specifier}`).toMatch(allowed);
      expect(source).not.toMatch(/\brequire\(|\bprocess\.|\bBuffer\b/);
    },
  );
});
