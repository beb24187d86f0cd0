import { describe, expect, it } from 'vitest';
import { hashAuthKey, UNMATCHABLE_AUTH_HASH, verifyAuthKey } from './auth-key-hash.ts';

describe('authKey hashing', () => {
  const authKey = 'a1'.repeat(32);

  it('verifies the right authKey and refuses another', async () => {
    const stored = await hashAuthKey(authKey);
    expect(stored).toMatch(/^scrypt\$32768\$8\$1\$[0-9a-f]{32}\$[0-9a-f]{64}$/);
    expect(stored).not.toContain(authKey);
    expect(await verifyAuthKey(authKey, stored)).toBe(true);
    expect(await verifyAuthKey('a2'.repeat(32), stored)).toBe(false);
  });

  it('salts each hash', async () => {
    expect(await hashAuthKey(authKey)).not.toBe(await hashAuthKey(authKey));
  });

  it.each([[UNMATCHABLE_AUTH_HASH], ['scrypt$1$2$3'], ['plain'], ['']])(
    'never matches %j',
    async (stored) => {
      expect(await verifyAuthKey(authKey, stored)).toBe(false);
    },
  );
});
