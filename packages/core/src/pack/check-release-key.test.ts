import { describe, expect, it } from 'vitest';
import { releaseKeyWarnings } from './check-release-key.ts';
import { DEMO_RELEASE_PUBLIC_KEY } from './release-key.ts';

describe('releaseKeyWarnings', () => {
  it.each([
    ['no release key', undefined, /without checking/],
    ['the demo key', DEMO_RELEASE_PUBLIC_KEY, /public demo release key/],
    ['a key of its own', 'ab'.repeat(32), null],
  ])('%s', (_name, releaseKey, warning) => {
    const warnings = releaseKeyWarnings(releaseKey === undefined ? {} : { releaseKey });
    if (warning === null) expect(warnings).toEqual([]);
    else expect(warnings.map((w) => w.message)).toEqual([expect.stringMatching(warning)]);
  });
});
