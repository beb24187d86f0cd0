import { describe, expect, it } from 'vitest';
import { ar } from './ar.ts';
import { isolate, keepLtr } from './bidi.ts';
import { tr } from './tr.ts';

describe('keepLtr', () => {
  it.each([
    ['+31 800 0432', 'ar', '\u2066+31 800 0432\u2069'],
    ['+31 800 0432', 'ar-MA', '\u2066+31 800 0432\u2069'],
    ['+31 800 0432', 'tr', '+31 800 0432'],
    ['113', 'nl', '113'],
  ])('%s in %s → %j', (value, lang, expected) => {
    expect(keepLtr(value, lang)).toBe(expected);
  });

  it.each([
    ['113 Zelfmoordpreventie', 'ar', '\u2068113 Zelfmoordpreventie\u2069'],
    ['113 Zelfmoordpreventie', 'nl', '113 Zelfmoordpreventie'],
  ])('isolates the name %s in %s', (value, lang, expected) => {
    expect(isolate(value, lang)).toBe(expected);
  });

  it('a phone number in an Arabic sentence stays one left-to-right run', () => {
    expect(ar.crisisCall(keepLtr('+31 800 0432', 'ar'))).toBe('اتصل بالرقم \u2066+31 800 0432\u2069');
    expect(tr.crisisCall(keepLtr('+31 800 0432', 'tr'))).toBe('Ara: +31 800 0432');
  });
});
