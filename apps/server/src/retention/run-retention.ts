import { and, eq, inArray, isNotNull, isNull, like, lt, or, sql } from 'drizzle-orm';
import type { AppDeps } from '../app-deps.ts';
import { appendAudit } from '../audit/append-audit.ts';
import type { Db } from '../db/open-database.ts';
import {
  chatPhotos,
  chats,
  helplines,
  idempotencyKeys,
  jobs,
  messages,
  reportEvents,
  reportHashMatches,
  reportItems,
  reports,
} from '../db/schema/index.ts';
import { enqueueJob } from '../jobs/queue.ts';
import { removeSubscription } from '../push/subscriptions.ts';
import type { UploadStaging } from '../uploads/upload-staging.ts';
import { AWAITING_EVIDENCE_DAYS, awaitingEvidenceCutoff, closedCaseCutoff } from './retention-rules.ts';
import { removeStagedUploads } from './staged-uploads.ts';

/**
 * Issue 4, retention: closed cases are deleted once the country pack's retention period has passed,
 * unless a legal hold is set; reports whose evidence never finished arriving are deleted after a week.
 * Each case goes in one transaction with its audit record (ids and counts only, never content). Its
 * sealed blobs are deleted after the commit; the same transaction queues a job naming them, so blobs
 * whose deletion was cut short (crash, storage error) are deleted by the job loop later.
 */
export const RETENTION_BLOBS_QUEUE = 'retention.delete-blobs';

export type RetentionDeps = Pick<AppDeps, 'db' | 'blobs' | 'pack'> & {
  /** Where tus stages unfinished uploads (DATA_DIR/uploads); staged parts of abandoned reports go too. */
  uploadsDir?: string;
  /** The staging area itself (a folder, or the bucket with BLOB_STORE_URL); takes precedence over uploadsDir. */
  staging?: Pick<UploadStaging, 'removeForReports'>;
  awaitingEvidenceDays?: number;
};

export type RetentionResult = {
  /** Closed cases deleted because their retention period passed. */
  closed: string[];
  /** Reports deleted because their evidence never arrived. */
  abandoned: string[];
  /** Ended chats deleted (messages, photos) because the retention period passed. */
  chats: string[];
  blobsDeleted: number;
  stagedUploadsDeleted: number;
};

type Reason = 'closed' | 'abandoned';

export async function runRetention(deps: RetentionDeps, now = new Date()): Promise<RetentionResult> {
  const result: RetentionResult = {
    closed: [],
    abandoned: [],
    chats: [],
    blobsDeleted: 0,
    stagedUploadsDeleted: 0,
  };
  const days = deps.pack.countryPack?.meta.retention.closedCaseDays;
  // Without a checked pack there is no retention period to apply, so no closed case is touched.
  if (days !== undefined) {
    for (const id of await expiredClosedCases(deps.db, deps.pack.country, closedCaseCutoff(days, now))) {
      const deleted = await deleteCase(deps, id, 'closed', now);
      if (deleted) {
        result.closed.push(id);
        result.blobsDeleted += deleted.blobs;
      }
    }
    // An ended chat keeps its sealed messages and photos as long as a closed case keeps its own.
    for (const id of await expiredChats(deps.db, deps.pack.country, closedCaseCutoff(days, now))) {
      const deleted = await deleteChat(deps, id, closedCaseCutoff(days, now), now);
      if (deleted) {
        result.chats.push(id);
        result.blobsDeleted += deleted.blobs;
      }
    }
  }
  const cutoff = awaitingEvidenceCutoff(now, deps.awaitingEvidenceDays ?? AWAITING_EVIDENCE_DAYS);
  for (const id of await abandonedReports(deps.db, cutoff)) {
    const deleted = await deleteCase(deps, id, 'abandoned', now);
    if (deleted) {
      result.abandoned.push(id);
      result.blobsDeleted += deleted.blobs;
    }
  }
  if (result.abandoned.length > 0) {
    const abandoned = new Set(result.abandoned);
    if (deps.staging) result.stagedUploadsDeleted = await deps.staging.removeForReports(abandoned);
    else if (deps.uploadsDir)
      result.stagedUploadsDeleted = await removeStagedUploads(deps.uploadsDir, abandoned);
  }
  return result;
}

