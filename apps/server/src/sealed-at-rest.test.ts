import { generateSigningKey } from '@vangnet/crypto';
import { describe, expect, it } from 'vitest';
import { atRestKeyOf, isSealedAtRest, openAtRest, sealAtRest } from './sealed-at-rest.ts';

describe('sealed at rest', () => {
  const signing = generateSigningKey().privateKey;
  const key = atRestKeyOf(signing, 'vangnet/test/at-rest/v1', 'test');

  it('opens what it sealed, for the same row only', () => {
    const sealed = sealAtRest(key, 'row:1', 'a secret');
    expect(isSealedAtRest(sealed)).toBe(true);
    expect(sealed).not.toContain('a secret');
    expect(openAtRest(key, 'row:1', sealed)).toBe('a secret');
    expect(openAtRest(key, 'row:2', sealed)).toBeNull();
  });

  it('does not open under the key of another use, or when damaged or not sealed', () => {
    const sealed = sealAtRest(key, 'row:1', 'a secret');
    const other = atRestKeyOf(signing, 'vangnet/other/at-rest/v1', 'other');
    expect(openAtRest(other, 'row:1', sealed)).toBeNull();
    const flipped = `${sealed.slice(0, -2)}${sealed.endsWith('A') ? 'B' : 'A'}${sealed.slice(-1)}`;
    expect(openAtRest(key, 'row:1', flipped)).toBeNull();
    expect(openAtRest(key, 'row:1', 'plain text')).toBeNull();
    expect(openAtRest(key, 'row:1', 'v1:AAAA')).toBeNull();
  });

  it('seals the same text differently each time (a fresh IV)', () => {
    expect(sealAtRest(key, 'r', 'x')).not.toBe(sealAtRest(key, 'r', 'x'));
  });
});
