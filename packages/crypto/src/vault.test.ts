import { describe, expect, it } from 'vitest';
import { utf8 } from './encoding.ts';
import { WrongPinError } from './errors.ts';
import { open, seal } from './seal.ts';
import { createUnlockedVault, createVault, unlockVault } from './vault.ts';

describe('on-device evidence vault', () => {
  it('adds evidence without the PIN and reads it back only with the PIN', async () => {
    const vault = await createVault('482916');
    // Adding: only the recipient is needed.
    const item = await seal(utf8('screenshot bytes'), [vault.recipient]);
    const identity = await unlockVault(vault.wrappedIdentity, '482916');
    expect(await open(item, [identity])).toEqual(utf8('screenshot bytes'));
    expect(Buffer.from(vault.wrappedIdentity).toString('latin1')).not.toContain(identity);
    // Normal age passphrase cost (2^18), because a PIN has little entropy.
    expect(Buffer.from(vault.wrappedIdentity).toString('latin1')).toMatch(
      /^age-encryption\.org\/v1\n-> scrypt \S+ 18\n/,
    );
  });

  it('throws WrongPinError for a wrong PIN', async () => {
    const vault = await createVault('1234');
    const error = await unlockVault(vault.wrappedIdentity, '1235').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WrongPinError);
    expect((error as Error).message).not.toContain('1234');
  });

  it('gives each vault its own key', async () => {
    const [a, b] = await Promise.all([createVault('1111'), createVault('1111')]);
    expect(a.recipient).not.toBe(b.recipient);
  });

  it('hands the new identity to the app that just asked for the PIN, the same one the PIN unlocks', async () => {
    const { vault, identity } = await createUnlockedVault('8642');
    expect(await unlockVault(vault.wrappedIdentity, '8642')).toBe(identity);
  });

  it('refuses an empty PIN', async () => {
    await expect(createVault('')).rejects.toThrow(TypeError);
  });
});
