import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { layoutOnePage, onePagePdf, type PdfBlock, wrap } from './one-page-pdf.ts';
import { pdfString, textWidth, toWinAnsiText } from './win-ansi.ts';

// The real poppler tools read each PDF back, as a parent's PDF viewer or printer would.
const dir = mkdtempSync(join(tmpdir(), 'vangnet-pdf-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let count = 0;
/**
 * `raw`: text in the order the file draws it. pdftotext's default mode also guesses at hyphenation (a
 * line ending in "-" is joined to the next without it), which is the reader's guess, not the file's text.
 */
function poppler(bytes: Uint8Array, raw = false): { text: string; pages: number } {
  const file = join(dir, `${count++}.pdf`);
  writeFileSync(file, bytes);
  const text = spawnSync('pdftotext', [...(raw ? ['-raw'] : []), '-enc', 'UTF-8', file, '-'], {
    encoding: 'utf8',
  });
  const info = spawnSync('pdfinfo', [file], { encoding: 'utf8' });
  // Any complaint on stderr ("Syntax Error", "xref") means a reader had to repair the file.
  expect(text.stderr + info.stderr).toBe('');
  expect(text.status).toBe(0);
  const pages = Number(/^Pages:\s+(\d+)/m.exec(info.stdout)?.[1]);
  return { text: text.stdout, pages };
}
const squeeze = (s: string) => s.replace(/\s+/g, '');

const MORE = 'Not everything fit on this page.';

describe('toWinAnsiText', () => {
  it.each([
    ['Thuisafspraken: één, twee', 'Thuisafspraken: één, twee'],
    ['Ça coûte 5 € — d’accord ?', 'Ça coûte 5 € — d’accord ?'],
    ['Straße, Öl, Übung', 'Straße, Öl, Übung'],
    ['Łódź, Gdańsk, zażółć', 'Lódz, Gdansk, zazólc'],
    ['ﬁne\u00a0day\tnow\nyes', 'fine day now yes'],
    ['soft\u00adhyphen\u200bzero', 'softhyphenzero'],
    ['سلام and 😀', '???? and ?'],
  ])('%s → %s', (input, expected) => {
    expect(toWinAnsiText(input)).toBe(expected);
  });
});

describe('pdfString', () => {
  it.each([
    ['a (b) c\\d', '(a \\(b\\) c\\\\d)'],
    ['é€', '(\\351\\200)'],
  ])('%s → %s', (input, expected) => {
    expect(pdfString(input)).toBe(expected);
  });
});

describe('wrap', () => {
  it('keeps every line within the width and every character', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), fc.integer({ min: 40, max: 500 }), (raw, width) => {
        const text = toWinAnsiText(raw);
        const lines = wrap(text, width, 10, false);
        // A single glyph wider than the line is the only thing allowed to stick out.
        for (const line of lines) expect(textWidth(line, 10) <= width || [...line].length === 1).toBe(true);
        expect(squeeze(lines.join(''))).toBe(squeeze(text));
      }),
    );
  });
});

describe('onePagePdf', () => {
  const sheet: PdfBlock[] = [
    { kind: 'title', text: 'Onze thuisafspraken' },
    { kind: 'heading', text: 'Welke apps (en waarom)?' },
    { kind: 'item', text: 'We spelen Minecraft alleen met vrienden die we echt kennen.' },
    { kind: 'heading', text: 'Schermvrije tijden' },
    { kind: 'item', text: 'Geen telefoon aan tafel. Ook papa en mama niet \\ nooit.' },
    { kind: 'text', text: 'Gemaakt op 30 november 2026' },
  ];

  it('writes a one-page PDF that pdftotext reads back word for word', () => {
    const { text, pages } = poppler(onePagePdf({ blocks: sheet, moreNote: MORE, lang: 'nl', title: 'x' }));
    expect(pages).toBe(1);
    for (const block of sheet) expect(text).toContain(block.text);
    expect(text).not.toContain(MORE);
  });

  it('shrinks the type before it cuts anything', () => {
    const many = Array.from({ length: 60 }, (_, i) => ({ kind: 'item' as const, text: `Afspraak ${i + 1}` }));
    const layout = layoutOnePage({ blocks: many, moreNote: MORE });
    expect(layout.truncated).toBe(false);
    expect(layout.bodySize).toBeLessThan(12);
  });

  it('cuts what does not fit at the smallest size and says so on the page', () => {
    const many = Array.from({ length: 200 }, (_, i) => ({
      kind: 'item' as const,
      text: `Afspraak nummer ${i + 1} over schermtijd`,
    }));
    const pdf = onePagePdf({ blocks: many, moreNote: MORE, lang: 'nl', title: 'x' });
    const { text, pages } = poppler(pdf);
    expect(pages).toBe(1);
    expect(text).toContain('Afspraak nummer 1 over schermtijd');
    expect(text).not.toContain('Afspraak nummer 200 ');
    expect(text).toContain(MORE);
  });

  it('any text gives a valid one-page PDF whose text reads back as laid out', () => {
    const block = fc.record({
      kind: fc.constantFrom<PdfBlock['kind']>('title', 'heading', 'item', 'text'),
      // Full Unicode, including the characters a PDF string must escape.
      text: fc.oneof(
        fc.string({ unit: 'grapheme', maxLength: 200 }),
        fc.string({
          unit: fc.constantFrom('(', ')', '\\', ' ', 'a', 'é', '€', '\n', 'ł', '😀'),
          maxLength: 80,
        }),
      ),
    });
    fc.assert(
      fc.property(
        fc.array(block, { maxLength: 60 }),
        fc.constantFrom('nl', 'fr', 'en', 'de'),
        (blocks, lang) => {
          const layout = layoutOnePage({ blocks, moreNote: MORE });
          for (const line of layout.lines) {
            expect(line.y).toBeGreaterThanOrEqual(40);
            expect(line.x).toBeGreaterThanOrEqual(50);
          }
          const { text, pages } = poppler(
            onePagePdf({ blocks, moreNote: MORE, lang, title: blocks[0]?.text ?? '' }),
            true,
          );
          expect(pages).toBe(1);
          expect(squeeze(text)).toBe(squeeze(layout.lines.map((l) => l.text).join('')));
          if (!layout.truncated)
            expect(squeeze(text.replaceAll('•', ''))).toBe(
              squeeze(blocks.map((b) => toWinAnsiText(b.text).replaceAll('•', '')).join('')),
            );
        },
      ),
      { numRuns: 120 },
    );
  });
});
