import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { colourTokens, DEFAULT_COLOURS, type Scheme } from '@vangnet/core/pack/brand-tokens';
import { brandProperties } from '@vangnet/core/pack/brand-view';
import { describe, expect, it } from 'vitest';

const css = readFileSync(join(import.meta.dirname, 'tokens.css'), 'utf8');
const dark = css.slice(css.indexOf('@media (prefers-color-scheme: dark)'));
const light = css.slice(0, css.indexOf('@media (prefers-color-scheme: dark)'));

/** `--primary: var(--brand-primary, #1d4f91)` → { '--brand-primary': '#1d4f91' }. */
function fallbacks(block: string): Record<string, string> {
  return Object.fromEntries(
    [...block.matchAll(/var\((--brand[\w-]*), (#[0-9a-f]{6})\)/g)].map((m) => [m[1]!, m[2]!]),
  );
}

describe('tokens.css', () => {
  it.each([
    ['light', light],
    ['dark', dark],
  ] as const)(
    'its %s colours are the design system defaults of brand-tokens.ts, token for token',
    (scheme: Scheme, block) => {
      const expected = brandProperties(
        scheme === 'light'
          ? { light: colourTokens(DEFAULT_COLOURS.light, 'light') }
          : { light: colourTokens(DEFAULT_COLOURS.dark, 'dark') },
      ).map(([name, value]) => [
        scheme === 'light' ? name : name.replace('--brand-', '--brand-dark-'),
        value,
      ]);
      expect(fallbacks(block)).toEqual(Object.fromEntries(expected));
    },
  );

  it('asks for no motion when the reader asks for less', () => {
    expect(css).toMatch(/@media \(prefers-reduced-motion: reduce\)[\s\S]*transition-duration: 0s !important/);
  });
});
