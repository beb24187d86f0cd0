import { Decrypter, Encrypter } from 'age-encryption';
import { describe, expect, it } from 'vitest';
import { utf8 } from './encoding.ts';
import { WrongPinError } from './errors.ts';
import { generateIdentity } from './keys.ts';
import { scryptRecipient } from './scrypt-stanza.ts';
import { open, seal } from './seal.ts';
import { createUnlockedVault, createVault, unlockAndUpgradeVault, unlockVault } from './vault.ts';

function latin1(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('latin1');
}

function fromLatin1(text: string): Uint8Array {
  return new Uint8Array(Buffer.from(text, 'latin1'));
}

describe('on-device evidence vault', () => {
  it('adds evidence without the PIN and reads it back only with the PIN', async () => {
    const vault = await createVault('482916');
    // Adding: only the recipient is needed.
    const item = await seal(utf8('screenshot bytes'), [vault.recipient]);
    const identity = await unlockVault(vault.wrappedIdentity, '482916');
    expect(await open(item, [identity])).toEqual(utf8('screenshot bytes'));
    expect(latin1(vault.wrappedIdentity)).not.toContain(identity);
    // Argon2id at OWASP's minimum (19 MiB = 19456 KiB, two passes), because a PIN has little entropy.
    expect(latin1(vault.wrappedIdentity)).toMatch(
      /^age-encryption\.org\/v1\n-> vangnet-argon2id \S+ 19456 2\n/,
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

  it('re-wraps a scrypt vault with Argon2id on unlock: same identity, so every item still opens', async () => {
    const { identity, recipient } = await generateIdentity();
    const item = await seal(utf8('a photo kept before the change'), [recipient]);
    const old = new Encrypter();
    old.addRecipient(scryptRecipient('2468'));
    const upgraded = await unlockAndUpgradeVault(await old.encrypt(utf8(identity)), '2468');
    expect(upgraded.identity).toBe(identity);
    expect(upgraded.rewrapped).toBeDefined();
    const rewrapped = upgraded.rewrapped as Uint8Array;
    expect(latin1(rewrapped)).toMatch(/^age-encryption\.org\/v1\n-> vangnet-argon2id /);
    const again = await unlockAndUpgradeVault(rewrapped, '2468');
    // Already Argon2id: nothing more to store.
    expect(again).toEqual({ identity });
    expect(await open(item, [again.identity])).toEqual(utf8('a photo kept before the change'));
    await expect(unlockVault(rewrapped, '2469')).rejects.toThrow(WrongPinError);
  });

  it('reads the work factor from the vault itself: an older scrypt vault at 2^16 opens too', async () => {
    const { identity } = await generateIdentity();
    const old = new Encrypter();
    old.setPassphrase('7777');
    old.setScryptWorkFactor(16);
    expect(await unlockVault(await old.encrypt(utf8(identity)), '7777')).toBe(identity);
  });

  it('is not an age passphrase file: age tools refuse it rather than guess', async () => {
    const { vault } = await createUnlockedVault('5309');
    const decrypter = new Decrypter();
    decrypter.addPassphrase('5309');
    await expect(decrypter.decrypt(vault.wrappedIdentity)).rejects.toThrow();
  });

  it.each([
    [
      'a scrypt work factor above the age limit',
      (t: string) => t.replace(/-> vangnet-argon2id (\S+) 19456 2\n/, '-> scrypt $1 30\n'),
    ],
    ['Argon2id memory of 4 GiB', (t: string) => t.replace(/ 19456 2\n/, ' 4194304 2\n')],
    ['Argon2id memory below the floor', (t: string) => t.replace(/ 19456 2\n/, ' 64 2\n')],
    ['a thousand Argon2id passes', (t: string) => t.replace(/ 19456 2\n/, ' 19456 1000\n')],
    ['a missing pass count', (t: string) => t.replace(/ 19456 2\n/, ' 19456\n')],
    ['a cost with a leading zero', (t: string) => t.replace(/ 19456 2\n/, ' 019456 2\n')],
    ['a short salt', (t: string) => t.replace(/vangnet-argon2id \S+ /, 'vangnet-argon2id AAAA ')],
  ])('refuses a vault with %s before deriving anything', async (_name, edit) => {
    const { vault } = await createUnlockedVault('1111');
    const hostile = fromLatin1(edit(latin1(vault.wrappedIdentity)));
    expect(latin1(hostile)).not.toBe(latin1(vault.wrappedIdentity));
    await expect(unlockVault(hostile, '1111')).rejects.toThrow(WrongPinError);
  });
});
