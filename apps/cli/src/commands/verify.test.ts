import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AuditRecord } from '@vangnet/core/audit/audit-chain';
import { chainAuditRecord } from '@vangnet/core/audit/audit-chain';
import { auditCheckpointStatement } from '@vangnet/core/audit/checkpoint';
import {
  BUNDLE_STATEMENT_KIND,
  type BundleStatement,
  buildBundle,
  itemPath,
  readTar,
  sha256HexOf,
  writeTar,
} from '@vangnet/core/bundle/index';
import {
  countersign,
  generateIdentity,
  generateSigningKey,
  type ServerReceipt,
  sealJson,
  signCanonicalJson,
} from '@vangnet/crypto';
import { afterAll, describe, expect, it } from 'vitest';

const cli = join(import.meta.dirname, '../../bin/vangnet.mjs');
const dir = mkdtempSync(join(tmpdir(), 'vangnet-verify-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function verify(...args: string[]) {
  const r = spawnSync(process.execPath, [cli, 'verify', ...args], { encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, out: `${r.stdout}${r.stderr}` };
}

const pixels = (seed: number) => Uint8Array.from({ length: 4096 }, (_, i) => (i * 7 + seed) % 251);

async function makeBundle(): Promise<{ bytes: Uint8Array; publicKey: string; identity: string }> {
  const key = generateSigningKey();
  const caseId = 'rep_cli_test';
  const images = [
    { id: 'img-00000001', bytes: pixels(1), name: 'screenshot-1.png' },
    { id: 'img-00000002', bytes: pixels(2), name: 'screenshot-2.png' },
  ];
  const sealed = images.map((i) => ({ id: i.id, bytes: pixels(i.bytes[0]! + 50) }));
  const helpline = await generateIdentity();
  const manifest = {
    version: 1 as const,
    items: images.map((i) => ({
      id: i.id,
      kind: 'image' as const,
      mediaType: 'image/png',
      name: i.name,
      size: i.bytes.length,
      sha256: sha256HexOf(i.bytes),
      capturedAt: '2026-11-23T20:00:00.000Z',
    })),
  };
  const body = { version: 1, description: 'Iemand dreigt me.', links: [], language: 'nl', manifest };
  const sealedBody = await sealJson(body, [helpline.recipient]);
  const receipt: ServerReceipt = {
    version: 1,
    reportId: caseId,
    receivedAt: '2026-11-24T08:00:00.000Z',
    country: 'NL',
    body: { sha256: sha256HexOf(sealedBody), size: sealedBody.length },
    items: sealed.map((s) => ({ id: s.id, sha256: sha256HexOf(s.bytes), size: s.bytes.length })),
  };
  const audit: AuditRecord[] = [];
  for (const action of ['report.receive', 'case.view', 'case.export']) {
    audit.push(
      chainAuditRecord(audit.at(-1) ?? null, {
        at: '2026-11-24T08:05:00.000Z',
        actor: 'worker:w1',
        action,
        caseId,
        detail: {},
      }),
    );
  }
  const head = audit.at(-1)!;
  const checkpoint = { seq: head.seq, hash: head.hash, at: '2026-11-24T08:05:00.000Z' };
  // What the server's POST …/export/signature answers, signed with the same real key as the receipt.
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
    return {
      statement,
      signature: signCanonicalJson(statement, key.privateKey),
      serverPublicKey: key.publicKey,
    };
  };
  const bytes = await buildBundle(
    {
      caseId,
      exportedAt: new Date('2026-11-24T09:00:00.000Z'),
      exportedBy: 'worker:w1',
      report: {
        caseId,
        metadata: {
          country: 'NL',
          category: 'threats',
          platform: 'tiktok',
          role: 'self',
          ageBand: '13-15',
          flags: { ongoing: true, danger: true, selfHarm: false, imageAbuse: false },
        },
        status: 'referred',
        createdAt: '2026-11-24T08:00:00.000Z',
        description: 'Iemand dreigt me.',
        links: [],
        language: 'nl',
        manifest,
      },
      items: images,
      sealedBody,
      sealedItems: sealed,
      receipt,
      signature: countersign(receipt, key.privateKey),
      serverPublicKey: key.publicKey,
      audit,
      auditCheckpoint: {
        ...checkpoint,
        signature: signCanonicalJson(auditCheckpointStatement(checkpoint), key.privateKey),
      },
      summaryPdf: new TextEncoder().encode('%PDF-1.7'),
    },
    sign,
  );
  return { bytes, publicKey: key.publicKey, identity: helpline.identity };
}

describe('vangnet verify', async () => {
  const { bytes, publicKey, identity } = await makeBundle();
  const file = join(dir, 'bundle.tar');
  writeFileSync(file, bytes);
  const identityFile = join(dir, 'helpline.key');
  writeFileSync(identityFile, `# helpline\n${identity}\n`);

  it('prints OK and exits 0 for an untouched bundle, with and without the pinned key', () => {
    const plain = verify(file);
    expect(plain.out).toContain(`server key ${publicKey}`);
    expect(plain.out.trim().split('\n').at(-1)).toBe('OK');
    expect(plain.code).toBe(0);
    expect(plain.out).toContain('audit chain head at export: seq 3');
    expect(verify(file, '--key', publicKey).code).toBe(0);
    expect(verify(file, '--server-key', publicKey).code).toBe(0);
    const other = verify(file, '--server-key', 'ab'.repeat(32));
    expect(other.code).toBe(1);
    expect(other.out).toContain('FAIL bundle.untrusted-key');
  });

  it('fails on a SHA256SUMS line it cannot read, and names a file whose line was deleted', () => {
    const folder = join(dir, 'sums');
    mkdirSync(folder);
    execFileSync('tar', ['-xmf', file, '-C', folder]);
    const sumsFile = join(folder, 'SHA256SUMS');
    const lines = readFileSync(sumsFile, 'utf8').split('\n');
    writeFileSync(
      sumsFile,
      [...lines.slice(0, 2), 'this is not a checksum line', ...lines.slice(2)].join('\n'),
    );
    const unreadable = verify(folder);
    expect(unreadable.code).toBe(1);
    expect(unreadable.out).toContain('FAIL bundle.bad-checksum-line: SHA256SUMS line 3 cannot be read');

    writeFileSync(sumsFile, lines.filter((l) => !l.endsWith('  audit.json')).join('\n'));
    const deleted = verify(folder);
    expect(deleted.code).toBe(1);
    expect(deleted.out).toContain('FAIL bundle.unlisted-file: audit.json is not listed in SHA256SUMS');
  });

  it('fails and names the item after one byte of one image is flipped', () => {
    const changed = bytes.slice();
    const entries = readTar(changed);
    let offset = 0;
    for (const e of entries) {
      if (e.path === itemPath('img-00000002', 'image/png')) break;
      offset += 512 + Math.ceil(e.bytes.length / 512) * 512;
    }
    changed[offset + 512 + 1000]! ^= 0x01;
    const changedFile = join(dir, 'changed.tar');
    writeFileSync(changedFile, changed);
    const r = verify(changedFile);
    expect(r.code).toBe(1);
    expect(r.out).toContain('CHANGED item img-00000002');
    expect(r.out).toContain('screenshot-2.png');
    expect(r.out).not.toContain('CHANGED item img-00000001');
  });

  it('checks a folder unpacked with tar, which sha256sum also accepts', () => {
    const folder = join(dir, 'unpacked');
    mkdirSync(folder);
    execFileSync('tar', ['-xmf', file, '-C', folder]);
    expect(verify(folder).code).toBe(0);
    expect(execFileSync('sha256sum', ['-c', 'SHA256SUMS'], { cwd: folder, encoding: 'utf8' })).toContain(
      'items/img-00000001.png: OK',
    );
    const image = join(folder, 'items/img-00000001.png');
    const b = readFileSync(image);
    b[0]! ^= 0xff;
    writeFileSync(image, b);
    const r = verify(folder);
    expect(r.code).toBe(1);
    expect(r.out).toContain('CHANGED item img-00000001');
  });

  it('catches an item rewritten together with report.json, bundle.json and SHA256SUMS, without the identity', () => {
    expect(verify(file, '--identity', identityFile).code).toBe(0);
    // A forger replaces an image and updates every hash they can reach without the key.
    const entries = readTar(bytes);
    const replaced = pixels(200);
    const item = entries.find((e) => e.path === itemPath('img-00000001', 'image/png'))!;
    item.bytes = replaced;
    const report = entries.find((e) => e.path === 'report.json')!;
    const parsed = JSON.parse(new TextDecoder().decode(report.bytes));
    parsed.manifest.items[0].sha256 = sha256HexOf(replaced);
    report.bytes = new TextEncoder().encode(JSON.stringify(parsed));
    const index = entries.find((e) => e.path === 'bundle.json')!;
    const idx = JSON.parse(new TextDecoder().decode(index.bytes));
    for (const f of idx.files) {
      const e = entries.find((x) => x.path === f.path)!;
      f.sha256 = sha256HexOf(e.bytes);
      f.size = e.bytes.length;
    }
    index.bytes = new TextEncoder().encode(JSON.stringify(idx));
    const sums = entries.find((e) => e.path === 'SHA256SUMS')!;
    sums.bytes = new TextEncoder().encode(
      entries
        .filter((e) => e.path !== 'SHA256SUMS')
        .map((e) => `${sha256HexOf(e.bytes)}  ${e.path}\n`)
        .join(''),
    );
    const forged = join(dir, 'forged.tar');
    writeFileSync(forged, writeTar(entries, new Date()));
    // The server signed the hash of the real bundle.json: no key is needed to see the rewrite.
    const plain = verify(forged);
    expect(plain.code).toBe(1);
    expect(plain.out).toContain('FAIL bundle.index-changed: bundle.json is not the one the server signed');
    // The helpline's identity also shows what changed: the manifest the reporter sealed.
    const r = verify(forged, '--identity', identityFile);
    expect(r.code).toBe(1);
    expect(r.out).toContain('report.json manifest differs from what the reporter sealed');
  });

  it('exits 2 with usage for a missing path', () => {
    expect(verify().code).toBe(2);
    expect(verify(join(dir, 'nope.tar')).code).toBe(2);
  });
});
