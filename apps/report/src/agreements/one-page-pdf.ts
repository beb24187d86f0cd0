import { pdfString, textWidth, toWinAnsiText } from './win-ansi.ts';

/**
 * A one-page PDF (1.4) written by hand: the agreements sheet needs headings, bullet lines and wrapping,
 * nothing more, and a PDF library would cost the phone 100+ kB. Pure: blocks in, bytes out. The text uses
 * the built-in Helvetica with WinAnsiEncoding (win-ansi.ts says what happens to other characters).
 * Too much text for one A4 page shrinks the type step by step; below the smallest size the rest is cut
 * and `moreNote` says so on the page.
 */
export type PdfBlock = { kind: 'title' | 'heading' | 'item' | 'text'; text: string };

export interface OnePageInput {
  blocks: readonly PdfBlock[];
  /** Shown at the bottom when not everything fit. */
  moreNote: string;
  /** BCP 47 language of the text, for screen readers that open the PDF. */
  lang: string;
  /** Document title in the PDF's properties. */
  title: string;
}

export interface LaidLine {
  text: string;
  x: number;
  y: number;
  size: number;
  bold: boolean;
}

export interface Layout {
  lines: LaidLine[];
  bodySize: number;
  truncated: boolean;
}

const PAGE_W = 595; // A4 in points
const PAGE_H = 842;
const MARGIN = 50;
const BULLET_INDENT = 14;
const SIZES = [12, 11, 10, 9, 8, 7] as const;
const SMALLEST = 7;
const LEADING = 1.3;
const BULLET = '•';

const scale = (kind: PdfBlock['kind']): number => (kind === 'title' ? 1.6 : kind === 'heading' ? 1.15 : 1);

/** Splits text into lines no wider than `width`; a word longer than a line is broken by characters. */
export function wrap(text: string, width: number, size: number, bold: boolean): string[] {
  const lines: string[] = [];
  let line = '';
  const fits = (s: string) => textWidth(s, size, bold) <= width;
  for (const word of text.split(' ').filter(Boolean)) {
    const candidate = line ? `${line} ${word}` : word;
    if (fits(candidate)) {
      line = candidate;
      continue;
    }
    if (line) lines.push(line);
    line = '';
    let rest = word;
    while (!fits(rest)) {
      let cut = 1;
      const chars = [...rest];
      while (cut < chars.length && fits(chars.slice(0, cut + 1).join(''))) cut++;
      lines.push(chars.slice(0, cut).join(''));
      rest = chars.slice(cut).join('');
    }
    line = rest;
  }
  if (line) lines.push(line);
  return lines;
}

function layoutAt(blocks: readonly PdfBlock[], bodySize: number): { lines: LaidLine[]; bottom: number } {
  const lines: LaidLine[] = [];
  let y = PAGE_H - MARGIN;
  blocks.forEach((block, i) => {
    const size = bodySize * scale(block.kind);
    const bold = block.kind === 'title' || block.kind === 'heading';
    // Space above a heading separates the topics, and a closing line from the list above it.
    const after = blocks[i - 1]?.kind;
    if (after && (block.kind === 'heading' || (block.kind === 'text' && after === 'item')))
      y -= bodySize * 0.8;
    const indent = block.kind === 'item' ? BULLET_INDENT : 0;
    const text = toWinAnsiText(block.text).trim();
    const wrapped = wrap(text, PAGE_W - 2 * MARGIN - indent, size, bold);
    wrapped.forEach((part, j) => {
      y -= size * LEADING;
      // The bullet shares its line's string, so a reader never takes the bullets for a column of their own.
      if (block.kind === 'item' && j === 0) {
        const bullet = `${BULLET} `;
        lines.push({ text: bullet + part, x: MARGIN + indent - textWidth(bullet, size), y, size, bold });
      } else lines.push({ text: part, x: MARGIN + indent, y, size, bold });
    });
    if (block.kind === 'title') y -= bodySize * 0.6;
  });
  return { lines, bottom: y };
}

/** The largest type size at which everything fits; else the smallest size, cut, with the note. */
export function layoutOnePage(input: Pick<OnePageInput, 'blocks' | 'moreNote'>): Layout {
  for (const size of SIZES) {
    const { lines, bottom } = layoutAt(input.blocks, size);
    if (bottom >= MARGIN) return { lines, bodySize: size, truncated: false };
  }
  const size = SMALLEST;
  const { lines } = layoutAt(input.blocks, size);
  const note = wrap(toWinAnsiText(input.moreNote).trim(), PAGE_W - 2 * MARGIN, size, true);
  const noteHeight = note.length * size * LEADING;
  // Whole lines down to the note's space.
  const floor = MARGIN + noteHeight + size * LEADING;
  const kept = lines.filter((l) => l.y >= floor);
  let y = floor - size * LEADING * 0.5;
  for (const part of note) {
    y -= size * LEADING;
    kept.push({ text: part, x: MARGIN, y, size, bold: true });
  }
  return { lines: kept, bodySize: size, truncated: true };
}

const n = (v: number): string => (Math.round(v * 100) / 100).toString();

/** Writes the page. Every line of the file is ASCII (pdfString escapes the rest), so offsets are lengths. */
export function onePagePdf(input: OnePageInput): Uint8Array {
  const layout = layoutOnePage(input);
  const content = ['BT']
    .concat(
      layout.lines.map(
        (l) =>
          `/${l.bold ? 'F2' : 'F1'} ${n(l.size)} Tf 1 0 0 1 ${n(l.x)} ${n(l.y)} Tm ${pdfString(l.text)} Tj`,
      ),
    )
    .concat('ET')
    .join('\n');
  const font = (base: string) =>
    `<< /Type /Font /Subtype /Type1 /BaseFont /${base} /Encoding /WinAnsiEncoding >>`;
  const objects = [
    `<< /Type /Catalog /Pages 2 0 R /Lang ${pdfString(input.lang)} >>`,
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${PAGE_W} ${PAGE_H}] /Resources << /Font << /F1 4 0 R /F2 5 0 R >> >> /Contents 6 0 R >>`,
    font('Helvetica'),
    font('Helvetica-Bold'),
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
    `<< /Title ${pdfString(toWinAnsiText(input.title))} /Producer (Vangnet) >>`,
  ];
  // The binary comment marks the file as binary for transfer tools, as the PDF spec recommends.
  let out = '%PDF-1.4\n%\u00e2\u00e3\u00cf\u00d3\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) out += `${offset.toString().padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R /Info ${objects.length} 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  const bytes = new Uint8Array(out.length);
  for (let i = 0; i < out.length; i++) bytes[i] = out.charCodeAt(i);
  return bytes;
}
