import { anchorFingerprint, generateSigningKey } from '@vangnet/crypto';
import { describe, expect, it } from 'vitest';
import { fingerprintOf } from './anchor-fingerprint.ts';

describe('fingerprintOf', () => {
  it('shows the same fingerprint as the one the CLI prints for the helpline website', async () => {
    for (let i = 0; i < 5; i++) {
      const key = generateSigningKey().publicKey;
      expect(await fingerprintOf(key)).toBe(anchorFingerprint(key));
    }
  });
});
