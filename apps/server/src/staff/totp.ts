import { Secret, TOTP } from 'otpauth';

/**
 * Time-based one-time codes (RFC 6238): 30-second steps, 6 digits, SHA-1 (what every authenticator
 * app reads). A code is accepted one step early or late for clock drift, and only once: the server
 * keeps the step of the last code used and refuses that step and any earlier one.
 */
export const TOTP_PERIOD_SECONDS = 30;
const TOTP_WINDOW = 1;
const ISSUER = 'Vangnet';

function totpFor(secretBase32: string, label = 'staff'): TOTP {
  return new TOTP({
    issuer: ISSUER,
    label,
    algorithm: 'SHA1',
    digits: 6,
    period: TOTP_PERIOD_SECONDS,
    secret: Secret.fromBase32(secretBase32),
  });
}

/** A new random secret (160 bits, base32), as authenticator apps expect. */
export function generateTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

export function isTotpSecret(value: string): boolean {
  if (!/^[A-Z2-7]+=*$/.test(value)) return false;
  try {
    return Secret.fromBase32(value).bytes.length >= 10;
  } catch {
    return false;
  }
}

/** The `otpauth://` URI an authenticator app scans; it holds the secret, so show it only to its owner. */
export function totpUri(secretBase32: string, email: string): string {
  return totpFor(secretBase32, email).toString();
}

export function currentTotpCode(secretBase32: string, now = Date.now()): string {
  return totpFor(secretBase32).generate({ timestamp: now });
}

/** The 30-second step a time falls in. */
export function totpStep(now: number): number {
  return Math.floor(now / 1000 / TOTP_PERIOD_SECONDS);
}

/**
 * Checks a code. Returns the step it belongs to when it is right and newer than `lastUsedStep`,
 * otherwise null (wrong, too old, or already used).
 */
export function checkTotp(
  secretBase32: string,
  code: string,
  lastUsedStep: number | null,
  now = Date.now(),
): number | null {
  if (!/^\d{6}$/.test(code)) return null;
  const delta = totpFor(secretBase32).validate({ token: code, timestamp: now, window: TOTP_WINDOW });
  if (delta === null) return null;
  const step = totpStep(now) + delta;
  if (lastUsedStep !== null && step <= lastUsedStep) return null;
  return step;
}
