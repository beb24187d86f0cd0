import { describe, expect, it } from 'vitest';
import {
  asIdentity,
  asRecipient,
  generateIdentity,
  identityFromSecret,
  isIdentity,
  isRecipient,
  recipientOf,
} from './keys.ts';

describe('age key pairs', () => {
  it('generates a distinct, well-formed pair each time', async () => {
    const a = await generateIdentity();
    const b = await generateIdentity();
    expect(a.identity).toMatch(/^AGE-SECRET-KEY-1[0-9A-Z]{58}$/);
    expect(a.recipient).toMatch(/^age1[0-9a-z]{58}$/);
    expect(a.identity).not.toBe(b.identity);
    expect(await recipientOf(a.identity)).toBe(a.recipient);
  });

  it('encodes a fixed secret to the same identity every time', async () => {
    const secret = new Uint8Array(32).fill(7);
    const identity = identityFromSecret(secret);
    expect(identityFromSecret(secret)).toBe(identity);
    expect(isIdentity(identity)).toBe(true);
    expect(isRecipient(await recipientOf(identity))).toBe(true);
    expect(() => identityFromSecret(new Uint8Array(31))).toThrow(TypeError);
  });

  it('checks keys that come from outside', async () => {
    const { identity, recipient } = await generateIdentity();
    expect(asRecipient(recipient)).toBe(recipient);
    expect(asIdentity(identity)).toBe(identity);
    expect(isRecipient(identity)).toBe(false);
    expect(isIdentity(recipient)).toBe(false);
    // One changed character breaks the bech32 checksum.
    const typo = recipient.slice(0, -1) + (recipient.endsWith('q') ? 'p' : 'q');
    expect(isRecipient(typo)).toBe(false);
    expect(isRecipient('age1')).toBe(false);
    expect(isRecipient(42)).toBe(false);
    expect(() => asRecipient('nope')).toThrow(TypeError);
  });

  it('never echoes a rejected identity in the error message', () => {
    const almost = 'AGE-SECRET-KEY-1SECRETSECRETSECRET';
    expect(() => asIdentity(almost)).toThrow(/^Not an age X25519 identity\.$/);
  });
});

describe('keys that fail the checks', () => {
  it('never reach a decoder that would quote them in its error', async () => {
    const { identity } = await generateIdentity();
    const typo = (identity.slice(0, -1) + (identity.endsWith('Q') ? 'P' : 'Q')) as typeof identity;
    const error = await recipientOf(typo).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TypeError);
    expect(String((error as Error).message)).not.toContain(typo.slice(16, 40));
  });
});
