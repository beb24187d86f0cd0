import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { icuArgs } from './args.ts';
import type { IcuCases, IcuMessage, IcuPart } from './ast.ts';
import { compileCatalog } from './catalog.ts';
import { formatIcu } from './format.ts';
import { IcuSyntaxError, parseIcu } from './parse.ts';
import { printIcu } from './print.ts';

describe('parseIcu + formatIcu', () => {
  it.each([
    ['Hello', {}, 'en', 'Hello'],
    ['Call {phone}.', { phone: '113' }, 'en', 'Call 113.'],
    ['Step {n, number} of {total, number}', { n: 2, total: 5 }, 'en', 'Step 2 of 5'],
    ['{n, plural, one {# thing} other {# things}}', { n: 1 }, 'en', '1 thing'],
    ['{n, plural, one {# thing} other {# things}}', { n: 3 }, 'en', '3 things'],
    ['{n, plural, =0 {nothing} one {# chose} other {# choses}}', { n: 0 }, 'fr', 'nothing'],
    ['{n, plural, one {# chose} other {# choses}}', { n: 0 }, 'fr', '0 chose'],
    ['{n, plural, one {# rud} two {# rud} few {# rud} many {# rud} other {# rud}}', { n: 2 }, 'ga', '2 rud'],
    [
      '{n, plural, offset:1 one {you and # other} other {you and # others}}',
      { n: 3 },
      'en',
      'you and 2 others',
    ],
    ['{n, selectordinal, one {#st} two {#nd} few {#rd} other {#th}}', { n: 22 }, 'en', '22nd'],
    ['{role, select, parent {your child} other {you}}', { role: 'parent' }, 'en', 'your child'],
    ['{role, select, parent {your child} other {you}}', {}, 'en', 'you'],
    ['{minor, select, true {young} other {}}!', { minor: true }, 'en', 'young!'],
    ["foto's, it''s '{literal}' and '#'", {}, 'nl', "foto's, it's {literal} and '#'"],
    ["{n, plural, other {'#' is #}}", { n: 4 }, 'en', '# is 4'],
    ['{name}', {}, 'en', ''],
  ])('%s with %j in %s → %s', (source, values, lang, expected) => {
    expect(formatIcu(parseIcu(source), values, lang)).toBe(expected);
  });

  it.each([
    ['Call {phone', 'a "{" without its "}"'],
    ['Call phone}', 'a "}" without its "{"'],
    ['{n, plural, one {x}}', 'no "other" case'],
    ['{n, date}', 'unknown argument type'],
    ['{n, plural, one {x} one {y} other {z}}', 'the case "one" twice'],
    ['{, select, other {x}}', 'expected an argument name'],
    ["it '{ is open", 'not closed'],
  ])('%s is refused: %s', (source, reason) => {
    expect(() => parseIcu(source)).toThrow(IcuSyntaxError);
    expect(() => parseIcu(source)).toThrow(reason);
  });

  it('names arguments and their kinds in order', () => {
    const args = icuArgs(
      parseIcu('{a} {n, plural, other {#}} {b, select, true {x} other {y}} {c, select, x {1} other {2}}'),
    );
    expect([...args]).toEqual([
      ['a', 'string'],
      ['n', 'number'],
      ['b', 'boolean'],
      ['c', 'string'],
    ]);
  });
});

// Messages the parser and printer must agree on: printing any message and parsing it back gives it again.
const name = fc.stringMatching(/^[a-z][a-zA-Z0-9_]{0,6}$/);
const text = fc.string({
  unit: fc.constantFrom('a', ' ', "'", '{', '}', '#', '|', 'é', ',', '='),
  maxLength: 12,
});
const messageArb: fc.Memo<IcuMessage> = fc.memo((depth) => {
  const leaf: fc.Arbitrary<IcuPart> = fc.oneof(text, fc.tuple(name), fc.tuple(name, fc.constant(0 as const)));
  const cases = (keys: fc.Arbitrary<string>): fc.Arbitrary<IcuCases> =>
    fc
      .dictionary(keys, messageArb(depth - 1), { maxKeys: 3 })
      .chain((d) => messageArb(depth - 1).map((other) => ({ ...d, other })));
  const part: fc.Arbitrary<IcuPart> =
    depth <= 1
      ? leaf
      : fc.oneof(
          leaf,
          fc.tuple(name, fc.constant(2 as const), cases(name)),
          fc.tuple(
            name,
            fc.constant(1 as const),
            cases(fc.constantFrom('=0', '=1', 'one', 'few', 'many')),
            fc.nat(3),
          ),
        );
  return fc.array(part, { maxLength: 4 }).map(normalise);
});

