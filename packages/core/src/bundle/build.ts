import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import type { AuditRecord } from '../audit/audit-chain.ts';
import type { SignedAuditCheckpoint } from '../audit/checkpoint.ts';
import {
  BUNDLE_FORMAT,
  BUNDLE_PATHS,
  BUNDLE_VERSION,
  type BundleIndex,
  type BundleReport,
  type BundleSignature,
  itemPath,
  sealedItemPath,
} from './format.ts';
import { bundleReadme } from './readme-text.ts';
import { type TarEntry, writeTar } from './tar.ts';

export type BundleInput = {
  caseId: string;
  exportedAt: Date;
  /** `worker:<id>`, as the audit log names the exporter. */
  exportedBy: string;
  report: BundleReport;
  /** Opened evidence items, in the order of the manifest. */
  items: readonly { id: string; bytes: Uint8Array }[];
  /** The ciphertexts exactly as the server stored and countersigned them. */
  sealedBody: Uint8Array;
  sealedItems: readonly { id: string; bytes: Uint8Array }[];
  /** The server's receipt object as received (it is re-serialised canonically to check the signature). */
  receipt: unknown;
  signature: string;
  serverPublicKey: string;
  audit: readonly AuditRecord[];
  /** The server's signed checkpoint of the whole audit chain's head, taken when the export was recorded. */
  auditCheckpoint: SignedAuditCheckpoint;
  summaryPdf: Uint8Array;
};

/** Asks the server to sign the SHA-256 of bundle.json (the console: POST …/export/signature). */
export type SignBundleIndex = (bundleSha256: string) => Promise<BundleSignature> | BundleSignature;

const encoder = new TextEncoder();
const json = (value: unknown) => encoder.encode(`${JSON.stringify(value, null, 2)}\n`);

export function sha256HexOf(bytes: Uint8Array): string {
  return bytesToHex(sha256(bytes));
}

/** The file name to offer for download. */
export function bundleFileName(caseId: string): string {
  return `vangnet-evidence-${caseId.replace(/[^A-Za-z0-9_-]/g, '_')}.tar`;
}

/**
 * Builds the bundle (a tar, as bytes). Pure apart from `sign`: the console calls it in the browser
 * with the items it has just opened and a `sign` that asks the server to sign bundle.json's hash;
 * nothing here reads files or the clock.
 */
export async function buildBundle(input: BundleInput, sign: SignBundleIndex): Promise<Uint8Array> {
  const byId = new Map(input.items.map((i) => [i.id, i.bytes]));
  const sealedById = new Map(input.sealedItems.map((i) => [i.id, i.bytes]));
  const content: TarEntry[] = [
    { path: BUNDLE_PATHS.readme, bytes: encoder.encode(bundleReadme(input.caseId)) },
    { path: BUNDLE_PATHS.report, bytes: json(input.report) },
    {
      path: BUNDLE_PATHS.receipt,
      bytes: json({
        receipt: input.receipt,
        signature: input.signature,
        serverPublicKey: input.serverPublicKey,
      }),
    },
    {
      path: BUNDLE_PATHS.audit,
      bytes: json({ caseId: input.caseId, records: input.audit, checkpoint: input.auditCheckpoint }),
    },
    { path: BUNDLE_PATHS.summary, bytes: input.summaryPdf },
    { path: BUNDLE_PATHS.sealedBody, bytes: input.sealedBody },
  ];
  for (const item of input.report.manifest.items) {
    const plain = byId.get(item.id);
    if (plain) content.push({ path: itemPath(item.id, item.mediaType), bytes: plain });
    const sealed = sealedById.get(item.id);
    if (sealed) content.push({ path: sealedItemPath(item.id), bytes: sealed });
  }
  const index: BundleIndex = {
    format: BUNDLE_FORMAT,
    version: BUNDLE_VERSION,
    caseId: input.caseId,
    exportedAt: input.exportedAt.toISOString(),
    exportedBy: input.exportedBy,
    files: content.map((e) => ({ path: e.path, sha256: sha256HexOf(e.bytes), size: e.bytes.length })),
  };
  const indexEntry = { path: BUNDLE_PATHS.index, bytes: json(index) };
  // The index lists every other file's hash, so the server's signature over its hash covers them all.
  const signatureEntry = {
    path: BUNDLE_PATHS.signature,
    bytes: json(await sign(sha256HexOf(indexEntry.bytes))),
  };
  // `sha256sum -c SHA256SUMS` checks every file with standard tools, no Vangnet software needed.
  const sums = [indexEntry, signatureEntry, ...content]
    .map((e) => `${sha256HexOf(e.bytes)}  ${e.path}\n`)
    .join('');
  const entries = [
    indexEntry,
    signatureEntry,
    { path: BUNDLE_PATHS.checksums, bytes: encoder.encode(sums) },
    ...content,
  ];
  return writeTar(entries, input.exportedAt);
}
