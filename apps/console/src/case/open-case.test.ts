import * as crypto from '@vangnet/crypto';
import { describe, expect, it } from 'vitest';
import type { CaseDetail } from '../lib/types.ts';
import { openCase } from './open-case.ts';

// Real age sealing and a real Ed25519 receipt: the three checks per item go red one at a time.
async function fixture() {
  const helpline = await crypto.generateIdentity();
  const server = crypto.generateSigningKey();
  const image = Uint8Array.from({ length: 5000 }, (_, i) => i % 251);
  const other = Uint8Array.from({ length: 5000 }, (_, i) => (i + 1) % 251);
  const sealedImage = await crypto.seal(image, [helpline.recipient]);
  const sealedOther = await crypto.seal(other, [helpline.recipient]);
  const manifest = {
    version: 1 as const,
    items: [
      {
        id: 'img-good0001',
        kind: 'image' as const,
        mediaType: 'image/png',
        size: 5000,
        sha256: crypto.sha256Hex(image),
        capturedAt: '2026-11-24T08:00:00.000Z',
      },
      // The device hashed `image`, but `other` is what was sealed: the manifest check must fail.
      {
        id: 'img-swap0002',
        kind: 'image' as const,
        mediaType: 'image/png',
        size: 5000,
        sha256: crypto.sha256Hex(image),
        capturedAt: '2026-11-24T08:00:00.000Z',
      },
    ],
  };
  const body = await crypto.sealJson({ version: 1, description: 'x', links: [], language: 'nl', manifest }, [
    helpline.recipient,
  ]);
  const receipt = {
    version: 1 as const,
    reportId: 'rep-1',
    receivedAt: '2026-11-24T08:00:01.000Z',
    country: 'NL',
    body: { sha256: crypto.sha256Hex(body), size: body.length },
    items: [
      { id: 'img-good0001', sha256: crypto.sha256Hex(sealedImage), size: sealedImage.length },
      { id: 'img-swap0002', sha256: crypto.sha256Hex(sealedOther), size: sealedOther.length },
    ],
  };
  const detail: CaseDetail = {
    id: 'rep-1',
    metadata: {
      country: 'NL',
      category: 'threats',
      platform: 'tiktok',
      role: 'self',
      ageBand: '13-15',
      flags: { ongoing: true, danger: false, selfHarm: false, imageAbuse: false },
    },
    status: 'new',
    createdAt: receipt.receivedAt,
    visibleAt: receipt.receivedAt,
    body: crypto.toBase64(body),
    items: receipt.items,
    receipt,
    signature: crypto.countersign(receipt, server.privateKey),
    messages: [],
  };
  const blobs: Record<string, Uint8Array> = { 'img-good0001': sealedImage, 'img-swap0002': sealedOther };
  return { helpline, server, detail, blobs };
}

describe('opening a case in the browser', () => {
  it('opens the body and items and names which check fails for which item', async () => {
    const { helpline, server, detail, blobs } = await fixture();
    const opened = await openCase(crypto, helpline.identity, detail, {
      serverPublicKey: server.publicKey,
      fetchItem: async (id) => blobs[id]!,
    });
    expect(opened.signatureValid).toBe(true);
    expect(opened.bodyMatchesReceipt).toBe(true);
    expect(opened.items.map((i) => [i.manifest.id, i.checks, i.ok])).toEqual([
      ['img-good0001', { manifest: true, receipt: true, signature: true }, true],
      ['img-swap0002', { manifest: false, receipt: true, signature: true }, false],
    ]);
  });

  it('opens a case a peer instance handed over: the referral content reads as a body without items', async () => {
    const { helpline, server, detail } = await fixture();
    const content = {
      version: 1,
      kind: 'vangnet-referral-content',
      helpline: 'Helpwanted',
      service: { id: 'be-vl', name: 'Hulplijn 1712' },
      metadata: detail.metadata,
      language: 'nl',
      shared: ['description'],
      consent: { recordedAt: '2026-12-01T10:00:00.000Z' },
      description: 'Klasgenoten van een Nederlandse school.',
    };
    const sealed = await crypto.sealJson(content, [helpline.recipient]);
    const receipt = {
      ...detail.receipt!,
      body: { sha256: crypto.sha256Hex(sealed), size: sealed.length },
      items: [],
    };
    const opened = await openCase(
      crypto,
      helpline.identity,
      {
        ...detail,
        body: crypto.toBase64(sealed),
        items: [],
        receipt,
        signature: crypto.countersign(receipt, server.privateKey),
      },
      { serverPublicKey: server.publicKey, fetchItem: async () => new Uint8Array() },
    );
    expect(opened.body.description).toBe('Klasgenoten van een Nederlandse school.');
    expect(opened.items).toEqual([]);
    expect(opened.bodyMatchesReceipt && opened.signatureValid).toBe(true);
  });

  it('marks every item red when the receipt is signed by another key or a ciphertext was swapped', async () => {
    const { helpline, detail, blobs } = await fixture();
    const otherKey = crypto.generateSigningKey().publicKey;
    const wrongKey = await openCase(crypto, helpline.identity, detail, {
      serverPublicKey: otherKey,
      fetchItem: async (id) => blobs[id]!,
    });
    expect(wrongKey.signatureValid).toBe(false);
    expect(wrongKey.items.every((i) => !i.ok && !i.checks.signature)).toBe(true);

    const swapped = await openCase(crypto, helpline.identity, detail, {
      serverPublicKey: crypto.signingPublicKey(crypto.generateSigningKey().privateKey),
      fetchItem: async () => blobs['img-swap0002']!,
    });
    expect(swapped.items[0]!.checks.receipt).toBe(false);
  });
});