const closedAndExpired = (cutoff: Date) =>
  and(
    eq(reports.status, 'closed'),
    isNotNull(reports.closedAt),
    lt(reports.closedAt, cutoff),
    eq(reports.legalHold, false),
  );
const abandonedBefore = (cutoff: Date) =>
  and(eq(reports.status, 'awaiting-evidence'), isNull(reports.visibleAt), lt(reports.createdAt, cutoff));

const chatEndedBefore = (cutoff: Date) =>
  and(
    inArray(chats.status, ['closed', 'abandoned']),
    lt(sql`coalesce(${chats.closedAt}, ${chats.createdAt})`, cutoff),
  );

/** This pack's helplines' ended chats past the cutoff (another country's pack sets its own period). */
async function expiredChats(db: Db, country: string, cutoff: Date): Promise<string[]> {
  const rows = await db
    .select({ id: chats.id })
    .from(chats)
    .innerJoin(helplines, eq(helplines.id, chats.helplineId))
    .where(and(eq(helplines.country, country), chatEndedBefore(cutoff)));
  return rows.map((r) => r.id);
}

/**
 * Deletes one ended chat (its sealed messages go with it by cascade) and lists its photos' blobs for
 * deletion after the commit, as `deleteCase` does. A report the chat became stays: it has its own copy
 * of the transcript and its own retention.
 */
async function deleteChat(
  deps: RetentionDeps,
  id: string,
  cutoff: Date,
  now: Date,
): Promise<{ blobs: number } | null> {
  const blobJobId = `retention:chat-blobs:${id}`;
  const keys = await deps.db.transaction(async (tx) => {
    const [row] = await tx
      .select({ id: chats.id })
      .from(chats)
      .where(and(eq(chats.id, id), chatEndedBefore(cutoff)))
      .for('update');
    if (!row) return null;
    const photos = await tx
      .delete(chatPhotos)
      .where(eq(chatPhotos.chatId, id))
      .returning({ blobKey: chatPhotos.blobKey });
    const deleted = await tx.delete(chats).where(eq(chats.id, id)).returning({ lastSeq: chats.lastSeq });
    const blobKeys = photos.map((p) => p.blobKey);
    if (blobKeys.length > 0) {
      await enqueueJob(tx, RETENTION_BLOBS_QUEUE, { keys: blobKeys }, { id: blobJobId, maxAttempts: 20 });
    }
    await appendAudit(
      tx as Db,
      {
        actor: 'system',
        action: 'chat.deleted-by-retention',
        detail: { chatId: id, messages: deleted[0]?.lastSeq ?? 0, photos: blobKeys.length },
      },
      now,
    );
    return blobKeys;
  });
  if (!keys) return null;
  if (keys.length > 0) {
    try {
      await deleteBlobs(deps, keys);
      await deps.db
        .update(jobs)
        .set({ doneAt: now })
        .where(inArray(jobs.id, [blobJobId]));
    } catch {
      // The queued job deletes them on a later run.
    }
  }
  return { blobs: keys.length };
}

async function expiredClosedCases(db: Db, country: string, cutoff: Date): Promise<string[]> {
  const rows = await db
    .select({ id: reports.id })
    .from(reports)
    .where(and(eq(reports.country, country), closedAndExpired(cutoff)));
  return rows.map((r) => r.id);
}

async function abandonedReports(db: Db, cutoff: Date): Promise<string[]> {
  const rows = await db.select({ id: reports.id }).from(reports).where(abandonedBefore(cutoff));
  return rows.map((r) => r.id);
}

/**
 * Deletes one case if it still qualifies when locked (a supervisor may have set a legal hold or
 * reopened it since it was selected). Returns how many blobs were deleted, or null when it was kept.
 */
