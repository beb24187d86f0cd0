import { describe, expect, it } from 'vitest';
import { reportMetadataSchema } from './report-metadata.ts';

const valid = {
  country: 'NL',
  category: 'harassment',
  platform: 'instagram',
  role: 'self',
  ageBand: '13-15',
  flags: { ongoing: true, danger: false, selfHarm: false, imageAbuse: false },
};

describe('clear report metadata', () => {
  it('accepts the whitelisted fields', () => {
    expect(reportMetadataSchema.safeParse(valid).success).toBe(true);
  });

  it.each([
    ['an extra field that could identify someone', { ...valid, name: 'Sam' }],
    ['an unknown category', { ...valid, category: 'gossip' }],
    ['a lower-case country', { ...valid, country: 'nl' }],
    ['a platform id with spaces', { ...valid, platform: 'my space' }],
    ['a flag that is not a boolean', { ...valid, flags: { ...valid.flags, danger: 'yes' } }],
    ['a missing flag', { ...valid, flags: { ongoing: true, danger: false, selfHarm: false } }],
  ])('rejects %s', (_why, input) => {
    expect(reportMetadataSchema.safeParse(input).success).toBe(false);
  });
});
