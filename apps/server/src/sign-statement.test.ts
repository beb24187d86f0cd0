import { generateSigningKey, signCanonicalJson, verifyCanonicalJsonSignature } from '@vangnet/crypto';
import { describe, expect, it } from 'vitest';
import { signStatement } from './sign-statement.ts';

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

  it('refuses a key that is not 32 bytes of hex', () => {
    expect(() => signStatement({}, 'ab')).toThrow(TypeError);
    expect(() => signStatement({}, 'zz'.repeat(32))).toThrow(TypeError);
  });
});
