import type { IcuCases, IcuMessage } from './ast.ts';

/** The compact form back to ICU text (for tools and the round-trip test): `parseIcu(printIcu(m))` is `m`. */
export function printIcu(message: IcuMessage, inPlural = false): string {
  if (typeof message === 'string') return quote(message, inPlural);
  let out = '';
  for (const part of message) {
    if (typeof part === 'string') out += quote(part, inPlural);
    else if (part === 0) out += '#';
    else if (part.length === 1) out += `{${part[0]}}`;
    else if (part[1] === 0) out += `{${part[0]}, number}`;
    else if (part[1] === 2) out += `{${part[0]}, select,${printCases(part[2], false)}}`;
    else {
      const type = part[1] === 1 ? 'plural' : 'selectordinal';
      const offset = part[3] ? ` offset:${part[3]}` : '';
      out += `{${part[0]}, ${type},${offset}${printCases(part[2], true)}}`;
    }
  }
  return out;
}

function printCases(cases: IcuCases, inPlural: boolean): string {
  return Object.entries(cases)
    .map(([key, value]) => ` ${key} {${printIcu(value, inPlural)}}`)
    .join('');
}

/** Apostrophes doubled; braces (and `#` or `|` in a plural) inside one quoted stretch, apostrophes in it doubled too. */
function quote(text: string, inPlural: boolean): string {
  const special = inPlural ? '{}#|' : '{}|';
  let out = '';
  let open = false;
  for (const ch of text) {
    if (special.includes(ch)) {
      if (!open) out += "'";
      open = true;
      out += ch;
    } else if (ch === "'") out += "''";
    else {
      if (open) out += "'";
      open = false;
      out += ch;
    }
  }
  return open ? `${out}'` : out;
}
