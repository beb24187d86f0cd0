import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { pagePlainText } from './page-text.ts';

describe('pagePlainText', () => {
  it('drops the front-matter and the title, strips the marks, one paragraph per block', () => {
    const page = [
      '---',
      'audiences: [young]',
      'kind: own-behaviour',
      '---',
      '# Worried about what you do',
      '',
      'Good that you are **here**.',
      '',
      '## What can you do?',
      '',
      '- Stop, if you can.',
      '- Talk to *someone*.',
      '',
    ].join('\n');
    expect(pagePlainText(page)).toEqual([
      'Good that you are here.',
      'What can you do?',
      'Stop, if you can. Talk to someone.',
    ]);
  });

  it('reads a page without front-matter, with Windows line ends', () => {
    expect(pagePlainText('# Title\r\n\r\nOne.\r\nTwo.\r\n')).toEqual(['One. Two.']);
  });

  it('never throws and never returns an empty paragraph or a leading mark', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 400 }), (text) => {
        for (const p of pagePlainText(text)) {
          expect(p.length).toBeGreaterThan(0);
          expect(p).not.toMatch(/^#{1,6}\s/);
          expect(p).not.toContain('**');
        }
      }),
      { numRuns: 300 },
    );
  });
});
