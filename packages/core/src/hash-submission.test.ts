import { describe, expect, it } from 'vitest';
import { buildHashSubmission } from './hash-submission.ts';

const metadata = { country: 'NL', category: 'sextortion', ageBand: '13-15' } as const;
const photo = { kind: 'image' as const, pdq: 'a'.repeat(64), pdqQuality: 90, md5: 'b'.repeat(32) };
const match = {
  listId: 'l1',
  source: 'hotline.nl',
  version: 2,
  active: true,
  kind: 'pdq' as const,
  hashIndex: 0,
  distance: 4,
  matchedAt: '2026-01-01T00:00:00.000Z',
};

describe('buildHashSubmission', () => {
  it.each([
    [
      'hashes, a checked URL and the match without list details',
      { hashes: [photo] },
      ['https://social.example/p/1'],
      [match],
      {
        ok: true,
        submission: {
          type: 'vangnet.hash-submission',
          version: 1,
          ...metadata,
          hashes: [photo],
          urls: ['https://social.example/p/1'],
          matches: [{ source: 'hotline.nl', version: 2, kind: 'pdq', hashIndex: 0, distance: 4 }],
        },
      },
    ],
    [
      'no URL checked and no match: hashes alone',
      { hashes: [photo] },
      [],
      [],
      {
        ok: true,
        submission: {
          type: 'vangnet.hash-submission',
          version: 1,
          ...metadata,
          hashes: [photo],
          urls: [],
          matches: [],
        },
      },
    ],
    [
      'the same URL twice is sent once',
      { hashes: [photo] },
      ['http://a.example/x', ' http://a.example/x '],
      [],
      null,
    ],
    ['a body without hashes', {}, [], [], { ok: false, reason: 'no-hashes' }],
    ['an empty hash list', { hashes: [] }, [], [], { ok: false, reason: 'no-hashes' }],
    [
      'a javascript: link',
      { hashes: [photo] },
      ['javascript:alert(1)'],
      [],
      { ok: false, reason: 'bad-url' },
    ],
    ['a text that is not a URL', { hashes: [photo] }, ['my school'], [], { ok: false, reason: 'bad-url' }],
  ])('%s', (_why, body, checkedUrls, matches, expected) => {
    const result = buildHashSubmission({ metadata, body, checkedUrls, matches });
    if (expected === null) {
      expect(result.ok && result.submission.urls).toEqual(['http://a.example/x']);
    } else {
      expect(result).toEqual(expected);
    }
  });

  it('never carries the description, an image or a list hash', () => {
    const result = buildHashSubmission({
      metadata,
      body: { hashes: [photo], description: 'secret words', manifest: { version: 1, items: [] } } as never,
      checkedUrls: [],
      matches: [{ ...match, hash: 'c'.repeat(64) } as never],
    });
    const text = JSON.stringify(result);
    expect(text).not.toContain('secret words');
    expect(text).not.toContain('c'.repeat(64));
  });
});
