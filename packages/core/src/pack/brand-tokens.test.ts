import { describe, expect, it } from 'vitest';
import { colourTokens, lowContrastPairs, mix } from './brand-tokens.ts';
import { brandProperties, brandView } from './brand-view.ts';
import { logoProblems } from './check-logo.ts';
import { contrastRatio } from './contrast.ts';

const calm = {
  primary: '#0b5394',
  onPrimary: '#ffffff',
  background: '#ffffff',
  text: '#1a1a1a',
  accent: '#b45309',
};

describe('brand tokens', () => {
  it.each([
    ['#000000', '#ffffff', 0, '#ffffff'],
    ['#000000', '#ffffff', 1, '#000000'],
    ['#ff0000', '#0000ff', 0.5, '#800080'],
  ])('mix(%s, %s, %s) = %s', (a, b, share, out) => expect(mix(a, b, share)).toBe(out));

  it('a calm brand passes every pair', () => {
    expect(lowContrastPairs(calm, 'light')).toEqual([]);
  });

  it.each([
    [{ ...calm, primary: '#7fa7d9' }, 'primary', 'primary on background'],
    [{ ...calm, text: '#9a9a9a' }, 'text', 'text on background'],
    [{ ...calm, onPrimary: '#1a1a1a' }, 'onPrimary', 'onPrimary on primary'],
    [{ ...calm, accent: '#f5d0a0' }, 'accent', 'accent on background'],
    [{ ...calm, background: '#e8b0b0' }, 'background', 'urgent on background'],
  ])('a low-contrast brand names the colour and the token pair (%#)', (colours, colour, pair) => {
    const found = lowContrastPairs(colours, 'light').map((p) => `${p.fg} on ${p.bg}`);
    expect(found).toContain(pair);
    expect(lowContrastPairs(colours, 'light').find((p) => `${p.fg} on ${p.bg}` === pair)?.colour).toBe(
      colour,
    );
  });

  it('derived tints keep text readable', () => {
    const tokens = colourTokens(calm, 'light');
    expect(contrastRatio(tokens.text, tokens.soft)).toBeGreaterThanOrEqual(4.5);
    expect(contrastRatio(tokens.line, tokens.background)).toBeGreaterThanOrEqual(3);
  });

  it('a brand view turns into CSS custom properties for light and dark', () => {
    const view = brandView({
      meta: {
        branding: {
          appName: 'X',
          colours: calm,
          dark: { ...calm, background: '#10151c', text: '#eef2f7', primary: '#9cc3f0', onPrimary: '#10151c' },
        },
        helpline: { id: 'x', name: 'X line', trustAnchors: [] },
      },
      texts: { nl: { 'branding.greeting': 'Hoi!' } },
    });
    expect(view.greeting).toEqual({ nl: 'Hoi!' });
    // The default language's greeting comes first, whatever order the texts files were read in.
    const ordered = brandView({
      meta: {
        branding: { appName: 'X', colours: calm },
        helpline: { id: 'x', name: 'X', trustAnchors: [] },
        defaultLanguage: 'nl',
      },
      texts: { en: { 'branding.greeting': 'Hi!' }, nl: { 'branding.greeting': 'Hoi!' } },
    });
    expect(Object.keys(ordered.greeting)).toEqual(['nl', 'en']);
    const props = Object.fromEntries(brandProperties(view));
    expect(props['--brand-primary']).toBe('#0b5394');
    expect(props['--brand-on-primary']).toBe('#ffffff');
    expect(props['--brand-dark-background']).toBe('#10151c');
  });
});

describe('logo check', () => {
  it.each([
    ['<svg viewBox="0 0 10 10"><circle cx="5" cy="5" r="4"/></svg>', []],
    ['<svg viewBox="0 0 10 10"><script>x()</script></svg>', ['must not contain <script> or <foreignObject>']],
    ['<svg viewBox="0 0 10 10" onload="x()"></svg>', ['must not contain event handlers (on…=)']],
    [
      '<svg viewBox="0 0 10 10"><image href="https://cdn.example/a.png"/></svg>',
      ['must not link to anything outside itself (only #fragment links)'],
    ],
    ['<svg viewBox="0 0 10 10"><use href="#a"/></svg>', []],
    ['<svg><path d="M0 0"/></svg>', ['needs a viewBox, so it scales to any size']],
    [
      '<img src="a.png">',
      [
        'not an <svg> element',
        'needs a viewBox, so it scales to any size',
        'must not link to anything outside itself (only #fragment links)',
      ],
    ],
  ])('%s', (svg, problems) => expect(logoProblems(svg)).toEqual(problems));
});
