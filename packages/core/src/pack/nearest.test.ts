import { describe, expect, it } from 'vitest';
import { didYouMean, editDistance, nearest } from './nearest.ts';

describe('editDistance', () => {
  it.each([
    ['', '', 0],
    ['web', 'web', 0],
    ['webb', 'web', 1],
    ['kitten', 'sitting', 3],
    ['', 'abc', 3],
  ])('%s → %s is %i', (a, b, d) => {
    expect(editDistance(a, b)).toBe(d);
    expect(editDistance(b, a)).toBe(d);
  });
});

describe('nearest', () => {
  const fields = ['id', 'name', 'kind', 'phones', 'chat', 'web', 'handles', 'audience', 'ageBands'];
  it.each([
    ['webb', 'web'],
    ['phone', 'phones'],
    ['agebands', 'ageBands'],
    ['handels', 'handles'],
    ['Europe/Dubln', undefined],
  ])('%s → %s', (written, expected) => {
    expect(nearest(written, fields)).toBe(expected);
  });

  it('finds a misspelt time zone among the IANA names', () => {
    expect(nearest('Europe/Dubln', Intl.supportedValuesOf('timeZone'))).toBe('Europe/Dublin');
    expect(nearest('Europe/Amsterdan', Intl.supportedValuesOf('timeZone'))).toBe('Europe/Amsterdam');
  });

  it('says nothing when no valid word is close', () => {
    expect(didYouMean('colour', fields)).toBe('');
    expect(didYouMean('webb', fields)).toBe(' (did you mean "web"?)');
  });
});
