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
  report: {
    nl: { total: 4, unreviewed: 0, unknown: [] },
    tr: { total: 4, unreviewed: 4, unknown: [] },
  },
  console: { nl: { total: 2, unreviewed: 0, unknown: [] } },
};
const page = (unreviewed: boolean) => ({
  title: 't',
  summary: 's',
  markdown: 'm',
  audiences: ['young' as const],
  kind: 'guide' as const,
  ...(unreviewed ? { unreviewed } : {}),
});
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
      packCatalogs: {
        report: { ga: { '@@unreviewed': ['two'], one: 'a', two: 'b' }, nl: { one: 'x' } },
        console: { ga: { '@@unreviewed': true, one: 'a', two: 'b', three: 'c' } },
      },
      texts,
      marks: { tr: ['a'], ga: true, nl: undefined },
      pages: { tr: { a: page(true), b: page(false) }, nl: { a: page(false) } },
    },
  );
  const byCode = (code: string) => reviews.find((r) => r.code === code);

  it.each([
    // code, app share, console share, texts share, pages share
    ['nl', '0 of 4', '0 of 2', '0 of 3', '0 of 1'],
    ['nl-BE', '0 of 4', '0 of 2', undefined, undefined], // the apps carry nl for nl-BE; no texts/nl-BE.yaml
    ['tr', '4 of 4', undefined, '2 of 3', '1 of 2'], // a marked group covers each text in it
    ['ga', '1 of 2', '3 of 3', '2 of 2', undefined], // the pack brings ga for both apps
    ['ar', undefined, undefined, undefined, undefined],
  ])('%s: app %s, console %s, texts %s, pages %s', (code, app, staff, text, pages) => {
    const r = byCode(code);
    const show = (s?: { unreviewed: number; total: number }) =>
      s ? `${s.unreviewed} of ${s.total}` : undefined;
    expect(show(r?.app)).toBe(app);
    expect(show(r?.console)).toBe(staff);
    expect(show(r?.texts)).toBe(text);
    expect(show(r?.pages)).toBe(pages);
  });

  it('says each language in one line, and warns about a mark naming no text', () => {
    expect(describeReview(byCode('tr') ?? { code: 'tr', complete: false }, 'nl')).toBe(
      'tr: app 100% (4 of 4 texts) unreviewed; console no texts; pack texts 67% (2 of 3 texts) unreviewed; ' +
        'pages 50% (1 of 2 pages) unreviewed',
    );
    expect(describeReview(byCode('ar') ?? { code: 'ar', complete: false }, 'nl')).toBe(
      'ar: app no texts; console no texts; pack texts no texts/ar.yaml yet (shown in "nl"); pages none',
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
