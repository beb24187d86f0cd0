import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { icuCatalogs } from './icu-catalog-plugin.ts';

// An app folder of its own: src/i18n/catalogs/{en,xx}.json, as the reporter app and the console have.
const root = mkdtempSync(join(tmpdir(), 'vangnet-icu-plugin-'));
const catalogs = join(root, 'src', 'i18n', 'catalogs');
mkdirSync(catalogs, { recursive: true });
const write = (lang: string, catalog: unknown) =>
  writeFileSync(join(catalogs, `${lang}.json`), JSON.stringify(catalog));
write('en', { title: 'Cases', queue: { count: '{n, plural, one {# case} other {# cases}}', empty: 'None' } });
write('xx', { title: 'Dossiers', queue: { count: '{n, plural, one {# dossier} other {# dossiers}}' } });
write('yy', {
  title: 'Fälle',
  queue: { count: '{n, plural, one {# Fall} other {# Fälle}}', empty: 'Keine' },
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** The plugin's hooks as Vite calls them, with `this.error` throwing as Vite's does. */
function build(lang: string): string {
  const plugin = icuCatalogs();
  const importer = join(root, 'src', 'i18n', 'index.ts');
  const ctx = {
    error: (message: string) => {
      throw new Error(message);
    },
    addWatchFile: () => undefined,
  };
  // The hooks are plain functions in this plugin; Vite's types also allow objects, hence `unknown`.
  const resolve = plugin.resolveId as unknown as (id: string, importer: string) => string | null;
  const load = plugin.load as unknown as (this: typeof ctx, id: string) => string | null;
  const id = resolve.call(ctx, `./catalogs/${lang}.json`, importer);
  if (!id) throw new Error('not resolved');
  return load.call(ctx, id) ?? '';
}

describe('icu-catalog-plugin', () => {
  it('compiles a complete catalog to data (no parser in the app)', () => {
    const code = build('yy');
    expect(code).toMatch(/^export default JSON\.parse\(/);
    expect(code).toContain('Keine');
  });

  it('fails the build on a catalog missing a key, naming the key', () => {
    expect(() => build('xx')).toThrow(/xx\.json: 1 problem\(s\)\nqueue\.empty: missing/);
  });
});
