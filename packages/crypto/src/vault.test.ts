import { Decrypter, Encrypter } from 'age-encryption';
import { describe, expect, it } from 'vitest';
import { fromUtf8, utf8 } from './encoding.ts';
import { WrongPinError } from './errors.ts';
import { generateIdentity } from './keys.ts';
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

  it('opens a vault wrapped before scrypt moved to WebAssembly (typage passphrase mode, 2^18)', async () => {
    const { identity } = await generateIdentity();
    const old = new Encrypter();
    old.setPassphrase('482916');
    const wrapped = await old.encrypt(utf8(identity));
    expect(await unlockVault(wrapped, '482916')).toBe(identity);
    await expect(unlockVault(wrapped, '482917')).rejects.toThrow(WrongPinError);
  });

  it('reads the work factor from the vault itself: one wrapped at 2^16 opens too', async () => {
    const { identity } = await generateIdentity();
    const old = new Encrypter();
    old.setPassphrase('7777');
    old.setScryptWorkFactor(16);
    expect(await unlockVault(await old.encrypt(utf8(identity)), '7777')).toBe(identity);
  });

  it('wraps a standard age passphrase file: typage opens it with the PIN', async () => {
    const { vault, identity } = await createUnlockedVault('5309');
    const decrypter = new Decrypter();
    decrypter.addPassphrase('5309');
    expect(fromUtf8(await decrypter.decrypt(vault.wrappedIdentity))).toBe(identity);
  });

  it('refuses a hostile work factor above the age limit before deriving anything', async () => {
    const { vault } = await createUnlockedVault('1111');
    const text = Buffer.from(vault.wrappedIdentity).toString('latin1').replace(/ 18\n/, ' 30\n');
    await expect(unlockVault(new Uint8Array(Buffer.from(text, 'latin1')), '1111')).rejects.toThrow(
      WrongPinError,
    );
  });
});
