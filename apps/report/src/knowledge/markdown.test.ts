import fc from 'fast-check';
import { h } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { describe, expect, it } from 'vitest';
import { Markdown } from './markdown.tsx';

const html = (source: string) => renderToString(h(Markdown, { source }));

describe('Markdown (the page renderer)', () => {
  it.each([
    [
      'the page title is the screen’s, not a second h1',
      '# Titel\n\nTekst',
      '<div class="kc-body"><p>Tekst</p></div>',
    ],
    ['## and ### as h2 and h3', '## A\n### B', '<div class="kc-body"><h2>A</h2><h3>B</h3></div>'],
    ['lists', '- a\n\n1. b', '<div class="kc-body"><ul><li>a</li></ul><ol><li>b</li></ol></div>'],
    ['bold and italic', '**a** *b*', '<div class="kc-body"><p><strong>a</strong> <em>b</em></p></div>'],
    [
      'a web link opens beside the app',
      '[site](https://a.test)',
      '<div class="kc-body"><p><a href="https://a.test" target="_blank" rel="noopener noreferrer">site</a></p></div>',
    ],
    ['a phone link', '[bel](tel:113)', '<div class="kc-body"><p><a href="tel:113">bel</a></p></div>'],
    [
      'raw HTML is shown as text',
      '<script>x()</script>',
      '<div class="kc-body"><p>&lt;script>x()&lt;/script></p></div>',
    ],
    ['a javascript: link is only words', '[klik](javascript:x())', '<div class="kc-body"><p>klik</p></div>'],
  ])('%s', (_name, source, expected) => {
    expect(html(source)).toBe(expected);
  });

  it('never writes a tag the subset has no place for, nor a script link, whatever the page says', () => {
    const piece = fc.constantFrom(
      '<script>',
      '</script>',
      '<img src=x onerror=y>',
      '[a](javascript:b)',
      '[c](https://d.test)',
      '**',
      '*',
      '# ',
      '- ',
      '\n',
      '](',
      'x',
    );
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ maxLength: 200 }),
          fc.array(piece, { maxLength: 40 }).map((a) => a.join('')),
        ),
        (source) => {
          const out = html(source);
          expect(out).not.toMatch(/<(?!\/?(div|p|h2|h3|ul|ol|li|strong|em|a)[\s>])/);
          expect(out.toLowerCase()).not.toContain('href="javascript:');
        },
      ),
      { numRuns: 1000 },
    );
  });
});
