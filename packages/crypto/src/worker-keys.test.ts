import { describe, expect, it } from 'vitest';
import { OpenError } from './errors.ts';
import { generateIdentity } from './keys.ts';
import {
  deriveWorkerSecrets,
  passkeyUnwrapKey,
  unwrapHelplineIdentity,
  wrapHelplineIdentity,
} from './worker-keys.ts';

const salt = '8f1d2c3b4a5968778695a4b3c2d1e0f0';

describe('case-worker secrets', () => {
  it('derive the same keys for the same password and salt, and others for another salt', async () => {
    const a = await deriveWorkerSecrets('correct horse battery staple', salt);
    const b = await deriveWorkerSecrets('correct horse battery staple', salt);
    const c = await deriveWorkerSecrets('correct horse battery staple', `${salt.slice(0, -2)}00`);
    expect(a.authKey).toMatch(/^[0-9a-f]{64}$/);
    expect(a.unwrapKey).toHaveLength(32);
    expect(b).toEqual(a);
    expect(c.authKey).not.toBe(a.authKey);
    // The login key the server sees says nothing about the unwrap key.
    expect(a.authKey).not.toContain(Buffer.from(a.unwrapKey).toString('hex').slice(0, 16));
  });

  it('treat composed and decomposed accents as the same password', async () => {
    const composed = await deriveWorkerSecrets('wachtw\u00f6ord', salt);
    const decomposed = await deriveWorkerSecrets('wachtwo\u0308ord', salt);
    expect(decomposed.authKey).toBe(composed.authKey);
  });

  it('refuse a short or malformed salt', async () => {
    await expect(deriveWorkerSecrets('pw', 'abcd')).rejects.toThrow(TypeError);
    await expect(deriveWorkerSecrets('pw', 'xyz')).rejects.toThrow();
  });
});

describe('helpline key wrapping', () => {
  it('unwraps with the right password, for each worker separately', async () => {
    const helpline = await generateIdentity();
    const anna = await deriveWorkerSecrets('anna-password-1', salt);
    const bram = await deriveWorkerSecrets('bram-password-2', 'ffeeddccbbaa99887766554433221100');
    const forAnna = await wrapHelplineIdentity(helpline.identity, anna.unwrapKey);
    const forBram = await wrapHelplineIdentity(helpline.identity, bram.unwrapKey);
    expect(await unwrapHelplineIdentity(forAnna, anna.unwrapKey)).toBe(helpline.identity);
    expect(await unwrapHelplineIdentity(forBram, bram.unwrapKey)).toBe(helpline.identity);
    // Removing Bram = deleting his wrapped copy; Anna's copy does not open with his key.
    await expect(unwrapHelplineIdentity(forAnna, bram.unwrapKey)).rejects.toBeInstanceOf(OpenError);
    expect(Buffer.from(forAnna).toString('latin1')).not.toContain(helpline.identity);
  });

  it('fails with OpenError for a wrong password or a changed byte', async () => {
    const helpline = await generateIdentity();
    const right = await deriveWorkerSecrets('the right one', salt);
    const wrong = await deriveWorkerSecrets('the wrong one', salt);
    const wrapped = await wrapHelplineIdentity(helpline.identity, right.unwrapKey);
    await expect(unwrapHelplineIdentity(wrapped, wrong.unwrapKey)).rejects.toBeInstanceOf(OpenError);
    const changed = wrapped.slice();
    changed[changed.length - 5]! ^= 0x01;
    await expect(unwrapHelplineIdentity(changed, right.unwrapKey)).rejects.toBeInstanceOf(OpenError);
  });

  it('is an age passphrase file at work factor 10', async () => {
    const helpline = await generateIdentity();
    const { unwrapKey } = await deriveWorkerSecrets('pw', salt);
    const header = Buffer.from(await wrapHelplineIdentity(helpline.identity, unwrapKey)).toString('latin1');
    expect(header).toMatch(/^age-encryption\.org\/v1\n-> scrypt \S+ 10\n/);
  });
});

describe('passkey (PRF) unwrap key', () => {
  it('is 32 bytes, the same for the same PRF output and different for another', () => {
    const prf = new Uint8Array(32).fill(7);
    const key = passkeyUnwrapKey(prf);
    expect(key).toHaveLength(32);
    expect(passkeyUnwrapKey(prf)).toEqual(key);
    expect(passkeyUnwrapKey(new Uint8Array(32).fill(8))).not.toEqual(key);
    // Not the PRF output itself: a leaked key does not give the authenticator's secret away.
    expect(key).not.toEqual(prf);
  });

  it('wraps and unwraps the helpline identity; another passkey cannot open it', async () => {
    const { identity } = await generateIdentity();
    const key = passkeyUnwrapKey(new Uint8Array(32).fill(1));
    const wrapped = await wrapHelplineIdentity(identity, key);
    expect(await unwrapHelplineIdentity(wrapped, key)).toBe(identity);
    await expect(
      unwrapHelplineIdentity(wrapped, passkeyUnwrapKey(new Uint8Array(32).fill(2))),
    ).rejects.toThrow(OpenError);
  });

  it('refuses a short PRF output', () => {
    expect(() => passkeyUnwrapKey(new Uint8Array(16))).toThrow(TypeError);
  });
});
