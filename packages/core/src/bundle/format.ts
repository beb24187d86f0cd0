import { z } from 'zod/mini';
import { evidenceManifestSchema } from '../report-body.ts';
import { reportMetadataSchema } from '../report-metadata.ts';

/**
 * The evidence bundle (README.md beside this file): a ustar archive with fixed file names. These
 * schemas describe its JSON files; `verifyBundle` parses every one of them before trusting it.
 */
export const BUNDLE_FORMAT = 'vangnet-evidence-bundle';
/** 2: adds `signature.json` (the server's signature over `bundle.json`) and the audit checkpoint. */
export const BUNDLE_VERSION = 2;

export const BUNDLE_PATHS = {
  index: 'bundle.json',
  checksums: 'SHA256SUMS',
  readme: 'README.txt',
  report: 'report.json',
  receipt: 'receipt.json',
  audit: 'audit.json',
  summary: 'summary.pdf',
  sealedBody: 'sealed/body.age',
  signature: 'signature.json',
} as const;

/** Plaintext items keep their id as the file name, so a changed file names the item. */
export function itemPath(id: string, mediaType: string): string {
  return `items/${id}${extensionFor(mediaType)}`;
}

export function sealedItemPath(id: string): string {
  return `sealed/${id}.age`;
}

const EXTENSIONS: Record<string, string> = {
  'image/png': '.png',
  'image/jpeg': '.jpg',
  'image/gif': '.gif',
  'image/webp': '.webp',
  'image/heic': '.heic',
  'video/mp4': '.mp4',
  'video/webm': '.webm',
  'video/quicktime': '.mov',
  'text/plain': '.txt',
  'text/html': '.html',
  'application/pdf': '.pdf',
  'application/json': '.json',
};

function extensionFor(mediaType: string): string {
  return EXTENSIONS[mediaType.split(';')[0]!.trim().toLowerCase()] ?? '.bin';
}

const sha256HexSchema = z.string().check(z.regex(/^[0-9a-f]{64}$/));

export const bundleFileSchema = z.strictObject({
  path: z.string().check(z.maxLength(100)),
  sha256: sha256HexSchema,
  size: z.number().check(z.int(), z.nonnegative()),
});

export const bundleIndexSchema = z.strictObject({
  format: z.literal(BUNDLE_FORMAT),
  version: z.literal(BUNDLE_VERSION),
  caseId: z.string().check(z.minLength(1), z.maxLength(100)),
  exportedAt: z.iso.datetime(),
  /** Who exported it (`worker:<id>`), as the audit log names them. */
  exportedBy: z.string().check(z.maxLength(200)),
  files: z.array(bundleFileSchema),
});
export type BundleIndex = z.infer<typeof bundleIndexSchema>;

/** What the report said, without the reporter's contact details (those stay in the case). */
export const bundleReportSchema = z.strictObject({
  caseId: z.string(),
  metadata: reportMetadataSchema,
  status: z.string(),
  createdAt: z.iso.datetime(),
  description: z.string(),
  links: z.array(z.string()),
  language: z.string(),
  manifest: evidenceManifestSchema,
});
export type BundleReport = z.infer<typeof bundleReportSchema>;

/** The server's receipt as @vangnet/crypto `countersign.ts` defines it (ciphertext hashes). */
export const serverReceiptSchema = z.looseObject({
  version: z.literal(1),
  reportId: z.string(),
  receivedAt: z.string(),
  country: z.string(),
  body: z.looseObject({ sha256: sha256HexSchema, size: z.number() }),
  items: z.array(z.looseObject({ id: z.string(), sha256: sha256HexSchema, size: z.number() })),
});
export type ServerReceiptShape = z.infer<typeof serverReceiptSchema>;

export const bundleReceiptSchema = z.strictObject({
  receipt: serverReceiptSchema,
  signature: z.string().check(z.regex(/^[0-9a-f]+$/)),
  serverPublicKey: z.string().check(z.regex(/^[0-9a-f]+$/)),
});

export const auditRecordSchema = z.strictObject({
  seq: z.number().check(z.int(), z.positive()),
  at: z.string(),
  actor: z.string(),
  action: z.string(),
  caseId: z.nullable(z.string()),
  detail: z.record(z.string(), z.json()),
  prevHash: sha256HexSchema,
  hash: sha256HexSchema,
});

/** A signed checkpoint of the whole audit chain's head (audit/checkpoint.ts), taken at the export. */
export const bundleCheckpointSchema = z.strictObject({
  seq: z.number().check(z.int(), z.positive()),
  hash: sha256HexSchema,
  at: z.iso.datetime(),
  signature: z.string().check(z.regex(/^[0-9a-f]{128}$/)),
});

export const bundleAuditSchema = z.strictObject({
  caseId: z.string(),
  records: z.array(auditRecordSchema),
  checkpoint: bundleCheckpointSchema,
});

/**
 * What the server signs for an export: the SHA-256 of `bundle.json` (which lists every other file's
 * hash), for this case, exporter and recorded export. The server sees one opaque hash, nothing of
 * the content; a bundle whose report, items and index were rewritten together no longer matches it.
 */
export const BUNDLE_STATEMENT_KIND = 'vangnet-evidence-bundle';
export const bundleStatementSchema = z.strictObject({
  kind: z.literal(BUNDLE_STATEMENT_KIND),
  v: z.literal(1),
  caseId: z.string().check(z.minLength(1), z.maxLength(100)),
  /** SHA-256 (hex) of the exact bytes of bundle.json. */
  bundleSha256: sha256HexSchema,
  /** `worker:<id>`, the signed-in worker who asked; must equal bundle.json's `exportedBy`. */
  exportedBy: z.string().check(z.maxLength(200)),
  /** The `seq` of the audit record `case.export` this bundle was made under. */
  exportSeq: z.number().check(z.int(), z.positive()),
  signedAt: z.iso.datetime(),
});
export type BundleStatement = z.infer<typeof bundleStatementSchema>;

export const bundleSignatureSchema = z.strictObject({
  statement: bundleStatementSchema,
  signature: z.string().check(z.regex(/^[0-9a-f]{128}$/)),
  serverPublicKey: z.string().check(z.regex(/^[0-9a-f]{64}$/)),
});
export type BundleSignature = z.infer<typeof bundleSignatureSchema>;
