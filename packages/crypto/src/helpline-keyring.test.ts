import { describe, expect, it } from 'vitest';
import { OpenError } from './errors.ts';
import {
  identityFor,
  openGrant,
  parseKeyring,
  sealGrant,
  unwrapKeyring,
  wrapKeyring,
} from './helpline-keyring.ts';
import { generateIdentity } from './keys.ts';
import { deriveWorkerSecrets, wrapHelplineIdentity } from './worker-keys.ts';

const salt = '8f1d2c3b4a5968778695a4b3c2d1e0f0';

describe('keyrings', () => {
  it('wrap and unwrap several identities in order, and read an older single-identity copy', async () => {
    const { unwrapKey } = await deriveWorkerSecrets('anna-password-1', salt);
    const a = await generateIdentity();
    const b = await generateIdentity();
    expect(await unwrapKeyring(await wrapKeyring([a.identity, b.identity], unwrapKey), unwrapKey)).toEqual([
      a.identity,
      b.identity,
    ]);
    expect(await unwrapKeyring(await wrapHelplineIdentity(a.identity, unwrapKey), unwrapKey)).toEqual([
      a.identity,
    ]);
    const other = await deriveWorkerSecrets('bram-password-2', salt);
    await expect(
      unwrapKeyring(await wrapKeyring([a.identity], unwrapKey), other.unwrapKey),
    ).rejects.toBeInstanceOf(OpenError);
  });

  it.each([
    ['empty', ''],
    ['a recipient', 'age1qyqszqgpqyqszqgpqyqszqgpqyqszqgpqyqszqgpqyqszqgpqyqs3290gq'],
    ['junk line', 'AGE-SECRET-KEY-1\nhello'],
  ])('refuses a keyring text that is %s', (_name, text) => {
    expect(() => parseKeyring(text)).toThrow(OpenError);
  });

  it('refuses to wrap an empty keyring', async () => {
    const { unwrapKey } = await deriveWorkerSecrets('anna-password-1', salt);
    expect(() => wrapKeyring([], unwrapKey)).toThrow(TypeError);
  });
});

describe('grants', () => {
  it('open only with the personal identity, and only as the identity of the named recipient', async () => {
    const helpline = await generateIdentity();
    const anna = await generateIdentity();
    const bram = await generateIdentity();
    const grant = await sealGrant(helpline.identity, anna.recipient);
    expect(await openGrant(grant, anna.identity, helpline.recipient)).toBe(helpline.identity);
    await expect(openGrant(grant, bram.identity, helpline.recipient)).rejects.toBeInstanceOf(OpenError);
    // A grant that holds another key than the one it claims to be is refused.
    await expect(openGrant(grant, anna.identity, bram.recipient)).rejects.toBeInstanceOf(OpenError);
    expect(Buffer.from(grant).toString('latin1')).not.toContain(helpline.identity);
  });

  it('finds the identity of a recipient in a keyring', async () => {
    const a = await generateIdentity();
    const b = await generateIdentity();
    expect(await identityFor([a.identity, b.identity], b.recipient)).toBe(b.identity);
    expect(await identityFor([a.identity], b.recipient)).toBeNull();
    expect(await identityFor([a.identity], null)).toBeNull();
  });
});
