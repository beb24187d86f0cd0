import { type AuditRecord, verifyAuditChain } from '../audit/audit-chain.ts';
import { auditCheckpointStatement } from '../audit/checkpoint.ts';
import { sha256HexOf } from './build.ts';
import {
  BUNDLE_PATHS,
  bundleAuditSchema,
  bundleIndexSchema,
  bundleReceiptSchema,
  bundleReportSchema,
  bundleSignatureSchema,
  itemPath,
  sealedItemPath,
} from './format.ts';
import { readTar, type TarEntry } from './tar.ts';

/**
 * Checks an evidence bundle offline. Every problem is named with a stable `code` and the file or
 * item it concerns, so the CLI (and a court) can say exactly what was changed.
 */
export type BundleProblem = { code: string; subject: string; message: string };

export type BundleVerification = {
  ok: boolean;
  caseId: string | null;
  serverPublicKey: string | null;
  /** Item ids whose bytes no longer match the manifest or the server's receipt. */
  changedItems: string[];
  checked: { items: number; files: number; auditRecords: number; signature: boolean };
  /** The signed head of the whole audit chain at export, to compare with `vangnet verify-audit` later. */
  auditCheckpoint: { seq: number; hash: string; at: string } | null;
  problems: BundleProblem[];
};

export type BundleVerifyDeps = {
  /** `verifyCountersignature` from @vangnet/crypto: Ed25519 over the canonical JSON of the receipt. */
  verifySignature: (receipt: unknown, signatureHex: string, publicKeyHex: string) => boolean;
  // Also used for the bundle statement and the audit checkpoint: each is canonical JSON with its own `kind`.
};

export type BundleVerifyOptions = {
  /**
   * The helpline's published server key (GET /api/v1/config `serverPublicKey`); when given, a bundle
   * signed by another key fails. Without it, a forger who re-signs everything with their own key is
   * caught only by comparing the printed key with the published one.
   */
  trustedServerKey?: string;
};

const decoder = new TextDecoder();

function parseJson(bytes: Uint8Array | undefined): unknown {
  if (!bytes) return undefined;
  try {
    return JSON.parse(decoder.decode(bytes));
  } catch {
    return undefined;
  }
}

