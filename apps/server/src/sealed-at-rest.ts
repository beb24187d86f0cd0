import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

/**
 * Small secrets the server must hold but should not keep readable in a database dump (staff TOTP
 * secrets, reporters' push subscriptions): sealed with AES-256-GCM under a key derived from the
 * server's signing key, bound to their row by associated data so a value copied to another row does
 * not open. Stored as `v1:` + base64url(iv ‖ ciphertext ‖ tag).
 */
export type AtRestKey<Kind extends string> = { readonly bytes: Uint8Array; readonly kind: Kind };

const PREFIX = 'v1:';
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** One key per use, each from its own HKDF `info`, so a leak of one sealed column opens no other. */
export function atRestKeyOf<Kind extends string>(
  signingPrivateKeyHex: string,
  info: string,
  kind: Kind,
): AtRestKey<Kind> {
  const bytes = new Uint8Array(
    hkdfSync('sha256', Buffer.from(signingPrivateKeyHex, 'hex'), Buffer.from('vangnet'), info, 32),
  );
  return { bytes, kind };
}

export function isSealedAtRest(stored: string): boolean {
  return stored.startsWith(PREFIX);
}

export function sealAtRest(key: AtRestKey<string>, associated: string, plaintext: string): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key.bytes, iv);
  cipher.setAAD(Buffer.from(associated));
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return PREFIX + Buffer.concat([iv, ciphertext, cipher.getAuthTag()]).toString('base64url');
}

/** The plaintext, or null when it does not open (another key, another row, damaged, not sealed). */
export function openAtRest(key: AtRestKey<string>, associated: string, stored: string): string | null {
  if (!isSealedAtRest(stored)) return null;
  const bytes = Buffer.from(stored.slice(PREFIX.length), 'base64url');
  if (bytes.length < IV_BYTES + TAG_BYTES) return null;
  try {
    const decipher = createDecipheriv('aes-256-gcm', key.bytes, bytes.subarray(0, IV_BYTES));
    decipher.setAAD(Buffer.from(associated));
    decipher.setAuthTag(bytes.subarray(bytes.length - TAG_BYTES));
    return Buffer.concat([
      decipher.update(bytes.subarray(IV_BYTES, bytes.length - TAG_BYTES)),
      decipher.final(),
    ]).toString('utf8');
  } catch {
    return null;
  }
}
