/**
 * The known-hash list format: CSV with a header line naming the columns, any of `pdq`, `md5` and
 * `quality` (PDQ quality 0..100), at least one of `pdq` and `md5`. One known image per line; a cell
 * may be empty when the line has the other hash. Hex in either case (stored lower case). Blank lines
 * are skipped; nothing else is: the whole file is refused on the first bad lines, so a list is never
 * stored half. Hand-written on purpose: the format is tiny, and every error must name its line without
 * echoing what was on it.
 */

export type KnownHashEntry = { line: number; pdq?: string; quality?: number; md5?: string };

export type HashCsvProblem = { line: number; message: string };

export class HashCsvError extends Error {
  readonly problems: HashCsvProblem[];
  constructor(problems: HashCsvProblem[]) {
    super(problems.map((p) => `line ${p.line}: ${p.message}`).join('; '));
    this.problems = problems;
    this.name = 'HashCsvError';
  }
}

const COLUMNS = ['pdq', 'md5', 'quality'] as const;
type Column = (typeof COLUMNS)[number];

/** Enough to fix a file; the rest would only repeat. */
const MAX_PROBLEMS = 10;
export const MAX_KNOWN_HASH_LINES = 2_000_000;

const PDQ_HEX = /^[0-9a-fA-F]{64}$/;
const MD5_HEX = /^[0-9a-fA-F]{32}$/;
const QUALITY = /^(100|[1-9]?[0-9])$/;

function parseHeader(text: string): Column[] | HashCsvProblem {
  const names = text.split(',').map((n) => n.trim().toLowerCase());
  const columns: Column[] = [];
  for (const [i, name] of names.entries()) {
    if (!(COLUMNS as readonly string[]).includes(name)) {
      return { line: 1, message: `column ${i + 1} of the header is not pdq, md5 or quality` };
    }
    if (columns.includes(name as Column)) return { line: 1, message: `the header names ${name} twice` };
    columns.push(name as Column);
  }
  if (!columns.includes('pdq') && !columns.includes('md5')) {
    return { line: 1, message: 'the header needs a pdq or an md5 column' };
  }
  if (columns.includes('quality') && !columns.includes('pdq')) {
    return { line: 1, message: 'a quality column needs a pdq column' };
  }
  return columns;
}

function parseRow(cells: string[], columns: Column[], line: number): KnownHashEntry | HashCsvProblem {
  if (cells.length !== columns.length) {
    return { line, message: `has ${cells.length} cells, the header has ${columns.length}` };
  }
  const entry: KnownHashEntry = { line };
  for (const [i, column] of columns.entries()) {
    const cell = cells[i]!.trim();
    if (cell === '') continue;
    if (column === 'pdq') {
      if (!PDQ_HEX.test(cell)) return { line, message: 'pdq is not 64 hexadecimal digits' };
      entry.pdq = cell.toLowerCase();
    } else if (column === 'md5') {
      if (!MD5_HEX.test(cell)) return { line, message: 'md5 is not 32 hexadecimal digits' };
      entry.md5 = cell.toLowerCase();
    } else {
      if (!QUALITY.test(cell)) return { line, message: 'quality is not a whole number from 0 to 100' };
      entry.quality = Number(cell);
    }
  }
  if (entry.quality !== undefined && entry.pdq === undefined) {
    return { line, message: 'has a quality but no pdq' };
  }
  if (entry.pdq === undefined && entry.md5 === undefined) return { line, message: 'has no pdq and no md5' };
  return entry;
}

/** Parses a whole list; throws `HashCsvError` naming the first bad lines (at most 10). */
export function parseHashCsv(text: string): KnownHashEntry[] {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const problems: HashCsvProblem[] = [];
  const headerAt = lines.findIndex((l) => l.trim() !== '');
  if (headerAt < 0) throw new HashCsvError([{ line: 1, message: 'the file is empty' }]);
  const columns = parseHeader(lines[headerAt]!);
  if (!Array.isArray(columns)) throw new HashCsvError([{ ...columns, line: headerAt + 1 }]);
  const entries: KnownHashEntry[] = [];
  for (let i = headerAt + 1; i < lines.length && problems.length < MAX_PROBLEMS; i++) {
    const text = lines[i]!;
    if (text.trim() === '') continue;
    const line = i + 1;
    if (entries.length >= MAX_KNOWN_HASH_LINES) {
      problems.push({ line, message: `the list has more than ${MAX_KNOWN_HASH_LINES} hashes` });
      break;
    }
    if (text.includes('"')) {
      problems.push({ line, message: 'has a quote; hashes need none' });
      continue;
    }
    const parsed = parseRow(text.split(','), columns, line);
    if ('message' in parsed) problems.push(parsed);
    else entries.push(parsed);
  }
  if (problems.length) throw new HashCsvError(problems);
  if (!entries.length) throw new HashCsvError([{ line: headerAt + 1, message: 'the list has no hashes' }]);
  return entries;
}
