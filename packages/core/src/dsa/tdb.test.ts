import { describe, expect, it } from 'vitest';
import { CATEGORY_CODES, isMinorBand, tdbLabel } from '../taxonomy.ts';
import { isPublishedLabel, TDB_CATEGORIES, TDB_SOURCE } from './tdb.ts';

describe('Transparency Database mapping', () => {
  it('stores the published list with its source and version', () => {
    expect(TDB_SOURCE.source).toMatch(/^https:\/\/transparency\.dsa\.ec\.europa\.eu\//);
    expect(TDB_SOURCE.version).not.toBe('');
    expect(Object.keys(TDB_CATEGORIES)).toContain('STATEMENT_CATEGORY_PROTECTION_OF_MINORS');
  });

  const cases = CATEGORY_CODES.flatMap((category) => [
    { category, minor: true },
    { category, minor: false },
  ]);
  it.each(cases)(
    '$category (minor: $minor) maps to a published category and keyword',
    ({ category, minor }) => {
      const label = tdbLabel(category, minor);
      expect(Object.keys(TDB_CATEGORIES)).toContain(label.category);
      expect(isPublishedLabel(label.category, label.keyword)).toBe(true);
    },
  );

  it.each(CATEGORY_CODES)('%s about an adult is never "protection of minors"', (category) => {
    expect(tdbLabel(category, false).category).not.toBe('STATEMENT_CATEGORY_PROTECTION_OF_MINORS');
  });

  it.each([
    ['sextortion', true, 'STATEMENT_CATEGORY_PROTECTION_OF_MINORS'],
    ['sextortion', false, 'STATEMENT_CATEGORY_CYBER_VIOLENCE'],
    ['grooming', true, 'STATEMENT_CATEGORY_PROTECTION_OF_MINORS'],
    ['image-abuse', true, 'STATEMENT_CATEGORY_PROTECTION_OF_MINORS'],
    ['image-abuse', false, 'STATEMENT_CATEGORY_CYBER_VIOLENCE'],
  ] as const)('%s (minor: %s) is %s', (category, minor, expected) => {
    expect(tdbLabel(category, minor).category).toBe(expected);
  });

  it.each([
    ['under-10', true],
    ['13-15', true],
    ['16-17', true],
    ['unknown', true],
    ['18-plus', false],
  ] as const)('age band %s counts as minor: %s', (band, minor) => {
    expect(isMinorBand(band)).toBe(minor);
  });

  it('rejects a keyword listed under another category', () => {
    expect(isPublishedLabel('STATEMENT_CATEGORY_CYBER_VIOLENCE', 'KEYWORD_CHILD_SEXUAL_ABUSE_MATERIAL')).toBe(
      false,
    );
  });
});
