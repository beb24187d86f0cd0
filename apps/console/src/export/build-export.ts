import type { AuditRecord } from '@vangnet/core/audit/audit-chain';
import type { SignedAuditCheckpoint } from '@vangnet/core/audit/checkpoint';
import {
  type BundleReport,
  buildBundle,
  bundleFileName,
  type SignBundleIndex,
} from '@vangnet/core/bundle/index';
import type { OpenedCase } from '../case/open-case.ts';
import { LANGUAGE_NAMES } from '../lib/language.ts';
import { text, textLanguage } from '../lib/text.ts';
import { buildSummaryPdf, type SummaryFonts } from './summary-pdf.ts';

/**
 * Everything for the evidence bundle comes from the case as opened in this browser: the opened
 * items, the ciphertexts and receipt as the server holds them, and the audit extract the server hands
 * over when the export is recorded. The reporter's contact details are left out. The server signs
 * bundle.json's hash last (it sees that hash only), so the bundle verifies offline as a whole.
 */
export type ExportResult = { bundle: Uint8Array; fileName: string; pdf: Uint8Array };

export async function buildExport(
  opened: OpenedCase,
  ctx: {
    serverPublicKey: string;
    helplineName: string;
    /** The pack's time zone: the summary's times are in it. */
    timeZone?: string;
    exportedBy: string;
    audit: AuditRecord[];
    /** The server's signed checkpoint of the audit chain's head, from recording the export. */
    auditCheckpoint: SignedAuditCheckpoint;
    /** Asks the server to sign bundle.json's hash for this recorded export. */
    sign: SignBundleIndex;
    now: Date;
  },
  fonts: SummaryFonts,
): Promise<ExportResult> {
  const { detail, body } = opened;
  if (!detail.receipt || !detail.signature) throw new Error('This case has no server receipt to export.');
  const report: BundleReport = {
    caseId: detail.id,
    metadata: detail.metadata,
    status: detail.status,
    createdAt: new Date(detail.createdAt).toISOString(),
    description: body.description,
    links: body.links,
    language: body.language,
    manifest: body.manifest,
  };
  const pdf = await buildSummaryPdf(
    {
      caseId: detail.id,
      helplineName: ctx.helplineName,
      exportedAt: ctx.now,
      exportedBy: ctx.exportedBy,
      report,
      categoryLabel: text.categories[detail.metadata.category],
      statusLabel: text.statuses[detail.status],
      // In the helpline's language: the console's, as the worker chose it.
      lang: textLanguage,
      wording: text.pdf,
      roleLabel: text.roles[detail.metadata.role],
      languageLabel: LANGUAGE_NAMES[body.language.split('-')[0] ?? ''] ?? body.language,
      flagLabels: text.flags,
      ...(ctx.timeZone ? { timeZone: ctx.timeZone } : {}),
      items: await Promise.all(
        opened.items.map(async (i) => ({
          id: i.manifest.id,
          ...(i.manifest.name ? { name: i.manifest.name } : {}),
          mediaType: i.manifest.mediaType,
          size: i.manifest.size,
          sha256: i.manifest.sha256,
          capturedAt: i.manifest.capturedAt,
          intact: i.ok,
          ...(i.plain && i.manifest.kind === 'image'
            ? await jpegForSummary(i.plain, i.manifest.mediaType)
            : {}),
        })),
      ),
      receipt: {
        receivedAt: detail.receipt.receivedAt,
        signatureValid: opened.signatureValid,
        serverPublicKey: ctx.serverPublicKey,
      },
      audit: ctx.audit,
    },
    fonts,
  );
  const bundle = await buildBundle(
    {
      caseId: detail.id,
      exportedAt: ctx.now,
      exportedBy: ctx.exportedBy,
      report,
      items: opened.items.flatMap((i) => (i.plain ? [{ id: i.manifest.id, bytes: i.plain }] : [])),
      sealedBody: opened.sealedBody,
      sealedItems: opened.items.flatMap((i) => (i.sealed ? [{ id: i.manifest.id, bytes: i.sealed }] : [])),
      receipt: detail.receipt,
      signature: detail.signature,
      serverPublicKey: ctx.serverPublicKey,
      audit: ctx.audit,
      auditCheckpoint: ctx.auditCheckpoint,
      summaryPdf: pdf,
    },
    ctx.sign,
  );
  return { bundle, pdf, fileName: bundleFileName(detail.id) };
}

/** A JPEG copy of an image for the PDF summary, drawn by the browser; nothing when it cannot decode it. */
async function jpegForSummary(bytes: Uint8Array, mediaType: string): Promise<{ jpeg?: Uint8Array }> {
  try {
    const bitmap = await createImageBitmap(new Blob([bytes as BlobPart], { type: mediaType }), {
      imageOrientation: 'from-image',
    });
    const scale = Math.min(1, 1200 / Math.max(bitmap.width, bitmap.height));
    const canvas = new OffscreenCanvas(Math.round(bitmap.width * scale), Math.round(bitmap.height * scale));
    const context = canvas.getContext('2d');
    if (!context) return {};
    context.fillStyle = '#ffffff';
    context.fillRect(0, 0, canvas.width, canvas.height);
    context.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
    bitmap.close();
    const blob = await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.9 });
    return { jpeg: new Uint8Array(await blob.arrayBuffer()) };
  } catch {
    return {};
  }
}
