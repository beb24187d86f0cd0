import { describe, expect, it } from 'vitest';
import { textDirection } from './direction.ts';

describe('textDirection', () => {
  it.each([
    ['ar', 'rtl'],
    ['ar-MA', 'rtl'],
    ['fa', 'rtl'],
    ['he', 'rtl'],
    ['ur', 'rtl'],
    ['az-Arab', 'rtl'],
    ['az', 'ltr'],
    ['tr', 'ltr'],
    ['uk', 'ltr'],
    ['pl', 'ltr'],
    ['nl-BE', 'ltr'],
    ['ga', 'ltr'],
    ['en', 'ltr'],
    ['', 'ltr'],
    ['not a tag', 'ltr'],
  ])('%s is %s', (tag, dir) => {
    expect(textDirection(tag)).toBe(dir);
  });
});
