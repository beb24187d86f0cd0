import { createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { type AuditRecord, chainAuditRecord } from '../audit/audit-chain.ts';
import { canonicalJson } from '../audit/canonical-json.ts';
import { auditCheckpointStatement } from '../audit/checkpoint.ts';
import { buildBundle, sha256HexOf } from './build.ts';
import { BUNDLE_STATEMENT_KIND, type BundleStatement, itemPath } from './format.ts';
import { readTar, writeTar } from './tar.ts';
import { type BundleVerifyDeps, verifyBundle } from './verify.ts';

// Ed25519 from Node stands in for @vangnet/crypto's countersign here, so core's tests need no other
// package; the CLI test uses the real one.
const { publicKey, privateKey } = generateKeyPairSync('ed25519');
const publicKeyHex = publicKey.export({ format: 'der', type: 'spki' }).subarray(-32).toString('hex');
const signReceipt = (receipt: unknown) =>
  sign(
    null,
    Buffer.from(canonicalJson(receipt)),
    createPrivateKey(privateKey.export({ format: 'pem', type: 'pkcs8' })),
  ).toString('hex');
const deps: BundleVerifyDeps = {
  verifySignature: (receipt, signatureHex, keyHex) => {
    const der = Buffer.concat([Buffer.from('302a300506032b6570032100', 'hex'), Buffer.from(keyHex, 'hex')]);
    const key = createPublicKey({ key: der, format: 'der', type: 'spki' });
    return verify(null, Buffer.from(canonicalJson(receipt)), key, Buffer.from(signatureHex, 'hex'));
  },
};

const bytes = (n: number, seed: number) => Uint8Array.from({ length: n }, (_, i) => (i * 31 + seed) % 256);

async function fixture() {
  const caseId = 'rep_0123456789';
  const image1 = bytes(3000, 1);
  const image2 = bytes(700, 2);
  const sealed1 = bytes(3100, 3);
  const sealed2 = bytes(800, 4);
  const sealedBody = bytes(900, 5);
  const items = [
    { id: 'item-aaaaaaaa', bytes: image1, name: 'chat.png' },
    { id: 'item-bbbbbbbb', bytes: image2, name: 'profiel.jpg' },
  ];
  const receipt = {
    version: 1 as const,
    reportId: caseId,
    receivedAt: '2026-11-24T08:00:00.000Z',
    country: 'NL',
    body: { sha256: sha256HexOf(sealedBody), size: sealedBody.length },
    items: [
      { id: 'item-aaaaaaaa', sha256: sha256HexOf(sealed1), size: sealed1.length },
      { id: 'item-bbbbbbbb', sha256: sha256HexOf(sealed2), size: sealed2.length },
    ],
  };
  const audit: AuditRecord[] = [];
  for (const [i, action] of ['report.receive', 'case.view', 'evidence.view', 'case.export'].entries()) {
    audit.push(
      chainAuditRecord(audit.at(-1) ?? null, {
        at: `2026-11-24T08:0${i}:00.000Z`,
        actor: i === 0 ? 'reporter' : 'worker:w1',
        action,
        caseId,
        detail: {},
      }),
    );
  }
  const head = audit.at(-1)!;
  const checkpointAt = '2026-11-24T08:03:00.000Z';
  const checkpoint = { seq: head.seq, hash: head.hash, at: checkpointAt };
  const auditCheckpoint = {
    ...checkpoint,
    signature: signReceipt(auditCheckpointStatement(checkpoint)),
  };
  // Stands in for the server's POST …/export/signature: it signs bundle.json's hash for the recorded export.
  const sign = (bundleSha256: string) => {
    const statement: BundleStatement = {
      kind: BUNDLE_STATEMENT_KIND,
      v: 1,
      caseId,
      bundleSha256,
      exportedBy: 'worker:w1',
      exportSeq: head.seq,
      signedAt: '2026-11-24T09:00:01.000Z',
    };
    return { statement, signature: signReceipt(statement), serverPublicKey: publicKeyHex };
  };
  const bundle = await buildBundle(
    {
      caseId,
      exportedAt: new Date('2026-11-24T09:00:00.000Z'),
      exportedBy: 'worker:w1',
      report: {
        caseId,
        metadata: {
          country: 'NL',
          category: 'harassment',
          platform: 'instagram',
          role: 'self',
          ageBand: '13-15',
          flags: { ongoing: true, danger: false, selfHarm: false, imageAbuse: false },
        },
        status: 'contacted',
        createdAt: '2026-11-24T08:00:00.000Z',
        description: 'Ze sturen gemene berichten — élke dag.',
        links: ['https://example.org/post/1'],
        language: 'nl',
        manifest: {
          version: 1,
          items: items.map((i) => ({
            id: i.id,
            kind: 'image' as const,
            mediaType: i.name.endsWith('.png') ? 'image/png' : 'image/jpeg',
            name: i.name,
            size: i.bytes.length,
            sha256: sha256HexOf(i.bytes),
            capturedAt: '2026-11-23T20:00:00.000Z',
          })),
        },
      },
      items,
      sealedBody,
      sealedItems: [
        { id: 'item-aaaaaaaa', bytes: sealed1 },
        { id: 'item-bbbbbbbb', bytes: sealed2 },
      ],
      receipt,
      signature: signReceipt(receipt),
      serverPublicKey: publicKeyHex,
      audit,
      auditCheckpoint,
      summaryPdf: new TextEncoder().encode('%PDF-1.7 stand-in'),
    },
    sign,
  );
  return { bundle, caseId, audit };
}

/** Finds a file's bytes inside the tar so a test can change one byte of it in place. */
function offsetOf(tar: Uint8Array, path: string): number {
  let offset = 0;
  for (const e of readTar(tar)) {
    const size = Math.ceil(e.bytes.length / 512) * 512;
    if (e.path === path) return offset + 512;
    offset += 512 + size;
  }
  throw new Error(`no ${path}`);
}

function withEntries(tar: Uint8Array, change: (entries: { path: string; bytes: Uint8Array }[]) => void) {
  const entries = readTar(tar);
  change(entries);
  return writeTar(entries, new Date());
}

describe('evidence bundle', () => {
  it('round-trips through tar with the files a reader expects', async () => {
    const { bundle } = await fixture();
    const paths = readTar(bundle).map((e) => e.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        'bundle.json',
        'SHA256SUMS',
        'README.txt',
        'report.json',
        'receipt.json',
        'audit.json',
        'summary.pdf',
        'sealed/body.age',
        'items/item-aaaaaaaa.png',
        'items/item-bbbbbbbb.jpg',
        'sealed/item-aaaaaaaa.age',
      ]),
    );
    const report = JSON.parse(
      new TextDecoder().decode(readTar(bundle).find((e) => e.path === 'report.json')!.bytes),
    );
    expect(report.description).toBe('Ze sturen gemene berichten — élke dag.');
    expect(report).not.toHaveProperty('contact');
  });

  it('verifies an untouched bundle', async () => {
    const { bundle, caseId } = await fixture();
    const result = verifyBundle(bundle, deps);
    expect(result.problems).toEqual([]);
    expect(result).toMatchObject({
      ok: true,
      caseId,
      serverPublicKey: publicKeyHex,
      checked: { items: 2, auditRecords: 4, signature: true },
    });
  });

  it('names the one item whose byte was flipped', async () => {
    const { bundle } = await fixture();
    const changed = bundle.slice();
    changed[offsetOf(changed, itemPath('item-bbbbbbbb', 'image/jpeg')) + 100]! ^= 0x01;
    const result = verifyBundle(changed, deps);
    expect(result.ok).toBe(false);
    expect(result.changedItems).toEqual(['item-bbbbbbbb']);
    expect(result.problems.map((p) => p.code)).toContain('item.changed');
    expect(result.problems.find((p) => p.code === 'item.changed')?.message).toContain('profiel.jpg');
  });

  it('catches an item and its manifest hash changed together, through the bundle index', async () => {
    const { bundle } = await fixture();
    const result = verifyBundle(
      withEntries(bundle, (entries) => {
        const report = entries.find((e) => e.path === 'report.json')!;
        const item = entries.find((e) => e.path === 'items/item-aaaaaaaa.png')!;
        item.bytes = bytes(3000, 9);
        const parsed = JSON.parse(new TextDecoder().decode(report.bytes));
        parsed.manifest.items[0].sha256 = sha256HexOf(item.bytes);
        report.bytes = new TextEncoder().encode(JSON.stringify(parsed));
      }),
      deps,
    );
    expect(result.ok).toBe(false);
    expect(result.problems.map((p) => p.subject)).toEqual(
      expect.arrayContaining(['report.json', 'items/item-aaaaaaaa.png']),
    );
  });

  it('rejects a changed receipt (signature), a sealed item that differs and a broken audit record', async () => {
    const { bundle } = await fixture();
    const receiptChanged = withEntries(bundle, (entries) => {
      const e = entries.find((x) => x.path === 'receipt.json')!;
      const parsed = JSON.parse(new TextDecoder().decode(e.bytes));
      parsed.receipt.receivedAt = '2026-11-25T08:00:00.000Z';
      e.bytes = new TextEncoder().encode(JSON.stringify(parsed));
    });
    expect(verifyBundle(receiptChanged, deps).problems.map((p) => p.code)).toContain('receipt.bad-signature');

    const sealed = bundle.slice();
    sealed[offsetOf(sealed, 'sealed/item-aaaaaaaa.age') + 5]! ^= 0xff;
    const sealedResult = verifyBundle(sealed, deps);
    expect(sealedResult.changedItems).toEqual(['item-aaaaaaaa']);
    expect(sealedResult.problems.map((p) => p.code)).toContain('receipt.item-changed');

    const auditChanged = withEntries(bundle, (entries) => {
      const e = entries.find((x) => x.path === 'audit.json')!;
      const parsed = JSON.parse(new TextDecoder().decode(e.bytes));
      parsed.records[1].actor = 'worker:someone-else';
      e.bytes = new TextEncoder().encode(JSON.stringify(parsed));
    });
    expect(verifyBundle(auditChanged, deps).problems).toContainEqual(
      expect.objectContaining({ code: 'audit.broken', subject: 'audit record 2' }),
    );
  });

  it('rejects a key other than the trusted one, an extra file, and bytes that are not a tar', async () => {
    const { bundle } = await fixture();
    expect(
      verifyBundle(bundle, deps, { trustedServerKey: '00'.repeat(32) }).problems.map((p) => p.code),
    ).toEqual(['bundle.untrusted-key', 'receipt.untrusted-key']);
    const extra = withEntries(bundle, (entries) => {
      entries.push({ path: 'items/extra.png', bytes: bytes(10, 1) });
    });
    expect(verifyBundle(extra, deps).problems.map((p) => p.code)).toEqual([
      'bundle.unexpected-file',
      'bundle.unlisted-file',
    ]);
    expect(verifyBundle(new TextEncoder().encode('not a tar'.repeat(100)), deps).problems[0]?.code).toBe(
      'bundle.unreadable',
    );
  });

  it('names a SHA256SUMS line that cannot be read', async () => {
    const { bundle } = await fixture();
    const result = verifyBundle(
      withEntries(bundle, (entries) => {
        const sums = entries.find((e) => e.path === 'SHA256SUMS')!;
        const lines = new TextDecoder().decode(sums.bytes).split('\n');
        lines[3] = `${lines[3]!.slice(0, 20)}  ${lines[3]!.split('  ')[1]}`;
        sums.bytes = new TextEncoder().encode(lines.join('\n'));
      }),
      deps,
    );
    expect(result.ok).toBe(false);
    expect(result.problems).toContainEqual(
      expect.objectContaining({ code: 'bundle.bad-checksum-line', subject: 'SHA256SUMS line 4' }),
    );
  });

  it('names the file whose SHA256SUMS line was deleted', async () => {
    const { bundle } = await fixture();
    const result = verifyBundle(
      withEntries(bundle, (entries) => {
        const sums = entries.find((e) => e.path === 'SHA256SUMS')!;
        const kept = new TextDecoder()
          .decode(sums.bytes)
          .split('\n')
          .filter((l) => !l.endsWith('  report.json'));
        sums.bytes = new TextEncoder().encode(kept.join('\n'));
      }),
      deps,
    );
    expect(result.ok).toBe(false);
    expect(result.problems).toEqual([
      expect.objectContaining({
        code: 'bundle.unlisted-file',
        subject: 'report.json',
        message: 'report.json is not listed in SHA256SUMS',
      }),
    ]);
  });

  it('catches report, item, bundle.json and SHA256SUMS rewritten to agree, by the server signature', async () => {
    const { bundle } = await fixture();
    const forged = withEntries(bundle, (entries) => {
      const file = (path: string) => entries.find((e) => e.path === path)!;
      const item = file('items/item-aaaaaaaa.png');
      item.bytes = bytes(3000, 9);
      const report = JSON.parse(new TextDecoder().decode(file('report.json').bytes));
      report.manifest.items[0].sha256 = sha256HexOf(item.bytes);
      report.description = 'Er is niets gebeurd.';
      file('report.json').bytes = new TextEncoder().encode(JSON.stringify(report));
      // Every hash list made consistent again: only the signature over bundle.json can tell.
      const index = JSON.parse(new TextDecoder().decode(file('bundle.json').bytes));
      for (const f of index.files) {
        f.sha256 = sha256HexOf(file(f.path).bytes);
        f.size = file(f.path).bytes.length;
      }
      file('bundle.json').bytes = new TextEncoder().encode(JSON.stringify(index));
      file('SHA256SUMS').bytes = new TextEncoder().encode(
        entries
          .filter((e) => e.path !== 'SHA256SUMS')
          .map((e) => `${sha256HexOf(e.bytes)}  ${e.path}\n`)
          .join(''),
      );
    });
    const result = verifyBundle(forged, deps);
    expect(result.ok).toBe(false);
    expect(result.problems.map((p) => p.code)).toEqual(['bundle.index-changed']);
    expect(result.problems[0]?.message).toContain('bundle.json is not the one the server signed');
  });

  it('rejects a bundle without the signature, and an audit checkpoint not signed by the server', async () => {
    const { bundle } = await fixture();
    const unsigned = withEntries(bundle, (entries) => {
      entries.splice(
        entries.findIndex((e) => e.path === 'signature.json'),
        1,
      );
    });
    expect(verifyBundle(unsigned, deps).problems.map((p) => p.code)).toEqual(['bundle.missing-file']);
    const checkpointChanged = withEntries(bundle, (entries) => {
      const e = entries.find((x) => x.path === 'audit.json')!;
      const parsed = JSON.parse(new TextDecoder().decode(e.bytes));
      parsed.checkpoint.at = '2026-11-20T08:00:00.000Z';
      e.bytes = new TextEncoder().encode(JSON.stringify(parsed));
    });
    expect(verifyBundle(checkpointChanged, deps).problems.map((p) => p.code)).toContain(
      'audit.bad-checkpoint',
    );
  });
});
