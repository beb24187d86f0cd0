import type { BrandView } from '@vangnet/core/pack/brand-view';
import { describe, expect, it } from 'vitest';
import { greetingIn } from './brand.tsx';

const brand = { greeting: { nl: 'Hoi!', en: 'Hi!' } } as unknown as BrandView;

describe('greetingIn', () => {
  it.each([
    ['en', { text: 'Hi!', lang: 'en' }],
    ['nl', { text: 'Hoi!', lang: 'nl' }],
    // A language without its own greeting gets the default language's (listed first), marked as such.
    ['tr', { text: 'Hoi!', lang: 'nl' }],
    ['ar', { text: 'Hoi!', lang: 'nl' }],
  ])('%s → %j', (lang, expected) => {
    expect(greetingIn(brand, lang)).toEqual(expected);
  });

  it('no greeting at all: none', () => {
    expect(greetingIn({ greeting: {} } as unknown as BrandView, 'nl')).toBeUndefined();
  });
});
