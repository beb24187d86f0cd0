import { describe, expect, it } from 'vitest';
import { canonicalJson } from './canonical-json.ts';

describe('canonicalJson', () => {
  it.each([
    [null, 'null'],
    [true, 'true'],
    [1.5, '1.5'],
    ['a"b', '"a\\"b"'],
    [[3, 'x', null], '[3,"x",null]'],
    [{ b: 1, a: { d: 2, c: [] } }, '{"a":{"c":[],"d":2},"b":1}'],
    [{ a: undefined, b: 1 }, '{"b":1}'],
    [{ é: 1, e: 2, E: 3 }, '{"E":3,"e":2,"é":1}'],
  ])('serialises %j as %s', (value, text) => {
    expect(canonicalJson(value)).toBe(text);
  });

  it.each([[Number.NaN], [Number.POSITIVE_INFINITY], [() => 1], [1n]])('refuses %s', (value) => {
    expect(() => canonicalJson(value)).toThrow(TypeError);
  });
});