async function deleteCase(
  deps: RetentionDeps,
  id: string,
  reason: Reason,
  now: Date,
): Promise<{ blobs: number } | null> {
  const { db } = deps;
  const days = deps.pack.countryPack?.meta.retention.closedCaseDays ?? 0;
  const stillQualifies =
    reason === 'closed'
      ? closedAndExpired(closedCaseCutoff(days, now))
      : abandonedBefore(awaitingEvidenceCutoff(now, deps.awaitingEvidenceDays ?? AWAITING_EVIDENCE_DAYS));
  const blobJobId = `retention:blobs:${id}`;
  const blobKeys = await db.transaction(async (tx) => {
    const [row] = await tx
      .select({ id: reports.id })
      .from(reports)
      .where(and(eq(reports.id, id), stillQualifies))
      .for('update');
    if (!row) return null;
    const items = await tx
      .delete(reportItems)
      .where(eq(reportItems.reportId, id))
      .returning({ blobKey: reportItems.blobKey });
    const keys = items.flatMap((i) => (i.blobKey ? [i.blobKey] : []));
    const counted = async (query: Promise<unknown[]>) => (await query).length;
    const counts = {
      items: items.length,
      blobs: keys.length,
      messages: await counted(
        tx.delete(messages).where(eq(messages.reportId, id)).returning({ id: messages.id }),
      ),
      events: await counted(
        tx.delete(reportEvents).where(eq(reportEvents.reportId, id)).returning({ id: reportEvents.id }),
      ),
      // The reporter's push endpoint goes with the report (pending pushes go with the jobs below).
      pushSubscriptions: await removeSubscription(tx, id),
      hashMatches: await counted(
        tx
          .delete(reportHashMatches)
          .where(eq(reportHashMatches.reportId, id))
          .returning({ id: reportHashMatches.reportId }),
      ),
      // Stored answers of retried writes about this case (the reporter's and the staff's messages).
      idempotencyKeys: await counted(
        tx
          .delete(idempotencyKeys)
          .where(
            or(
              eq(idempotencyKeys.scope, `report.message:${id}`),
              like(idempotencyKeys.scope, `staff.message:${id}:%`),
            ),
          )
          .returning({ key: idempotencyKeys.key }),
      ),
      // Lead-time and referral jobs about the case; a referral job may hold a sealed referral.
      jobs: await counted(
        tx.delete(jobs).where(sql`${jobs.payload}->>'caseId' = ${id}`).returning({ id: jobs.id }),
      ),
    };
    // The answer to the reporter's own submission names the report id in its stored response.
    counts.idempotencyKeys += await counted(
      tx
        .delete(idempotencyKeys)
        .where(
          and(
            eq(idempotencyKeys.scope, 'report.create'),
            sql`${idempotencyKeys.response}->>'reportId' = ${id}`,
          ),
        )
        .returning({ key: idempotencyKeys.key }),
    );
    // A chat that became this report keeps its own retention; it only stops pointing here.
    await tx.update(chats).set({ reportId: null }).where(eq(chats.reportId, id));
    await tx.delete(reports).where(eq(reports.id, id));
    if (keys.length > 0) {
      await enqueueJob(tx, RETENTION_BLOBS_QUEUE, { keys }, { id: blobJobId, maxAttempts: 20 });
    }
    await appendAudit(
      tx as Db,
      {
        actor: 'system',
        action: reason === 'closed' ? 'case.deleted-by-retention' : 'report.deleted-unfinished',
        caseId: id,
        detail: { ...counts },
      },
      now,
    );
    return keys;
  });
  if (!blobKeys) return null;
  if (blobKeys.length > 0) {
    try {
      await deleteBlobs(deps, blobKeys);
      await db
        .update(jobs)
        .set({ doneAt: now })
        .where(inArray(jobs.id, [blobJobId]));
    } catch {
      // The queued job deletes them on a later run.
    }
  }
  return { blobs: blobKeys.length };
}

export async function deleteBlobs(deps: Pick<RetentionDeps, 'blobs'>, keys: string[]): Promise<void> {
  for (const key of keys) await deps.blobs.delete(key);
}
