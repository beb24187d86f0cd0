import type { IcuCases, IcuMessage, IcuPart } from './ast.ts';

/**
 * ICU MessageFormat → the compact form of ast.ts. Supports what translation tools (Weblate, Crowdin,
 * Pontoon) offer translators: `{name}`, `{n, number}`, `{n, plural, offset:1 =0 {…} one {…} other {…}}`
 * with `#`, `{x, select, a {…} other {…}}`, `{n, selectordinal, …}`, and ICU apostrophe quoting
 * (`''` is an apostrophe, `'{'` a literal brace). Runs at build time and on the server, never on a
 * phone. A mistake throws `IcuSyntaxError` with the place.
 */
export class IcuSyntaxError extends Error {
  readonly offset: number;
  constructor(message: string, offset: number) {
    super(`${message} (at character ${offset + 1})`);
    this.name = 'IcuSyntaxError';
    this.offset = offset;
  }
}

const NAME = /[\p{L}\p{N}_-]/u;
const SPACE = /\s/u;

export function parseIcu(source: string): IcuMessage {
  let i = 0;

  const fail = (what: string): never => {
    throw new IcuSyntaxError(what, i);
  };
  const skipSpace = () => {
    while (i < source.length && SPACE.test(source[i] as string)) i++;
  };
  const word = (): string => {
    const start = i;
    while (i < source.length && NAME.test(source[i] as string)) i++;
    return source.slice(start, i);
  };
  const expect = (ch: string) => {
    if (i >= source.length) fail('a "{" without its "}"');
    if (source[i] !== ch) fail(`expected "${ch}"`);
    i++;
  };

  function message(inPlural: boolean, nested: boolean): IcuMessage {
    const parts: IcuPart[] = [];
    let text = '';
    const flush = () => {
      if (text) parts.push(text);
      text = '';
    };
    while (i < source.length) {
      const ch = source[i] as string;
      if (ch === '}') {
        if (nested) break;
        fail('a "}" without its "{"');
      }
      if (ch === '{') {
        flush();
        parts.push(argument());
      } else if (ch === '#' && inPlural) {
        flush();
        parts.push(0);
        i++;
      } else if (ch === "'") {
        const next = source[i + 1];
        if (next === "'") {
          text += "'";
          i += 2;
        } else if (next === '{' || next === '}' || (next === '#' && inPlural) || next === '|') {
          // Quoted literal text, up to the next lone apostrophe.
          i++;
          for (;;) {
            if (i >= source.length) fail('a quote "\'" that is not closed');
            if (source[i] === "'") {
              if (source[i + 1] === "'") {
                text += "'";
                i += 2;
                continue;
              }
              i++;
              break;
            }
            text += source[i];
            i++;
          }
        } else {
          text += ch;
          i++;
        }
      } else {
        text += ch;
        i++;
      }
    }
    if (nested && i >= source.length) fail('a "{" without its "}"');
    flush();
    if (parts.length === 0) return '';
    if (parts.length === 1 && typeof parts[0] === 'string') return parts[0];
    return parts;
  }

  function cases(inPlural: boolean): IcuCases {
    const out: IcuCases = {};
    skipSpace();
    while (i < source.length && source[i] !== '}') {
      const start = i;
      const exact = source[i] === '=';
      if (exact) i++;
      const key = word();
      if (!key || (exact && !/^\d+$/.test(key))) {
        i = start;
        fail(inPlural ? 'expected a plural case (=0, one, other, …)' : 'expected a case name');
      }
      const selector = exact ? `=${key}` : key;
      if (Object.hasOwn(out, selector)) {
        i = start;
        fail(`the case "${selector}" twice`);
      }
      skipSpace();
      expect('{');
      out[selector] = message(inPlural, true);
      expect('}');
      skipSpace();
    }
    if (!Object.hasOwn(out, 'other')) fail('no "other" case');
    return out;
  }

  function argument(): IcuPart {
    expect('{');
    skipSpace();
    const name = word();
    if (!name) fail('expected an argument name');
    skipSpace();
    if (source[i] === '}') {
      i++;
      return [name];
    }
    expect(',');
    skipSpace();
    const typeStart = i;
    const type = word();
    skipSpace();
    if (type === 'number') {
      if (source[i] === ',') fail('number styles are not supported; write {n, number}');
      expect('}');
      return [name, 0];
    }
    if (type === 'plural' || type === 'selectordinal') {
      expect(',');
      skipSpace();
      let offset = 0;
      if (source.startsWith('offset:', i)) {
        i += 'offset:'.length;
        skipSpace();
        const digits = word();
        if (!/^\d+$/.test(digits)) fail('expected a number after "offset:"');
        offset = Number(digits);
      }
      const found = cases(true);
      expect('}');
      return [name, type === 'plural' ? 1 : 3, found, offset];
    }
    if (type === 'select') {
      expect(',');
      const found = cases(false);
      expect('}');
      return [name, 2, found];
    }
    i = typeStart;
    return fail(`unknown argument type "${type}" (use number, plural, select or selectordinal)`);
  }

  return message(false, false);
}
