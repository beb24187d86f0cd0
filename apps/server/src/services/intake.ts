import { createHash, randomUUID } from 'node:crypto';
import type { ReportMetadata } from '@vangnet/core';
import type { ServerReceipt } from '@vangnet/crypto';
import { and, asc, eq, isNull } from 'drizzle-orm';
import type { AppDeps } from '../app-deps.ts';
import { reportItems, reports } from '../db/schema/index.ts';
import { Problem } from '../http/problem.ts';
import { matchKnownHashes } from '../known-hashes/match-known-hashes.ts';
import { signStatement } from '../sign-statement.ts';
import { isUniqueViolation } from './db-errors.ts';
import { ensureHelpline } from './helpline.ts';
import { runIdempotent, type Transaction } from './idempotency.ts';
import { recordReportEvent } from './report-events.ts';
import { requestHash } from './request-hash.ts';
import { decodeSealed } from './sealed-bytes.ts';

/** A sealed report body holds text, links and the manifest: 512 KiB of ciphertext is plenty. */
export const MAX_BODY_BYTES = 512 * 1024;
/** One sealed evidence item (tus upload). */
export const MAX_ITEM_BYTES = 200 * 1024 * 1024;
export const MAX_ITEMS = 50;
export const UPLOAD_PATH = '/api/v1/uploads';

export type SubmitReportInput = {
  metadata: ReportMetadata;
  reporter: { recipient: string; accessTokenHash: string };
  /** base64 of the sealed ReportBody. */
  body: string;
  items: { id: string; sha256: string; size: number }[];
};

export type SubmitReportAnswer = {
  reportId: string;
  status: 'awaiting-evidence' | 'new';
  receipt?: ServerReceipt;
  signature?: string;
  uploadUrl: string;
};

const sha256Hex = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/**
 * Accepts a report: clear metadata, the sealed body and the list of evidence items still to come.
 * Nothing is stored unless all of it is accepted. With no items the report is complete at once.
 */
export async function submitReport(
  deps: AppDeps,
  input: SubmitReportInput,
  idempotencyKey: string,
): Promise<{ statusCode: number; answer: SubmitReportAnswer }> {
  if (input.metadata.country !== deps.pack.country) {
    throw new Problem(
      422,
      'report.unknown-country',
      'This helpline does not take reports for that country',
      `This server serves ${deps.pack.country}.`,
    );
  }
  if (new Set(input.items.map((i) => i.id)).size !== input.items.length) {
    throw new Problem(400, 'report.duplicate-item', 'Two evidence items have the same id');
  }
  const body = decodeSealed(input.body, MAX_BODY_BYTES, 'report.body');
  const helplineId = await ensureHelpline(deps.db, deps.pack);
  try {
    const result = await runIdempotent<SubmitReportAnswer>(
      deps.db,
      { scope: 'report.create', key: idempotencyKey, requestHash: requestHash(input) },
      async (tx) => {
        const reportId = randomUUID();
        const now = new Date();
        const complete = input.items.length === 0;
        const receipt = complete ? buildReceipt(reportId, now, input.metadata.country, body, []) : undefined;
        const signature = receipt ? signStatement(receipt, deps.signingKey.privateKey) : undefined;
        const m = input.metadata;
        await tx.insert(reports).values({
          id: reportId,
          helplineId,
          country: m.country,
          packVersion: deps.pack.version,
          category: m.category,
          platform: m.platform,
          channel: m.channel ?? null,
          role: m.role,
          ageBand: m.ageBand,
          flags: m.flags,
          status: complete ? 'new' : 'awaiting-evidence',
          reporterRecipient: input.reporter.recipient,
          accessTokenHash: input.reporter.accessTokenHash,
          body,
          bodySha256: sha256Hex(body),
          receipt: receipt ?? null,
          signature: signature ?? null,
          createdAt: now,
          visibleAt: complete ? now : null,
        });
        if (input.items.length > 0) {
          await tx
            .insert(reportItems)
            .values(input.items.map((i) => ({ reportId, itemId: i.id, sha256: i.sha256, size: i.size })));
        }
        await recordReportEvent(tx, reportId, 'received', undefined, now);
        // Hash-only reports: known-image lists are checked now, in this transaction (docs/hash-only-reports.md).
        await matchKnownHashes(deps, reportId, input.metadata, tx, now);
        if (complete) await recordReportEvent(tx, reportId, 'visible', undefined, now);
        const answer: SubmitReportAnswer = {
          reportId,
          status: complete ? 'new' : 'awaiting-evidence',
          ...(receipt && signature ? { receipt, signature } : {}),
          uploadUrl: UPLOAD_PATH,
        };
        return { statusCode: 201, response: answer };
      },
    );
    return { statusCode: result.statusCode, answer: result.response };
  } catch (error) {
    if (isUniqueViolation(error)) {
      // The access token already opens another report: the device must derive a fresh receipt.
      throw new Problem(
        409,
        'report.access-token-in-use',
        'A report with this receipt already exists',
        'Start a new report with a new receipt code.',
      );
    }
    throw error;
  }
}

export function buildReceipt(
  reportId: string,
  receivedAt: Date,
  country: string,
  body: Uint8Array,
  items: { itemId: string; sha256: string; size: number }[],
): ServerReceipt {
  return {
    version: 1,
    reportId,
    receivedAt: receivedAt.toISOString(),
    country,
    body: { sha256: sha256Hex(body), size: body.byteLength },
    items: items.map((i) => ({ id: i.itemId, sha256: i.sha256, size: i.size })),
  };
}

/**
 * Records that an item's ciphertext arrived with the declared hash, and completes the report when it
 * was the last one: status `new`, visible to the helpline, receipt countersigned. The report row is
 * locked so two items finishing at once cannot both (or neither) complete it.
 */
export async function recordItemReceived(
  deps: AppDeps,
  reportId: string,
  itemId: string,
  blobKey: string,
): Promise<void> {
  await deps.db.transaction(async (tx) => {
    const [report] = await tx.select().from(reports).where(eq(reports.id, reportId)).for('update');
    if (!report) return;
    const updated = await tx
      .update(reportItems)
      .set({ receivedAt: new Date(), blobKey })
      .where(
        and(
          eq(reportItems.reportId, reportId),
          eq(reportItems.itemId, itemId),
          isNull(reportItems.receivedAt),
        ),
      )
      .returning({ itemId: reportItems.itemId });
    if (updated.length > 0) await recordReportEvent(tx, reportId, 'evidence-received');
    await completeIfAllReceived(deps, tx, report);
  });
}

async function completeIfAllReceived(
  deps: AppDeps,
  tx: Transaction,
  report: typeof reports.$inferSelect,
): Promise<void> {
  if (report.status !== 'awaiting-evidence') return;
  const items = await tx
    .select()
    .from(reportItems)
    .where(eq(reportItems.reportId, report.id))
    .orderBy(asc(reportItems.itemId));
  if (items.some((i) => i.receivedAt === null)) return;
  const now = new Date();
  const receipt = buildReceipt(report.id, now, report.country, report.body, items);
  const signature = signStatement(receipt, deps.signingKey.privateKey);
  await tx
    .update(reports)
    .set({ status: 'new', visibleAt: now, receipt, signature })
    .where(eq(reports.id, report.id));
  await recordReportEvent(tx, report.id, 'visible', undefined, now);
}
