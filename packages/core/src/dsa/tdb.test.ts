import { describe, expect, it } from 'vitest';
import { CATEGORY_CODES, isMinorBand, tdbLabel } from '../taxonomy.ts';
import { isPublishedLabel, TDB_CATEGORIES, TDB_KEYWORDS, TDB_SOURCE } from './tdb.ts';

describe('Transparency Database mapping', () => {
  it('stores the published list with its source and version', () => {
    expect(TDB_SOURCE.source).toMatch(/^https:\/\/transparency\.dsa\.ec\.europa\.eu\//);
    expect(TDB_SOURCE.version).not.toBe('');
    expect(TDB_CATEGORIES).toContain('STATEMENT_CATEGORY_PROTECTION_OF_MINORS');
    expect(TDB_KEYWORDS).toContain('KEYWORD_GROOMING_SEXUAL_ENTICEMENT_MINORS');
  });

  const cases = CATEGORY_CODES.flatMap((category) => [
    { category, minor: true },
    { category, minor: false },
  ]);
  it.each(cases)(
    '$category (minor: $minor) maps to a published category and keyword',
    ({ category, minor }) => {
      const label = tdbLabel(category, minor);
      expect(TDB_CATEGORIES).toContain(label.category);
      expect(TDB_KEYWORDS).toContain(label.keyword);
      expect(isPublishedLabel(label.category, label.keyword)).toBe(true);
    },
  );

  it.each(CATEGORY_CODES)('%s about an adult is never "protection of minors"', (category) => {
    expect(tdbLabel(category, false).category).not.toBe('STATEMENT_CATEGORY_PROTECTION_OF_MINORS');
  });

  it.each([
    [
      'sextortion',
      true,
      'STATEMENT_CATEGORY_PROTECTION_OF_MINORS',
      'KEYWORD_GROOMING_SEXUAL_ENTICEMENT_MINORS',
    ],
    ['sextortion', false, 'STATEMENT_CATEGORY_CYBER_VIOLENCE', 'KEYWORD_NON_CONSENSUAL_IMAGE_SHARING'],
    [
      'grooming',
      true,
      'STATEMENT_CATEGORY_PROTECTION_OF_MINORS',
      'KEYWORD_GROOMING_SEXUAL_ENTICEMENT_MINORS',
    ],
    ['grooming', false, 'STATEMENT_CATEGORY_CYBER_VIOLENCE', 'KEYWORD_CYBER_HARASSMENT'],
    ['image-abuse', true, 'STATEMENT_CATEGORY_PROTECTION_OF_MINORS', 'KEYWORD_CHILD_SEXUAL_ABUSE_MATERIAL'],
    ['image-abuse', false, 'STATEMENT_CATEGORY_CYBER_VIOLENCE', 'KEYWORD_NON_CONSENSUAL_IMAGE_SHARING'],
    [
      'deepfake',
      true,
      'STATEMENT_CATEGORY_PROTECTION_OF_MINORS',
      'KEYWORD_CHILD_SEXUAL_ABUSE_MATERIAL_DEEPFAKE',
    ],
    ['deepfake', false, 'STATEMENT_CATEGORY_CYBER_VIOLENCE', 'KEYWORD_NON_CONSENSUAL_MATERIAL_DEEPFAKE'],
  ] as const)('%s (minor: %s) is %s / %s', (category, minor, expected, keyword) => {
    expect(tdbLabel(category, minor)).toEqual({ category: expected, keyword });
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

  it('rejects a value the database does not accept', () => {
    expect(isPublishedLabel('STATEMENT_CATEGORY_CYBER_VIOLENCE', 'KEYWORD_MISINFORMATION')).toBe(false);
    expect(isPublishedLabel('STATEMENT_CATEGORY_CHILD_SAFETY', 'KEYWORD_OTHER')).toBe(false);
  });
});
