import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HashCsvError, parseHashCsv } from './hash-csv.ts';

const pdq = 'ab'.repeat(32);
const md5 = 'cd'.repeat(16);

function problemsOf(text: string) {
  try {
    parseHashCsv(text);
  } catch (error) {
    if (error instanceof HashCsvError) return error.problems;
    throw error;
  }
  throw new Error('expected the list to be refused');
}

describe('known-hash CSV', () => {
  it('reads pdq, md5 and quality in any column order, upper-case hex, CRLF, a BOM and blank lines', () => {
    const text = `\uFEFFmd5,quality,pdq\r\n${md5.toUpperCase()},90,${pdq}\r\n\r\n,,${pdq}\n${md5},,\n`;
    expect(parseHashCsv(text)).toEqual([
      { line: 2, md5, quality: 90, pdq },
      { line: 4, pdq },
      { line: 5, md5 },
    ]);
  });

  it('reads a list with one column', () => {
    expect(parseHashCsv(`pdq\n${pdq}\n`)).toEqual([{ line: 2, pdq }]);
  });

  it.each([
    ['', 1, 'the file is empty'],
    ['pdq,name\n', 1, 'column 2 of the header is not pdq, md5 or quality'],
    ['pdq,pdq\n', 1, 'the header names pdq twice'],
    ['quality\n', 1, 'the header needs a pdq or an md5 column'],
    ['md5,quality\n', 1, 'a quality column needs a pdq column'],
    ['pdq\n', 1, 'the list has no hashes'],
    [`pdq,md5\n${pdq},${md5}\n${pdq}\n`, 3, 'has 1 cells, the header has 2'],
    [`pdq\n${pdq}\n${pdq.slice(1)}\n`, 3, 'pdq is not 64 hexadecimal digits'],
    [`md5\n${md5}x\n`, 2, 'md5 is not 32 hexadecimal digits'],
    [`pdq,quality\n${pdq},101\n`, 2, 'quality is not a whole number from 0 to 100'],
    [`pdq,quality\n${pdq},07\n`, 2, 'quality is not a whole number from 0 to 100'],
    [`pdq,quality\n,50\n`, 2, 'has a quality but no pdq'],
    [`pdq,md5\n,\n`, 2, 'has no pdq and no md5'],
    [`pdq\n"${pdq}"\n`, 2, 'has a quote; hashes need none'],
  ])('refuses %j naming line %i', (text, line, message) => {
    expect(problemsOf(text)[0]).toEqual({ line, message });
  });

  it('names each bad line, up to ten, and never echoes what was on them', () => {
    const secret = 'my-name-is-sam';
    const text = ['pdq', ...Array.from({ length: 30 }, (_, i) => (i % 2 ? pdq : secret))].join('\n');
    const error = (() => {
      try {
        parseHashCsv(text);
      } catch (e) {
        return e as HashCsvError;
      }
    })();
    expect(error?.problems.map((p) => p.line)).toEqual([2, 4, 6, 8, 10, 12, 14, 16, 18, 20]);
    expect(error?.message).not.toContain(secret);
  });

  it('never crashes on any input: it returns entries or throws a HashCsvError naming real lines', () => {
    const cell = fc.oneof(
      fc.constantFrom(pdq, md5, pdq.toUpperCase(), '', '50', '100', '-1', ' ', '"', '\r'),
      fc.string({ maxLength: 70 }),
    );
    const row = fc.array(cell, { maxLength: 4 }).map((cells) => cells.join(','));
    const header = fc.oneof(
      fc.constantFrom('pdq', 'md5', 'pdq,md5', 'pdq,quality', 'md5,pdq,quality', 'PDQ , MD5'),
      fc.string({ maxLength: 20 }),
    );
    const file = fc
      .tuple(header, fc.array(row, { maxLength: 30 }), fc.constantFrom('\n', '\r\n'))
      .map(([h, rows, eol]) => [h, ...rows].join(eol));
    fc.assert(
      fc.property(fc.oneof(file, fc.string({ maxLength: 300 })), (text) => {
        const lineCount = text.split(/\r?\n/).length;
        try {
          const entries = parseHashCsv(text);
          expect(entries.length).toBeGreaterThan(0);
          for (const e of entries) {
            expect(e.pdq ?? e.md5).toBeDefined();
            if (e.pdq) expect(e.pdq).toMatch(/^[0-9a-f]{64}$/);
            if (e.md5) expect(e.md5).toMatch(/^[0-9a-f]{32}$/);
            expect(e.line).toBeLessThanOrEqual(lineCount);
          }
        } catch (error) {
          expect(error).toBeInstanceOf(HashCsvError);
          const { problems } = error as HashCsvError;
          expect(problems.length).toBeGreaterThan(0);
          expect(problems.length).toBeLessThanOrEqual(10);
          for (const p of problems) {
            expect(p.line).toBeGreaterThanOrEqual(1);
            expect(p.line).toBeLessThanOrEqual(lineCount);
          }
        }
      }),
      { numRuns: 2000 },
    );
  });
});
