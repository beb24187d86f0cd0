import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type BuildAsset,
  type BuildList,
  checkBuild,
  describeBuildRefusal,
  parseSignedBuildList,
  signBuildList,
} from './build-list.ts';
import { generateSigningKey } from './countersign.ts';

const release = generateSigningKey();
const other = generateSigningKey();
const A = 'a'.repeat(64);
const B = 'b'.repeat(64);
const C = 'c'.repeat(64);

const list: BuildList = {
  kind: 'vangnet-build-list',
  version: 1,
  app: 'report',
  appVersion: '0.1.0',
  issuedAt: '2026-11-30T12:00:00.000Z',
  assets: { '/index.html': A, '/assets/index-x1.js': B, '/sw.js': C },
};
const signed = signBuildList(list, release.privateKey);
const asCached: BuildAsset[] = [
  { path: '/index.html', sha256: A },
  { path: '/assets/index-x1.js', sha256: B },
];

describe('checkBuild', () => {
  it.each([
    ['an update whose every asset is listed with its hash', {}, null],
    ['the same update, the installed build older', { installedIssuedAt: '2026-11-01T00:00:00.000Z' }, null],
    [
      'a changed asset',
      { assets: [asCached[0]!, { path: '/assets/index-x1.js', sha256: A }] },
      { code: 'tampered', path: '/assets/index-x1.js' },
    ],
    [
      'a list signed by another key',
      { signed: signBuildList(list, other.privateKey) },
      { code: 'bad-signature' },
    ],
    [
      'the right list checked against another key',
      { releaseKey: other.publicKey },
      { code: 'bad-signature' },
    ],
    [
      'a list changed after signing',
      { signed: { ...signed, list: { ...list, assets: { ...list.assets, '/evil.js': A } } } },
      { code: 'bad-signature' },
    ],
    [
      'an asset that could not be fetched',
      { assets: [{ path: '/index.html', sha256: null }] },
      { code: 'missing', path: '/index.html' },
    ],
    [
      'an extra asset the list does not name',
      { assets: [...asCached, { path: '/assets/extra-z9.js', sha256: A }] },
      { code: 'not-listed', path: '/assets/extra-z9.js' },
    ],
    ['a whole folder lacking a listed file', { complete: true }, { code: 'missing', path: '/sw.js' }],
    [
      'a whole folder with every listed file',
      { complete: true, assets: [...asCached, { path: '/sw.js', sha256: C }] },
      null,
    ],
    [
      'a rollback to an older signed build',
      { installedIssuedAt: '2026-12-01T00:00:00.000Z' },
      { code: 'rollback', issuedAt: list.issuedAt, installedAt: '2026-12-01T00:00:00.000Z' },
    ],
  ] as const)('%s', (_name, change, expected) => {
    const input = {
      signed,
      releaseKey: release.publicKey,
      installedIssuedAt: null,
      assets: asCached,
      ...change,
    };
    const refusal = checkBuild(input);
    expect(refusal).toEqual(expected);
    if (refusal && 'path' in refusal) expect(describeBuildRefusal(refusal)).toContain(refusal.path);
  });
});

describe('parseSignedBuildList', () => {
  it('reads back what was signed, through JSON', () => {
    expect(parseSignedBuildList(JSON.parse(JSON.stringify(signed)))).toEqual(signed);
  });

  it.each([
    ['not an object', 'x'],
    ['a wrong kind', { ...signed, list: { ...list, kind: 'other' } }],
    ['a relative asset path', { ...signed, list: { ...list, assets: { 'index.html': A } } }],
    ['a short hash', { ...signed, list: { ...list, assets: { '/index.html': 'ab' } } }],
    ['an unknown field', { ...signed, list: { ...list, extra: 1 } }],
    ['a local time', { ...signed, list: { ...list, issuedAt: '2026-11-30T12:00:00' } }],
    ['no signature', { ...signed, signature: undefined }],
  ])('refuses %s', (_name, value) => {
    expect(parseSignedBuildList(value)).toBeNull();
  });

  it('never throws on any JSON value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const parsed = parseSignedBuildList(value);
        expect(parsed === null || typeof parsed.list.issuedAt === 'string').toBe(true);
      }),
    );
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), (assets) => {
        parseSignedBuildList({ ...signed, list: { ...list, assets } });
      }),
    );
  });
});
