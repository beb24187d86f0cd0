import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { CountryPack } from '@vangnet/core';
import { describe, expect, it } from 'vitest';
import { loadCountryPack } from './load.ts';

/**
 * A country's numbers live in its pack, never in app code (issue: a Flemish child was shown the Dutch
 * 113 on a first load without the pack). Every phone number of every pack, as dialled and as displayed,
 * must be absent from the apps' sources; 112 and the harmonised European 116 numbers are the same in
 * every member state and may appear.
 */
const root = join(import.meta.dirname, '../../../..');
const EVERYWHERE_IN_EUROPE = /^(112|116\s?\d{3})$/;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (name === 'node_modules' || name === 'dist') return [];
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx|html|css|json)$/.test(name) && !/\.test\.tsx?$/.test(name) ? [path] : [];
  });
}

function numbersOf(pack: CountryPack): string[] {
  const phones = [...pack.services.flatMap((s) => s.phones), ...pack.crisis.flatMap((c) => c.phones)];
  return [...new Set(phones.flatMap((p) => [p.number, p.display ?? p.number]))].filter(
    (n) => !EVERYWHERE_IN_EUROPE.test(n),
  );
}

describe('no country data in app code', () => {
  it('no pack phone number appears in the sources of apps/report, apps/console or apps/server', async () => {
    const packs = readdirSync(join(root, 'country-packs')).filter(
      (name) => name !== 'template' && statSync(join(root, 'country-packs', name)).isDirectory(),
    );
    const numbers = (
      await Promise.all(packs.map((p) => loadCountryPack(join(root, 'country-packs', p))))
    ).flatMap(numbersOf);
    expect(numbers.length).toBeGreaterThan(5);
    const found: string[] = [];
    for (const app of ['report', 'console', 'server']) {
      for (const file of sourceFiles(join(root, 'apps', app, 'src')).concat(
        app === 'report' ? [join(root, 'apps/report/index.html')] : [],
      )) {
        // Comments may name an example number; only what reaches a screen counts.
        const text = readFileSync(file, 'utf8')
          .replace(/\/\*[\s\S]*?\*\//g, '')
          .replace(/(^|[^:])\/\/.*$/gm, '$1');
        for (const number of numbers) {
          // Whole numbers only: "1813" inside "18130" or a hash is not a phone number, nor is "106" in
          // a CSS size such as "106.25%".
          if (new RegExp(`(^|[^0-9.])${number.replace(/[+]/g, '\\+')}([^0-9.%]|$)`).test(text)) {
            found.push(`${relative(root, file)}: ${number}`);
          }
        }
      }
    }
    expect(found).toEqual([]);
  });
});
