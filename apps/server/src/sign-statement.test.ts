import { generateSigningKey, signCanonicalJson, verifyCanonicalJsonSignature } from '@vangnet/crypto';
import { describe, expect, it } from 'vitest';
import { signStatement, statementPublicKey } from './sign-statement.ts';

describe('signStatement (node:crypto)', () => {
  const statements: object[] = [
    {},
    { kind: 'receipt', reportId: 'r-1', items: [{ id: 'a', sha256: '00'.repeat(32), size: 3 }] },
    { kind: 'audit-checkpoint', seq: 42, text: 'Grüße, “quotes” and emoji 🙂' },
    { nested: { b: 2, a: [1, { z: null, y: true }] } },
  ];

  it.each(statements)('gives the same signature as the portable library for %j', (statement) => {
    for (let round = 0; round < 5; round += 1) {
      const key = generateSigningKey();
      const signature = signStatement(statement, key.privateKey);
      expect(signature).toBe(signCanonicalJson(statement, key.privateKey));
      expect(verifyCanonicalJsonSignature(statement, signature, key.publicKey)).toBe(true);
    }
  });

  it('signs key order independently, as canonical JSON does', () => {
    const key = generateSigningKey();
    expect(signStatement({ a: 1, b: 2 }, key.privateKey)).toBe(signStatement({ b: 2, a: 1 }, key.privateKey));
  });

  it('derives the same public key as the portable library', () => {
    for (let round = 0; round < 20; round += 1) {
      const key = generateSigningKey();
      expect(statementPublicKey(key.privateKey)).toBe(key.publicKey);
    }
    // RFC 8032, test 1.
    expect(statementPublicKey('9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60')).toBe(
      'd75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a',
    );
  });

  it('refuses a key that is not 32 bytes of hex', () => {
    expect(() => signStatement({}, 'ab')).toThrow(TypeError);
    expect(() => signStatement({}, 'zz'.repeat(32))).toThrow(TypeError);
  });
});
