import { describe, expect, it } from 'vitest';
import { CATEGORY_CODES, ROLES } from '../taxonomy.ts';
import {
  foldForSearch,
  PAGE_AUDIENCES,
  PAGE_KINDS,
  type PageInfo,
  pagesForSituation,
  searchPages,
} from './pages.ts';

const page = (over: Partial<PageInfo>): PageInfo => ({
  title: 'T',
  summary: 'S',
  markdown: '# T',
  audiences: ['young'],
  kind: 'guide',
  ...over,
});

describe('page taxonomy', () => {
  it.each([
    ['audiences', PAGE_AUDIENCES, ['young', 'parent', 'school', 'adult', 'bystander']],
    ['kinds', PAGE_KINDS, ['guide', 'conversation-aid', 'signal-card', 'own-behaviour']],
  ])('%s are the ones the page format names', (_name, list, expected) => {
    expect([...list]).toEqual(expected);
  });
});

describe('foldForSearch', () => {
  it.each([
    ['Bewijs', 'bewijs'],
    ['Privé  ÉCOLE', 'prive ecole'],
    ['naïef', 'naief'],
    ['  Über\nMobbing ', 'uber mobbing'],
    ['', ''],
  ])('%j → %j', (input, expected) => {
    expect(foldForSearch(input)).toBe(expected);
  });
});

describe('searchPages', () => {
  const items = [
    { slug: 'a', page: page({ title: 'Wat kan ik doen?', summary: 'Tips', markdown: 'Bel **112** nu.' }) },
    {
      slug: 'b',
      page: page({
        title: 'Voor ouders',
        summary: 'Luister eerst',
        markdown: 'Zie [de site](https://x.test/bewijs).',
      }),
    },
    { slug: 'c', page: page({ title: 'École', summary: 'Élève', markdown: 'Protocole' }) },
  ];
  it.each([
    ['a word of the text, through bold', '112', ['a']],
    ['a word of the summary', 'luister', ['b']],
    ['accents either way', 'ecole', ['c']],
    ['accents in the query', 'ÉLÈVE', ['c']],
    ['every word must be there', 'voor eerst', ['b']],
    ['words from two pages match neither', 'ouders 112', []],
    ['a link target is not text', 'bewijs', []],
    ['the link text is', 'site', ['b']],
    ['an empty query', '   ', []],
  ])('%s', (_name, query, slugs) => {
    expect(searchPages(items, query).map((i) => i.slug)).toEqual(slugs);
  });
});

describe('pagesForSituation', () => {
  const items = [
    { slug: 'general', page: page({}) },
    { slug: 'young', page: page({ roles: ['self', 'friend'] }) },
    { slug: 'parents', page: page({ roles: ['parent'] }) },
    { slug: 'upsetting', page: page({ categories: ['harmful-content'] }) },
    { slug: 'money-parents', page: page({ categories: ['sextortion'], roles: ['parent'] }) },
  ];
  it.each([
    [
      'harmful-content × self: the category page first, then the role page',
      'harmful-content',
      'self',
      ['upsetting', 'young'],
    ],
    ['sextortion × parent', 'sextortion', 'parent', ['money-parents', 'parents']],
    [
      'sextortion × self: the parents’ page on sextortion is not for a child',
      'sextortion',
      'self',
      ['young'],
    ],
    ['other × adult: nothing names it', 'other', 'adult', []],
  ] as const)('%s', (_name, category, role, slugs) => {
    expect(pagesForSituation(items, { category, role }).map((i) => i.slug)).toEqual(slugs);
  });

  it('never returns a page without categories or roles, for any situation', () => {
    for (const category of CATEGORY_CODES)
      for (const role of ROLES)
        expect(pagesForSituation(items, { category, role }).map((i) => i.slug)).not.toContain('general');
  });
});
