import { describe, expect, it } from 'vitest';
import { checkTotp, currentTotpCode, generateTotpSecret, isTotpSecret, totpStep, totpUri } from './totp.ts';

describe('TOTP', () => {
  // RFC 6238 appendix B, SHA-1 secret "12345678901234567890", 6 digits.
  const rfcSecret = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
  it.each([
    [59_000, '287082'],
    [1_111_111_109_000, '081804'],
    [1_234_567_890_000, '005924'],
    [2_000_000_000_000, '279037'],
  ])('gives the RFC 6238 code at %i ms', (now, code) => {
    expect(currentTotpCode(rfcSecret, now)).toBe(code);
  });

  const secret = generateTotpSecret();
  const now = 1_800_000_000_000;
  const code = currentTotpCode(secret, now);

  it('accepts the current code and one step of drift either way, not two', () => {
    expect(checkTotp(secret, code, null, now)).toBe(totpStep(now));
    expect(checkTotp(secret, currentTotpCode(secret, now - 30_000), null, now)).toBe(totpStep(now) - 1);
    expect(checkTotp(secret, currentTotpCode(secret, now + 30_000), null, now)).toBe(totpStep(now) + 1);
    expect(checkTotp(secret, currentTotpCode(secret, now - 60_000), null, now)).toBeNull();
  });

  it('refuses a code that was already used, and an older one after a newer one', () => {
    const step = checkTotp(secret, code, null, now)!;
    expect(checkTotp(secret, code, step, now + 5_000)).toBeNull();
    expect(checkTotp(secret, currentTotpCode(secret, now - 30_000), step, now)).toBeNull();
    expect(checkTotp(secret, currentTotpCode(secret, now + 30_000), step, now + 30_000)).toBe(step + 1);
  });

  it.each([['12345'], ['1234567'], ['abcdef'], ['']])('refuses the malformed code %j', (bad) => {
    expect(checkTotp(secret, bad, null, now)).toBeNull();
  });

  it('makes 160-bit base32 secrets and an otpauth URI an app can scan', () => {
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(isTotpSecret(secret)).toBe(true);
    expect(isTotpSecret('not a secret')).toBe(false);
    expect(totpUri(secret, 'demo@vangnet.example')).toMatch(
      new RegExp(`^otpauth://totp/Vangnet:demo%40vangnet\\.example\\?.*secret=${secret}`),
    );
  });
});
