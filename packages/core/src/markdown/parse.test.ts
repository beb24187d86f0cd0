import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isSafeHref, type MdBlock, type MdInline, parseMarkdown } from './parse.ts';

const t = (text: string): MdInline => ({ type: 'text', text });

describe('parseMarkdown', () => {
  it.each<[string, string, MdBlock[]]>([
    [
      'a heading per level, deeper ones as level 3',
      '# A\n## B\n### C\n#### D',
      [
        { type: 'heading', level: 1, children: [t('A')] },
        { type: 'heading', level: 2, children: [t('B')] },
        { type: 'heading', level: 3, children: [t('C')] },
        { type: 'heading', level: 3, children: [t('D')] },
      ],
    ],
    [
      'lines of a paragraph join; a blank line parts them',
      'one\ntwo\n\nthree',
      [
        { type: 'paragraph', children: [t('one two')] },
        { type: 'paragraph', children: [t('three')] },
      ],
    ],
    [
      'bold and italic',
      'Bel **112** of *nu* en __ook__ _dit_.',
      [
        {
          type: 'paragraph',
          children: [
            t('Bel '),
            { type: 'strong', children: [t('112')] },
            t(' of '),
            { type: 'em', children: [t('nu')] },
            t(' en '),
            { type: 'strong', children: [t('ook')] },
            t(' '),
            { type: 'em', children: [t('dit')] },
            t('.'),
          ],
        },
      ],
    ],
    [
      'a lone star or snake_case stays text',
      '2 * 3 and snake_case_word',
      [{ type: 'paragraph', children: [t('2 * 3 and snake_case_word')] }],
    ],
    [
      'bullet and numbered lists, with a continued line',
      '- a\n- b\n  more\n\n1. x\n2) y',
      [
        { type: 'list', ordered: false, items: [[t('a')], [t('b more')]] },
        { type: 'list', ordered: true, items: [[t('x')], [t('y')]] },
      ],
    ],
    [
      'a list right after a paragraph line',
      'Tips:\n* one',
      [
        { type: 'paragraph', children: [t('Tips:')] },
        { type: 'list', ordered: false, items: [[t('one')]] },
      ],
    ],
    [
      'https, tel, sms and mailto links',
      '[site](https://a.test/x) [bel](tel:+31 800 0432) [sms](sms:113) [mail](mailto:a@b.nl)',
      [
        {
          type: 'paragraph',
          children: [
            { type: 'link', href: 'https://a.test/x', children: [t('site')] },
            t(' '),
            { type: 'link', href: 'tel:+31 800 0432', children: [t('bel')] },
            t(' '),
            { type: 'link', href: 'sms:113', children: [t('sms')] },
            t(' '),
            { type: 'link', href: 'mailto:a@b.nl', children: [t('mail')] },
          ],
        },
      ],
    ],
    [
      'a javascript: link keeps only its words',
      '[klik](javascript:alert(1))',
      [{ type: 'paragraph', children: [t('klik')] }],
    ],
    [
      'raw HTML is text',
      '<script>alert(1)</script> <b>x</b>',
      [{ type: 'paragraph', children: [t('<script>alert(1)</script> <b>x</b>')] }],
    ],
    [
      'backslash escapes',
      '\\*not italic\\* \\[no link\\]',
      [{ type: 'paragraph', children: [t('*not italic* [no link]')] }],
    ],
    [
      'bold link text',
      '[**Bel**](tel:112)',
      [
        {
          type: 'paragraph',
          children: [{ type: 'link', href: 'tel:112', children: [{ type: 'strong', children: [t('Bel')] }] }],
        },
      ],
    ],
    ['a quote line reads as its text', '> Zeg het', [{ type: 'paragraph', children: [t('Zeg het')] }]],
    ['nothing', '', []],
  ])('%s', (_name, source, blocks) => {
    expect(parseMarkdown(source).blocks).toEqual(blocks);
  });

  it.each([
    ['javascript:alert(1)'],
    ['JavaScript:alert(1)'],
    ['http://a.test'],
    ['data:text/html,<script>'],
    ['/relative'],
    ['vbscript:x'],
    ['https://a.test/"onmouseover="x'],
  ])('refuses %s and names it', (href) => {
    const doc = parseMarkdown(`[x](${href})`);
    expect(doc.refused).toEqual([href]);
    expect(JSON.stringify(doc.blocks)).not.toContain('"link"');
  });
});

describe('isSafeHref', () => {
  it.each([
    ['https://www.113.nl', true],
    ['tel:0800-0113', true],
    ['tel:+32 2 123 45 67', true],
    ['sms:113', true],
    ['mailto:info@helpwanted.nl', true],
    ['tel:abc', false],
    ['mailto:a@b', false],
    ['https://', false],
    [' https://a.test', false],
    ['ftp://a.test', false],
  ])('%s → %s', (href, safe) => {
    expect(isSafeHref(href)).toBe(safe);
  });
});

function links(nodes: readonly MdInline[]): string[] {
  return nodes.flatMap((n) =>
    n.type === 'text' ? [] : [...(n.type === 'link' ? [n.href] : []), ...links(n.children)],
  );
}
const allLinks = (blocks: MdBlock[]) =>
  blocks.flatMap((b) => (b.type === 'list' ? b.items.flatMap(links) : links(b.children)));

describe('parseMarkdown on any input (fuzz)', () => {
  const markdownish = fc.stringMatching(/^[-#*_[\]()<>\\:/ \n.a-zA-Z0-9!`>]{0,200}$/);
  const hostile = fc.constantFrom(
    '[a](javascript:alert(1))',
    '<script>x</script>',
    '[b](JAVASCRIPT:x)',
    '[c](data:text/html;base64,xx)',
    '<img src=x onerror=alert(1)>',
    '**[d](javascript:1)**',
    '[e](https://ok.test)',
  );
  const input = fc.oneof(
    fc.string({ maxLength: 300 }),
    markdownish,
    fc.array(fc.oneof(markdownish, hostile)).map((a) => a.join('\n')),
  );

  it('never throws, links only to safe addresses, never a javascript: link', () => {
    fc.assert(
      fc.property(input, (source) => {
        const { blocks } = parseMarkdown(source);
        for (const href of allLinks(blocks)) {
          expect(isSafeHref(href)).toBe(true);
          expect(href.toLowerCase()).not.toContain('javascript:');
        }
        // Only the node types the renderer knows: no raw HTML node can appear.
        expect(JSON.stringify(blocks)).not.toMatch(/"type":"(?!text|strong|em|link|heading|paragraph|list)/);
      }),
      { numRuns: 2000 },
    );
  });

  it('keeps deep nesting finite', () => {
    const deep = `${'**['.repeat(5000)}x${'](https://a.test)**'.repeat(5000)}`;
    expect(() => parseMarkdown(deep)).not.toThrow();
  });
});
