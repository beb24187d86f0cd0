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

describe('hashes on the hash-only route', () => {
  const image = {
    kind: 'image',
    pdq: 'f'.repeat(64),
    pdqQuality: 100,
    md5: 'a'.repeat(32),
    sha256: 'b'.repeat(64),
  };
  const hashOnly = { ...valid, category: 'image-abuse', hashes: [image] };

  it.each([
    ['image abuse', hashOnly],
    ['sextortion', { ...hashOnly, category: 'sextortion' }],
    [
      'the imageAbuse flag on another category',
      { ...valid, flags: { ...valid.flags, imageAbuse: true }, hashes: [image] },
    ],
    ['a video with file digests only', { ...hashOnly, hashes: [{ kind: 'video', md5: 'c'.repeat(32) }] }],
    ['20 hashes', { ...hashOnly, hashes: Array.from({ length: 20 }, () => image) }],
  ])('accepts %s', (_why, input) => {
    expect(reportMetadataSchema.safeParse(input).success).toBe(true);
  });

  it.each([
    ['hashes on a bullying report', { ...valid, hashes: [image] }],
    ['21 hashes', { ...hashOnly, hashes: Array.from({ length: 21 }, () => image) }],
    ['an empty list', { ...hashOnly, hashes: [] }],
    ['a PDQ of the wrong length', { ...hashOnly, hashes: [{ ...image, pdq: 'f'.repeat(63) }] }],
    ['an upper-case MD5', { ...hashOnly, hashes: [{ ...image, md5: 'A'.repeat(32) }] }],
    ['a quality over 100', { ...hashOnly, hashes: [{ ...image, pdqQuality: 101 }] }],
    ['a PDQ without quality', { ...hashOnly, hashes: [{ kind: 'image', pdq: 'f'.repeat(64) }] }],
    ['a PDQ for a video', { ...hashOnly, hashes: [{ ...image, kind: 'video' }] }],
    ['no hash at all', { ...hashOnly, hashes: [{ kind: 'image' }] }],
    ['a URL next to the hashes', { ...hashOnly, hashes: [{ ...image, url: 'https://example.org/x' }] }],
  ])('rejects %s', (_why, input) => {
    expect(reportMetadataSchema.safeParse(input).success).toBe(false);
  });
});
