import { describe, expect, it } from 'vitest';
import { consoleCatalogs } from '../i18n/compile-in-node.ts';
import { setCatalog } from '../lib/text.ts';
import { leadTimeText } from './lead-time-text.ts';

// The screens' texts in English, as the console sets them before its first render.
setCatalog('en', consoleCatalogs.en);

describe('leadTimeText', () => {
  it.each([
    ['PT0S', 'right away'],
    ['PT15M', '15 minutes'],
    ['PT1H', '1 hour'],
    ['PT4H', '4 hours'],
    ['PT24H', '1 day'],
    ['P2D', '2 days'],
    ['PT90M', '90 minutes'],
    ['nonsense', 'nonsense'],
  ])('%s → %s', (iso, words) => {
    expect(leadTimeText(iso)).toBe(words);
  });
});
