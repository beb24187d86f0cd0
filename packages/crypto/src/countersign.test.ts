import { describe, expect, it } from 'vitest';
import {
  countersign,
  generateSigningKey,
  type ServerReceipt,
  signingPublicKey,
  verifyCountersignature,
} from './countersign.ts';

const receipt: ServerReceipt = {
  version: 1,
  reportId: '0193b3c4-8a1e-7c3d-9f00-1234567890ab',
  receivedAt: '2026-11-24T08:00:00.000Z',
  country: 'NL',
  body: { sha256: 'a'.repeat(64), size: 1234 },
  items: [
    { id: 'item-0001', sha256: 'b'.repeat(64), size: 20_971_520 },
    { id: 'item-0002', sha256: 'c'.repeat(64), size: 99 },
  ],
};

describe('server countersignature', () => {
  it('verifies with the server public key, and the key pair fits', () => {
    const key = generateSigningKey();
    expect(key.privateKey).toMatch(/^[0-9a-f]{64}$/);
    expect(signingPublicKey(key.privateKey)).toBe(key.publicKey);
    const signature = countersign(receipt, key.privateKey);
    expect(signature).toMatch(/^[0-9a-f]{128}$/);
    expect(verifyCountersignature(receipt, signature, key.publicKey)).toBe(true);
  });

  it('does not depend on the order of keys in the receipt', () => {
    const key = generateSigningKey();
    const reordered = {
      items: receipt.items.map(({ size, sha256, id }) => ({ size, sha256, id })),
      country: receipt.country,
      body: { size: receipt.body.size, sha256: receipt.body.sha256 },
      receivedAt: receipt.receivedAt,
      reportId: receipt.reportId,
      version: 1,
    } satisfies ServerReceipt;
    expect(verifyCountersignature(reordered, countersign(receipt, key.privateKey), key.publicKey)).toBe(true);
  });

  it('fails when any field changes, items are reordered, or another key signed', () => {
    const key = generateSigningKey();
    const signature = countersign(receipt, key.privateKey);
    const changes: ServerReceipt[] = [
      { ...receipt, reportId: `${receipt.reportId.slice(0, -1)}c` },
      { ...receipt, receivedAt: '2026-11-24T08:00:00.001Z' },
      { ...receipt, country: 'BE-VL' },
      { ...receipt, body: { ...receipt.body, size: 1235 } },
      { ...receipt, items: [receipt.items[0]!, { ...receipt.items[1]!, sha256: 'd'.repeat(64) }] },
      { ...receipt, items: [receipt.items[1]!, receipt.items[0]!] },
      { ...receipt, items: [receipt.items[0]!] },
    ];
    for (const changed of changes)
      expect(verifyCountersignature(changed, signature, key.publicKey)).toBe(false);
    expect(verifyCountersignature(receipt, signature, generateSigningKey().publicKey)).toBe(false);
  });

  it('returns false, never throws, for a malformed signature or key', () => {
    const key = generateSigningKey();
    const signature = countersign(receipt, key.privateKey);
    expect(verifyCountersignature(receipt, 'zz', key.publicKey)).toBe(false);
    expect(verifyCountersignature(receipt, signature.slice(2), key.publicKey)).toBe(false);
    expect(verifyCountersignature(receipt, signature, 'not-a-key')).toBe(false);
    expect(verifyCountersignature(receipt, '00'.repeat(64), '00'.repeat(32))).toBe(false);
    const flipped = (signature[0] === '0' ? '1' : '0') + signature.slice(1);
    expect(verifyCountersignature(receipt, flipped, key.publicKey)).toBe(false);
  });

  it('derives the RFC 8032 test vector 1 public key', () => {
    // RFC 8032 §7.1 TEST 1: the secret key and the public key it must give.
    const secret = '9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60';
    expect(signingPublicKey(secret)).toBe('d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a');
  });
});