export function verifyBundle(
  bundle: Uint8Array | readonly TarEntry[],
  deps: BundleVerifyDeps,
  options: BundleVerifyOptions = {},
): BundleVerification {
  const problems: BundleProblem[] = [];
  const changed = new Set<string>();
  const result = (extra: Partial<BundleVerification> = {}): BundleVerification => ({
    ok: problems.length === 0,
    caseId: null,
    serverPublicKey: null,
    changedItems: [...changed],
    checked: { items: 0, files: 0, auditRecords: 0, signature: false },
    auditCheckpoint: null,
    problems,
    ...extra,
  });
  const problem = (code: string, subject: string, message: string) =>
    problems.push({ code, subject, message });

  let entries: readonly TarEntry[];
  try {
    entries = bundle instanceof Uint8Array ? readTar(bundle) : bundle;
  } catch (error) {
    problem('bundle.unreadable', 'bundle', `not a readable tar archive: ${(error as Error).message}`);
    return result();
  }
  const files = new Map<string, Uint8Array>();
  for (const e of entries) {
    if (files.has(e.path)) problem('bundle.duplicate-file', e.path, `${e.path} appears twice`);
    files.set(e.path, e.bytes);
  }

  const index = bundleIndexSchema.safeParse(parseJson(files.get(BUNDLE_PATHS.index)));
  const report = bundleReportSchema.safeParse(parseJson(files.get(BUNDLE_PATHS.report)));
  const receiptFile = bundleReceiptSchema.safeParse(parseJson(files.get(BUNDLE_PATHS.receipt)));
  const audit = bundleAuditSchema.safeParse(parseJson(files.get(BUNDLE_PATHS.audit)));
  const signed = bundleSignatureSchema.safeParse(parseJson(files.get(BUNDLE_PATHS.signature)));
  for (const [path, parsed] of [
    [BUNDLE_PATHS.index, index],
    [BUNDLE_PATHS.signature, signed],
    [BUNDLE_PATHS.report, report],
    [BUNDLE_PATHS.receipt, receiptFile],
    [BUNDLE_PATHS.audit, audit],
  ] as const) {
    if (!parsed.success) {
      const why = files.has(path) ? 'is not in the expected format' : 'is missing';
      problem(files.has(path) ? 'bundle.bad-file' : 'bundle.missing-file', path, `${path} ${why}`);
    }
  }
  if (!index.success || !signed.success || !report.success || !receiptFile.success || !audit.success) {
    return result();
  }

  const caseId = index.data.caseId;
  const { receipt, signature, serverPublicKey } = receiptFile.data;

  // 1. The server signed this bundle.json (which fixes every other file's hash) for this export. A
  //    bundle whose report, items and index were rewritten together fails here, without any key.
  const statement = signed.data.statement;
  const bundleSignatureOk = safeVerify(deps, statement, signed.data.signature, signed.data.serverPublicKey);
  if (!bundleSignatureOk) {
    problem(
      'bundle.bad-signature',
      BUNDLE_PATHS.signature,
      'the server signature over bundle.json is not valid',
    );
  }
  if (statement.bundleSha256 !== sha256HexOf(files.get(BUNDLE_PATHS.index)!)) {
    problem(
      'bundle.index-changed',
      BUNDLE_PATHS.index,
      'bundle.json is not the one the server signed at export: the bundle was changed afterwards',
    );
  }
  if (statement.caseId !== caseId || statement.exportedBy !== index.data.exportedBy) {
    problem('bundle.other-export', BUNDLE_PATHS.signature, 'the signature is for another case or exporter');
  }
  if (signed.data.serverPublicKey !== serverPublicKey) {
    problem(
      'bundle.key-mismatch',
      BUNDLE_PATHS.signature,
      'the bundle and the receipt are signed by different keys',
    );
  }
  if (options.trustedServerKey && options.trustedServerKey.toLowerCase() !== signed.data.serverPublicKey) {
    problem(
      'bundle.untrusted-key',
      BUNDLE_PATHS.signature,
      'the bundle is signed by another key than the one given',
    );
  }

  // 2. Every file listed in bundle.json is present with its hash; nothing unlisted was slipped in.
  const listed = new Set<string>([BUNDLE_PATHS.index, BUNDLE_PATHS.checksums, BUNDLE_PATHS.signature]);
  for (const f of index.data.files) {
    listed.add(f.path);
    const bytes = files.get(f.path);
    if (!bytes) problem('bundle.missing-file', f.path, `${f.path} is listed but missing`);
    else if (sha256HexOf(bytes) !== f.sha256 || bytes.length !== f.size) {
      problem('bundle.file-changed', f.path, `${f.path} does not match its hash in bundle.json`);
    }
  }
  for (const path of files.keys()) {
    if (!listed.has(path)) problem('bundle.unexpected-file', path, `${path} is not part of the bundle`);
  }
  // SHA256SUMS is for people without Vangnet (`sha256sum -c`): every line must parse, name a file of
  // the bundle and match it, and every file but SHA256SUMS itself must have its line. A line that
  // cannot be read or a file without a line is a problem, never skipped.
  const sums = files.get(BUNDLE_PATHS.checksums);
  if (!sums) problem('bundle.missing-file', BUNDLE_PATHS.checksums, `${BUNDLE_PATHS.checksums} is missing`);
  else {
    const summed = new Set<string>();
    const lines = decoder.decode(sums).split('\n');
    if (lines.at(-1) === '') lines.pop();
    for (const [i, line] of lines.entries()) {
      const where = `${BUNDLE_PATHS.checksums} line ${i + 1}`;
      const m = /^([0-9a-f]{64}) [ *](.+)$/.exec(line);
      if (!m) {
        problem(
          'bundle.bad-checksum-line',
          where,
          `${where} cannot be read: ${JSON.stringify(line.slice(0, 80))}`,
        );
        continue;
      }
      const [, hash, path] = m as unknown as [string, string, string];
      if (summed.has(path))
        problem('bundle.duplicate-checksum', where, `${where} lists ${path} a second time`);
      summed.add(path);
      const bytes = files.get(path);
      if (!bytes || sha256HexOf(bytes) !== hash) {
        problem(
          'bundle.checksum-mismatch',
          path,
          `${path} does not match its line in ${BUNDLE_PATHS.checksums}`,
        );
      }
    }
    for (const path of files.keys()) {
      if (path !== BUNDLE_PATHS.checksums && !summed.has(path)) {
        problem('bundle.unlisted-file', path, `${path} is not listed in ${BUNDLE_PATHS.checksums}`);
      }
    }
  }

  // 3. Each opened item matches the plaintext hash taken on the reporter's device.
  const manifest = report.data.manifest;
  for (const item of manifest.items) {
    const label = item.name ? `${item.id} (${item.name})` : item.id;
    const bytes = files.get(itemPath(item.id, item.mediaType));
    if (!bytes) {
      changed.add(item.id);
      problem('item.missing', item.id, `item ${label} is missing`);
    } else if (sha256HexOf(bytes) !== item.sha256 || bytes.length !== item.size) {
      changed.add(item.id);
      problem('item.changed', item.id, `item ${label} was changed: its SHA-256 does not match the manifest`);
    }
  }

  // 4. The server's signature over the receipt, and the receipt over the sealed files.
  const signatureOk = safeVerify(deps, receipt, signature, serverPublicKey);
  if (!signatureOk)
    problem('receipt.bad-signature', BUNDLE_PATHS.receipt, 'the server signature is not valid');
  if (options.trustedServerKey && options.trustedServerKey.toLowerCase() !== serverPublicKey) {
    problem(
      'receipt.untrusted-key',
      BUNDLE_PATHS.receipt,
      'the receipt is signed by another key than the one given',
    );
  }
  if (receipt.reportId !== caseId || report.data.caseId !== caseId) {
    problem('receipt.other-case', BUNDLE_PATHS.receipt, 'the receipt or report is for another case');
  }
  const body = files.get(BUNDLE_PATHS.sealedBody);
  if (!body || sha256HexOf(body) !== receipt.body.sha256) {
    problem('receipt.body-changed', BUNDLE_PATHS.sealedBody, 'the sealed report does not match the receipt');
  }
  const receiptIds = new Set(receipt.items.map((i) => i.id));
  for (const item of receipt.items) {
    const sealed = files.get(sealedItemPath(item.id));
    if (!sealed || sha256HexOf(sealed) !== item.sha256) {
      changed.add(item.id);
      problem('receipt.item-changed', item.id, `sealed item ${item.id} does not match the server receipt`);
    }
  }
  for (const item of manifest.items) {
    if (!receiptIds.has(item.id)) {
      changed.add(item.id);
      problem('receipt.item-unknown', item.id, `item ${item.id} is not in the server receipt`);
    }
  }

  // 5. The audit extract: each record's own hash and every link between consecutive records, and the
  //    signed checkpoint of the whole chain's head taken when the export was recorded.
  const records = audit.data.records as AuditRecord[];
  const chain = verifyAuditChain(records, { partial: true });
  if (!chain.ok) {
    problem(
      'audit.broken',
      `audit record ${chain.brokenAt}`,
      `audit record ${chain.brokenAt}: ${chain.reason}`,
    );
  }
  for (const r of records) {
    if (r.caseId !== caseId) problem('audit.other-case', `audit record ${r.seq}`, 'belongs to another case');
  }
  const { signature: checkpointSignature, ...checkpoint } = audit.data.checkpoint;
  if (!safeVerify(deps, auditCheckpointStatement(checkpoint), checkpointSignature, serverPublicKey)) {
    problem(
      'audit.bad-checkpoint',
      BUNDLE_PATHS.audit,
      'the audit checkpoint is not signed by the server key',
    );
  }
  const atCheckpoint = records.find((r) => r.seq === checkpoint.seq);
  if (
    records.some((r) => r.seq > checkpoint.seq) ||
    (atCheckpoint && atCheckpoint.hash !== checkpoint.hash)
  ) {
    problem(
      'audit.checkpoint-mismatch',
      `audit record ${checkpoint.seq}`,
      `the audit extract does not agree with the signed checkpoint of seq ${checkpoint.seq}`,
    );
  }
  const exportRecord = records.find((r) => r.seq === statement.exportSeq);
  if (exportRecord?.action !== 'case.export' || exportRecord.actor !== statement.exportedBy) {
    problem(
      'audit.export-unrecorded',
      `audit record ${statement.exportSeq}`,
      `the export's own audit record (seq ${statement.exportSeq}) is not in the extract`,
    );
  }

  return result({
    caseId,
    serverPublicKey,
    checked: {
      items: manifest.items.length,
      files: index.data.files.length,
      auditRecords: records.length,
      signature: signatureOk && bundleSignatureOk,
    },
    auditCheckpoint: checkpoint,
  });
}

function safeVerify(deps: BundleVerifyDeps, receipt: unknown, signature: string, key: string): boolean {
  try {
    return deps.verifySignature(receipt, signature, key);
  } catch {
    return false;
  }
}