/** The parser's canonical form: adjacent texts merged, no empty text, a lone text as a string. */
function normalise(parts: IcuPart[]): IcuMessage {
  const out: IcuPart[] = [];
  for (const part of parts) {
    if (typeof part === 'string') {
      if (!part) continue;
      const last = out[out.length - 1];
      if (typeof last === 'string') out[out.length - 1] = last + part;
      else out.push(part);
    } else out.push(part);
  }
  if (out.length === 0) return '';
  if (out.length === 1 && typeof out[0] === 'string') return out[0];
  return out;
}

describe('fuzz', () => {
  it('printIcu then parseIcu gives the same message', () => {
    fc.assert(
      fc.property(messageArb(3), (message) => {
        expect(parseIcu(printIcu(message))).toEqual(message);
      }),
      { numRuns: 2000 },
    );
  });

  it('any text either parses or is refused with IcuSyntaxError, and what parses formats without throwing', () => {
    const icuish = fc.string({
      unit: fc.constantFrom(
        '{',
        '}',
        ',',
        ' ',
        '#',
        "'",
        'n',
        'plural',
        'select',
        'other',
        'one',
        '=1',
        'offset:1',
        'x',
        'number',
      ),
      maxLength: 40,
    });
    fc.assert(
      fc.property(
        icuish,
        fc.oneof(fc.integer(), fc.string(), fc.boolean()),
        fc.constantFrom('en', 'ga', 'ar', 'xx-invalid-', ''),
        (source, value, lang) => {
          let message: IcuMessage;
          try {
            message = parseIcu(source);
          } catch (e) {
            expect(e).toBeInstanceOf(IcuSyntaxError);
            return;
          }
          expect(typeof formatIcu(message, { n: value, x: value }, lang)).toBe('string');
        },
      ),
      { numRuns: 5000 },
    );
  });

  it('compiling arbitrary JSON against a catalog never throws', () => {
    const source = { a: 'A {x}', list: ['one', 'two'], group: { b: '{n, plural, one {#} other {#}}' } };
    fc.assert(
      fc.property(fc.jsonValue(), (translation) => {
        const { problems } = compileCatalog(translation, source);
        for (const p of problems) expect(p.detail).toBeTypeOf('string');
      }),
      { numRuns: 1000 },
    );
  });
});

describe('compileCatalog', () => {
  const source = {
    call: 'Call {phone}',
    count: '{n, plural, one {# item} other {# items}}',
    title: 'Hi',
    list: ['a', 'b'],
  };

  it('compiles a complete translation to plain data', () => {
    const { compiled, problems } = compileCatalog(
      {
        call: 'Bel {phone}',
        count: '{n, plural, one {# ding} other {# dingen}}',
        title: 'Hoi',
        list: ['x', 'y'],
      },
      source,
    );
    expect(problems).toEqual([]);
    expect(compiled).toEqual({
      call: { $m: ['Bel ', ['phone']], $a: ['phone'] },
      count: { $m: [['n', 1, { one: [0, ' ding'], other: [0, ' dingen'] }, 0]], $a: ['n'] },
      title: 'Hoi',
      list: ['x', 'y'],
    });
  });

  it('names every missing, extra, broken or unknown-value text', () => {
    const { problems } = compileCatalog(
      { call: 'Bel {nummer}', count: '{n, plural, one {#}}', list: ['x'], extra: 'x' },
      source,
    );
    expect(problems.map((p) => `${p.path} ${p.kind}`).sort()).toEqual([
      'call argument',
      'count syntax',
      'extra extra',
      'list.1 missing',
      'title missing',
    ]);
  });
});
