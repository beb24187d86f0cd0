/**
 * Text for the PDF's standard Helvetica font, which every PDF reader has built in (no font file to
 * embed, so the PDF stays a few kilobytes). That font reaches only the WinAnsi character set: enough for
 * Dutch, English, French and German. Anything else must not break the PDF:
 * - letters with marks WinAnsi lacks lose the mark (Polish ą → a, ł → l; NFKD + a few by hand),
 * - typographic look-alikes map to their plain form (ﬁ → fi, non-breaking space → space),
 * - everything else (Arabic, Greek, emoji, …) becomes "?". A future language outside WinAnsi needs an
 *   embedded font instead; the screen and print view still show the real text.
 */

/** Unicode → WinAnsi byte for the 0x80–0x9F range, where WinAnsi differs from Latin-1. */
const WIN_ANSI_HIGH: Record<string, number> = {
  '€': 0x80,
  '‚': 0x82,
  ƒ: 0x83,
  '„': 0x84,
  '…': 0x85,
  '†': 0x86,
  '‡': 0x87,
  ˆ: 0x88,
  '‰': 0x89,
  Š: 0x8a,
  '‹': 0x8b,
  Œ: 0x8c,
  Ž: 0x8e,
  '‘': 0x91,
  '’': 0x92,
  '“': 0x93,
  '”': 0x94,
  '•': 0x95,
  '–': 0x96,
  '—': 0x97,
  '˜': 0x98,
  '™': 0x99,
  š: 0x9a,
  '›': 0x9b,
  œ: 0x9c,
  ž: 0x9e,
  Ÿ: 0x9f,
};

/** Letters NFKD does not take apart. */
const BY_HAND: Record<string, string> = {
  ł: 'l',
  Ł: 'L',
  đ: 'd',
  Đ: 'D',
  ħ: 'h',
  Ħ: 'H',
  ı: 'i',
  ŀ: 'l',
  Ŀ: 'L',
};

export const REPLACEMENT = '?';

/** The WinAnsi byte for one character, or undefined when the font has no glyph for it. */
export function winAnsiByte(char: string): number | undefined {
  const high = WIN_ANSI_HIGH[char];
  if (high !== undefined) return high;
  const code = char.codePointAt(0) ?? 0;
  // Printable ASCII, and Latin-1's printable half (same bytes in WinAnsi). 0xAD (soft hyphen) is left out:
  // readers draw it or not as they like, so it is dropped below.
  if ((code >= 0x20 && code <= 0x7e) || (code >= 0xa1 && code <= 0xff && code !== 0xad)) return code;
  return undefined;
}

/**
 * Text the font can draw, character by character as a reader will see it: whitespace of any kind becomes
 * one plain space, invisible characters go, the rest maps as described above.
 */
export function toWinAnsiText(input: string): string {
  let out = '';
  for (const char of input) {
    if (/\s/u.test(char)) {
      out += ' ';
      continue;
    }
    if (winAnsiByte(char) !== undefined) {
      out += char;
      continue;
    }
    // Format and control characters (zero-width joiners, direction marks, soft hyphen) carry no glyph.
    if (/[\p{Cc}\p{Cf}]/u.test(char)) continue;
    const hand = BY_HAND[char];
    if (hand) {
      out += hand;
      continue;
    }
    const parts = char.normalize('NFKD').replace(/\p{M}/gu, '');
    if (parts && [...parts].every((p) => winAnsiByte(p) !== undefined && !/\s/u.test(p))) out += parts;
    else if (/\p{M}/u.test(char))
      continue; // a lone combining mark: its letter is already written
    else out += REPLACEMENT;
  }
  return out.replace(/ +/g, ' ');
}

/**
 * Helvetica advance widths (1/1000 em) for printable ASCII, from Adobe's AFM. Letters with marks take
 * their base letter's width; anything else the widest common width, so a line is never under-measured.
 */
const ASCII_WIDTHS = [
  278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556, 556, 556, 556,
  556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556, 1015, 667, 667, 722, 722, 667, 611, 778, 722, 278,
  500, 667, 556, 833, 722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469,
  556, 333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556, 556, 556, 333, 500,
  278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584,
];
const WIDE = 1015;
const OTHER_WIDTHS: Record<string, number> = { '•': 350, '€': 556, '–': 556, '—': 1000, '…': 1000 };
/** Helvetica-Bold is at most this much wider per glyph than regular for the letters we use (AFM). */
const BOLD_EXTRA = 60;

function glyphWidth(char: string): number {
  const code = char.codePointAt(0) ?? 0;
  if (code >= 0x20 && code <= 0x7e) return ASCII_WIDTHS[code - 0x20]!;
  const other = OTHER_WIDTHS[char];
  if (other) return other;
  const base = char.normalize('NFD')[0];
  const baseCode = base?.codePointAt(0) ?? 0;
  if (baseCode >= 0x20 && baseCode <= 0x7e) return ASCII_WIDTHS[baseCode - 0x20]!;
  return WIDE;
}

/** Width in points of WinAnsi text at a size. */
export function textWidth(text: string, size: number, bold = false): number {
  let units = 0;
  for (const char of text) units += glyphWidth(char) + (bold ? BOLD_EXTRA : 0);
  return (units * size) / 1000;
}

/** A PDF string literal, `(…)`: backslash and parentheses escaped, bytes above ASCII as octal. */
export function pdfString(text: string): string {
  let out = '(';
  for (const char of text) {
    const byte = winAnsiByte(char) ?? REPLACEMENT.charCodeAt(0);
    if (char === '\\' || char === '(' || char === ')') out += `\\${char}`;
    else if (byte >= 0x80) out += `\\${byte.toString(8).padStart(3, '0')}`;
    else out += String.fromCharCode(byte);
  }
  return `${out})`;
}
