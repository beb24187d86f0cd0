import { describe, expect, it } from 'vitest';
import { describeReview, reviewLanguages, reviewProblems } from './translation-review.ts';

const languages = [
  { code: 'nl', complete: true },
  { code: 'nl-BE', complete: true },
  { code: 'tr', complete: false },
  { code: 'ga', complete: true },
  { code: 'ar', complete: false },
];
const carried = {
  nl: { total: 4, unreviewed: 0, unknown: [] },
  tr: { total: 4, unreviewed: 4, unknown: [] },
};
const texts = {
  nl: { 'a.b': 'x', 'a.c': 'y', d: 'z' },
  tr: { 'a.b': 'x', 'a.c': 'y', d: 'z' },
  ga: { 'a.b': 'x', d: 'z' },
};

describe('reviewLanguages', () => {
  const reviews = reviewLanguages(
    { languages },
    {
      carried,
      packCatalogs: { ga: { '@@unreviewed': ['two'], one: 'a', two: 'b' }, nl: { one: 'x' } },
      texts,
      marks: { tr: ['a'], ga: true, nl: undefined },
    },
  );
  const byCode = (code: string) => reviews.find((r) => r.code === code);

  it.each([
    // code, app share, texts share
    ['nl', '0 of 4', '0 of 3'],
    ['nl-BE', '0 of 4', undefined], // the app carries nl for nl-BE; no texts/nl-BE.yaml
    ['tr', '4 of 4', '2 of 3'], // a marked group covers each text in it
    ['ga', '1 of 2', '2 of 2'], // the pack brings ga; its catalog's mark names one text
    ['ar', undefined, undefined],
  ])('%s: app %s, texts %s', (code, app, text) => {
    const r = byCode(code);
    const show = (s?: { unreviewed: number; total: number }) =>
      s ? `${s.unreviewed} of ${s.total}` : undefined;
    expect(show(r?.app)).toBe(app);
    expect(show(r?.texts)).toBe(text);
  });

  it('says each language in one line, and warns about a mark naming no text', () => {
    expect(describeReview(byCode('tr') ?? { code: 'tr', complete: false }, 'nl')).toBe(
      'tr: app 100% (4 of 4 texts) unreviewed; pack texts 67% (2 of 3 texts) unreviewed',
    );
    expect(describeReview(byCode('ar') ?? { code: 'ar', complete: false }, 'nl')).toBe(
      'ar: app no texts; pack texts no texts/ar.yaml yet (shown in "nl")',
    );
    expect(reviewProblems(reviews)).toEqual([]);
    const typo = reviewLanguages(
      { languages: [{ code: 'tr', complete: false }] },
      { carried, packCatalogs: {}, texts, marks: { tr: ['a.x', 'd'] } },
    );
    expect(reviewProblems(typo)).toEqual([
      {
        severity: 'warning',
        file: 'texts/tr.yaml',
        path: 'unreviewed',
        message: '"a.x" names no text of this file',
      },
    ]);
  });
});
