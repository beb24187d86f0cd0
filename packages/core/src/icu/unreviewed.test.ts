import { describe, expect, it } from 'vitest';
import { compileCatalog } from './catalog.ts';
import {
  catalogUnreviewedShare,
  describeShare,
  readUnreviewedMark,
  textPaths,
  unreviewedShare,
} from './unreviewed.ts';

const catalog = {
  '@@unreviewed': ['notice', 'helpTips.1', 'nope'],
  '@note': 'metadata is not a text',
  startTitle: 'Hallo',
  helpTips: ['a', 'b', 'c'],
  notice: { subject: 's', intro: 'i' },
};

describe('unreviewed translations', () => {
  it('lists every text path and skips metadata', () => {
    expect(textPaths(catalog)).toEqual([
      'startTitle',
      'helpTips.0',
      'helpTips.1',
      'helpTips.2',
      'notice.subject',
      'notice.intro',
    ]);
  });

  const paths = ['a', 'b.x', 'b.y', 'bb', 'c.0', 'c.1'];
  it.each([
    [undefined, 0, []],
    [true, 6, []],
    [[], 0, []],
    [['a'], 1, []],
    [['b'], 2, []], // a group covers each text in it, not the neighbour "bb"
    [['b.x', 'c.1'], 2, []],
    [['c'], 2, []],
    [['a', 'zz', 'b.z'], 1, ['zz', 'b.z']],
  ] as const)('mark %j covers %i of 6, unknown %j', (mark, unreviewed, unknown) => {
    expect(unreviewedShare(paths, mark)).toEqual({ total: 6, unreviewed, unknown });
  });

  it.each([
    [undefined, { mark: undefined }],
    [false, { mark: undefined }],
    [true, { mark: true }],
    [['a', 'b.c'], { mark: ['a', 'b.c'] }],
  ])('reads the mark %j', (value, expected) => {
    expect(readUnreviewedMark(value)).toEqual(expected);
  });

  it.each([['yes'], [1], [[1]], [['']], [{ a: true }], [null]])('refuses the mark %j', (value) => {
    expect(readUnreviewedMark(value)).toHaveProperty('problem');
  });

  it('counts a catalog by its @@unreviewed mark', () => {
    expect(catalogUnreviewedShare(catalog)).toEqual({ total: 6, unreviewed: 3, unknown: ['nope'] });
    expect(catalogUnreviewedShare({ ...catalog, '@@unreviewed': true }).unreviewed).toBe(6);
    expect(catalogUnreviewedShare({ a: 'x' }).unreviewed).toBe(0);
    expect(catalogUnreviewedShare('x')).toEqual({ total: 1, unreviewed: 0, unknown: [] });
  });

  it.each([
    [{ total: 412, unreviewed: 412 }, '100% (412 of 412 texts)'],
    [{ total: 412, unreviewed: 0 }, 'none of 412 texts'],
    [{ total: 1000, unreviewed: 1 }, '1% (1 of 1000 texts)'],
    [{ total: 3, unreviewed: 1 }, '34% (1 of 3 texts)'],
  ])('%j reads "%s"', (share, text) => {
    expect(describeShare(share)).toBe(text);
  });

  it('the compiler skips metadata keys in the translation and the source', () => {
    const source = { '@@x': 'meta', a: 'A', g: { b: 'B {n}' } };
    const { compiled, problems } = compileCatalog(
      { '@@unreviewed': true, a: 'a', g: { '@b': 'x', b: 'b {n}' } },
      source,
    );
    expect(problems).toEqual([]);
    expect(Object.keys(compiled)).toEqual(['a', 'g']);
    expect(compileCatalog({ a: 'a', g: { b: 'b', c: 'c' } }, source).problems).toEqual([
      { path: 'g.c', kind: 'extra', detail: 'not in the source catalog' },
    ]);
  });
});
