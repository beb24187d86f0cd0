import { randomBytes, type ScryptOptions, scrypt, timingSafeEqual } from 'node:crypto';

/**
 * The server's slow hash of a worker's authKey. The browser already stretched the password
 * (deriveWorkerSecrets), so a leaked `auth_hash` column is not a password hash; this second scrypt
 * keeps a database thief from logging in with the column's value. Stored as
 * `scrypt$N$r$p$saltHex$hashHex` so the cost can be raised later without breaking old rows.
 */
const COST = { N: 2 ** 15, r: 8, p: 1 } as const;
const KEY_LENGTH = 32;
const MAX_MEMORY = 64 * 1024 * 1024;

function scryptAsync(input: string, salt: Buffer, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(input, salt, KEY_LENGTH, { ...options, maxmem: MAX_MEMORY }, (error, key) =>
      error ? reject(error) : resolve(key),
    ),
  );
}

export async function hashAuthKey(authKey: string): Promise<string> {
  const salt = randomBytes(16);
  const hash = await scryptAsync(authKey, salt, COST);
  return `scrypt$${COST.N}$${COST.r}$${COST.p}$${salt.toString('hex')}$${hash.toString('hex')}`;
}

/** Constant-time comparison; false for a malformed stored value rather than an exception. */
export async function verifyAuthKey(authKey: string, stored: string): Promise<boolean> {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [N, r, p] = parts.slice(1, 4).map(Number) as [number, number, number];
  const salt = Buffer.from(parts[4]!, 'hex');
  const expected = Buffer.from(parts[5]!, 'hex');
  if (!Number.isInteger(N) || expected.length !== KEY_LENGTH) return false;
  const actual = await scryptAsync(authKey, salt, { N, r, p });
  return timingSafeEqual(actual, expected);
}

/**
 * A stored value that no authKey matches, compared against when the e-mail is unknown, so a wrong
 * e-mail costs the same time as a wrong password and does not reveal who has an account.
 */
export const UNMATCHABLE_AUTH_HASH = `scrypt$${COST.N}$${COST.r}$${COST.p}$${'00'.repeat(16)}$${'00'.repeat(KEY_LENGTH)}`;
