import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from './canonical-json.ts';

function shuffleKeys(value: unknown, random: () => number): unknown {
  if (Array.isArray(value)) return value.map((item) => shuffleKeys(item, random));
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).sort(() => random() - 0.5);
    return Object.fromEntries(entries.map(([k, v]) => [k, shuffleKeys(v, random)]));
  }
  return value;
}

describe('canonicalJson', () => {
  it('sorts keys at every depth, keeps array order, adds no whitespace', () => {
    expect(canonicalJson({ b: 1, a: [3, 1, { d: null, c: 'x' }], ä: true, A: false })).toBe(
      '{"A":false,"a":[3,1,{"c":"x","d":null}],"b":1,"ä":true}',
    );
    expect(canonicalJson('line\n"quote"')).toBe('"line\\n\\"quote\\""');
    expect(canonicalJson(-0)).toBe('0');
    expect(canonicalJson(Object.create(null))).toBe('{}');
  });

  it('gives one text whatever the key order, and parses back to the same value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.integer(), (value, seed) => {
        let state = seed;
        const random = () => {
          state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
          return Math.abs(state) / 2_147_483_648;
        };
        const text = canonicalJson(value);
        expect(canonicalJson(shuffleKeys(value, random))).toBe(text);
        expect(canonicalJson(JSON.parse(text))).toBe(text);
      }),
    );
  });

  it('rejects what JSON would drop or change silently', () => {
    for (const bad of [
      undefined,
      Number.NaN,
      Number.POSITIVE_INFINITY,
      { a: undefined },
      [undefined],
      { n: Number.NEGATIVE_INFINITY },
      () => 1,
      Symbol('s'),
      10n,
      new Date(0),
      new Map(),
    ]) {
      expect(() => canonicalJson(bad)).toThrow(TypeError);
    }
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(() => canonicalJson(cyclic)).toThrow(TypeError);
    // The same object twice, not nested in itself, is fine.
    const shared = { x: 1 };
    expect(canonicalJson([shared, shared])).toBe('[{"x":1},{"x":1}]');
  });
});
