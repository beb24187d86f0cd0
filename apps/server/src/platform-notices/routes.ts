import { randomUUID } from 'node:crypto';
import { type CountryPack, isMinorBand, tdbLabel } from '@vangnet/core';
import {
  checkDecisionTimes,
  isStatementOfReasonsId,
  PLATFORM_OUTCOMES,
  platformResponseFigures,
} from '@vangnet/core/dsa/platform-response';
import { and, asc, eq } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { appendAudit } from '../audit/append-audit.ts';
import { RecentKeys } from '../audit/recent-keys.ts';
import type { Db } from '../db/open-database.ts';
import { type PlatformNoticeRow, platformNotices } from '../db/schema/index.ts';
import { Problem } from '../http/problem.ts';
import { DeliveryError, type MailSettings } from '../referrals/connectors.ts';
import { recordReportEvent } from '../services/report-events.ts';
import { findCase, metadataOf } from '../staff/case-queries.ts';
import { requirePermission } from '../staff/session-cookie.ts';
import { staffPolicyOf } from '../staff/staff-policy.ts';
import { platformNoticeFacts } from './notice-facts.ts';
import { type NoticeContact, relayNotice } from './relay.ts';

export type PlatformNoticeDeps = {
  db: Db;
  pack: CountryPack;
  helpline: { id: string; name: string };
  mail?: MailSettings | undefined;
  /** The server's clock; tests move it to stand two days later. */
  now: () => Date;
};

const caseNotFound = () => new Problem(404, 'case.not-found', 'There is no such case');
const noticeNotFound = () => new Problem(404, 'notice.not-found', 'There is no such notice');
/** One audit record per worker and case in this window for the panel's reads (as for referrals). */
const READ_AUDIT_MS = 10 * 60_000;

const tdbSchema = z.object({ category: z.string(), keyword: z.string() });
const noticeViewSchema = z.object({
  noticeId: z.string(),
  platform: z.string(),
  category: z.string(),
  tdb: tdbSchema,
  channel: z.enum(['email', 'endpoint']),
  sentAt: z.string(),
  receivedAt: z.string().nullable(),
  decidedAt: z.string().nullable(),
  outcome: z.enum(PLATFORM_OUTCOMES).nullable(),
  statementOfReasonsId: z.string().nullable(),
});
const contactSchema = z.object({
  platform: z.string(),
  name: z.string(),
  channel: z.enum(['email', 'endpoint']),
  /** The pack's e-mail address or endpoint, shown so the worker knows where the notice goes. */
  address: z.string(),
  unverified: z.boolean(),
});

const iso = (d: Date | null) => (d ? d.toISOString() : null);
function noticeView(row: PlatformNoticeRow): z.infer<typeof noticeViewSchema> {
  return {
    noticeId: row.id,
    platform: row.platform,
    category: row.category,
    tdb: { category: row.tdbCategory, keyword: row.tdbKeyword },
    channel: row.channel as 'email' | 'endpoint',
    sentAt: row.sentAt.toISOString(),
    receivedAt: iso(row.receivedAt),
    decidedAt: iso(row.decidedAt),
    outcome: row.outcome as (typeof PLATFORM_OUTCOMES)[number] | null,
    statementOfReasonsId: row.statementOfReasonsId,
  };
}

function contactOf(pack: CountryPack, platformId: string) {
  const platform = pack.platforms.find((p) => p.id === platformId);
  const c = platform?.dsaContact;
  if (!platform || !c || !(c.email || c.url)) return null;
  const target: NoticeContact = c.email
    ? { channel: 'email', to: c.email }
    : { channel: 'endpoint', url: c.url! };
  return {
    target,
    view: {
      platform: platform.id,
      name: platform.name,
      channel: target.channel,
      address: target.channel === 'email' ? target.to : target.url,
      unverified: !!(c.unverified || platform.unverified),
    },
  };
}

/**
 * Trusted-flagger notices (issue 11), staff side under `/api/v1/staff`. The worker's browser composes
 * the notice from the opened report (core/dsa/notice.ts); the server relays it once to the platform's
 * DSA contact from the pack and keeps only clear metadata: platform, category and its Transparency
 * Database label, channel, consent, worker and times, then the platform's answer as the worker records it.
 */
export const platformNoticeRoutes: FastifyPluginAsyncZod<{ notices: PlatformNoticeDeps }> = async (
  app,
  { notices: deps },
) => {
  const { db, pack, helpline } = deps;
  const policy = staffPolicyOf(pack);
  const reads = new RecentKeys(10_000);
  const ownCase = async (helplineId: string, caseId: string) => {
    const row = helplineId === helpline.id ? await findCase(db, helplineId, caseId) : undefined;
    if (!row) throw caseNotFound();
    return row;
  };
  const caseParams = z.object({ id: z.string().min(1).max(100) });

  app.get(
    '/cases/:id/platform-notices',
    {
      schema: {
        summary: 'Where a notice about this case would go, and the notices sent so far with their answers',
        tags: ['platform-notices'],
        params: caseParams,
        response: {
          200: z.object({
            contact: contactSchema.nullable(),
            tdb: tdbSchema,
            notices: z.array(noticeViewSchema),
          }),
        },
      },
    },
    async (request) => {
      const worker = await requirePermission(db, policy, request, 'case.read');
      const row = await ownCase(worker.helplineId, request.params.id);
      if (reads.firstIn(`${worker.id}:${row.id}`, READ_AUDIT_MS)) {
        await appendAudit(db, { actor: `worker:${worker.id}`, action: 'case.notices-view', caseId: row.id });
      }
      const metadata = metadataOf(row);
      const rows = await db
        .select()
        .from(platformNotices)
        .where(eq(platformNotices.reportId, row.id))
        .orderBy(asc(platformNotices.sentAt));
      return {
        contact: contactOf(pack, metadata.platform)?.view ?? null,
        tdb: tdbLabel(metadata.category, isMinorBand(metadata.ageBand)),
        notices: rows.map(noticeView),
      };
    },
  );

  app.post(
    '/cases/:id/platform-notices',
    {
      schema: {
        summary: 'Send a trusted-flagger notice to the case’s platform, with the reporter’s consent',
        description:
          'The text is composed in the browser and relayed once to the DSA contact in the pack; it is never ' +
          'stored or logged. The same `idempotencyKey` answers 200 with the first notice and sends nothing.',
        tags: ['platform-notices'],
        params: caseParams,
        body: z.object({
          idempotencyKey: z.uuid(),
          consent: z.literal(true),
          subject: z.string().min(1).max(300),
          text: z.string().min(1).max(20_000),
        }),
        response: { 201: noticeViewSchema, 200: noticeViewSchema },
      },
    },
    async (request, reply) => {
      const worker = await requirePermission(db, policy, request, 'case.status');
      const row = await ownCase(worker.helplineId, request.params.id);
      const { idempotencyKey, subject, text } = request.body;
      const [earlier] = await db
        .select()
        .from(platformNotices)
        .where(eq(platformNotices.idempotencyKey, idempotencyKey))
        .limit(1);
      if (earlier) {
        if (earlier.reportId !== row.id)
          throw new Problem(409, 'notice.key-reused', 'This key was used for another case');
        reply.code(200);
        return noticeView(earlier);
      }
      const metadata = metadataOf(row);
      const contact = contactOf(pack, metadata.platform);
      if (!contact) {
        throw new Problem(422, 'notice.no-contact', 'The country pack has no DSA contact for this platform');
      }
      const tdb = tdbLabel(metadata.category, isMinorBand(metadata.ageBand));
      const noticeId = randomUUID();
      const consentAt = deps.now();
      try {
        await relayNotice(
          contact.target,
          { noticeId, subject, text },
          { helplineName: helpline.name, tdb },
          deps.mail,
        );
      } catch (e) {
        if (!(e instanceof DeliveryError)) throw e;
        await appendAudit(db, {
          actor: `worker:${worker.id}`,
          action: 'notice.failed',
          caseId: row.id,
          detail: { platform: metadata.platform, channel: contact.target.channel, error: e.message },
        });
        throw new Problem(502, 'notice.not-delivered', 'The platform did not take the notice', e.message);
      }
      const sentAt = deps.now();
      const [stored] = await db
        .insert(platformNotices)
        .values({
          id: noticeId,
          reportId: row.id,
          helplineId: helpline.id,
          idempotencyKey,
          platform: metadata.platform,
          category: metadata.category,
          tdbCategory: tdb.category,
          tdbKeyword: tdb.keyword,
          channel: contact.target.channel,
          workerId: worker.id,
          consentAt,
          sentAt,
        })
        .returning();
      await appendAudit(db, {
        actor: `worker:${worker.id}`,
        action: 'notice.sent',
        caseId: row.id,
        detail: { noticeId, platform: metadata.platform, channel: contact.target.channel, consent: true },
      });
      reply.code(201);
      return noticeView(stored!);
    },
  );

  app.post(
    '/platform-notices/:noticeId/decision',
    {
      schema: {
        summary: 'Record what the platform answered and when (once; the same answer again is accepted)',
        tags: ['platform-notices'],
        params: z.object({ noticeId: z.uuid() }),
        body: z.object({
          receivedAt: z.iso.datetime({ offset: true }).optional(),
          decidedAt: z.iso.datetime({ offset: true }),
          outcome: z.enum(PLATFORM_OUTCOMES),
          statementOfReasonsId: z.string().max(200).optional(),
        }),
        response: { 200: noticeViewSchema },
      },
    },
    async (request) => {
      const worker = await requirePermission(db, policy, request, 'case.status');
      const [notice] = await db
        .select()
        .from(platformNotices)
        .where(
          and(
            eq(platformNotices.id, request.params.noticeId),
            eq(platformNotices.helplineId, worker.helplineId),
          ),
        )
        .limit(1);
      if (!notice) throw noticeNotFound();
      const body = request.body;
      const sor = body.statementOfReasonsId?.trim() || null;
      if (sor !== null && !isStatementOfReasonsId(sor)) {
        throw new Problem(
          422,
          'decision.bad-statement-id',
          'That does not look like a statement of reasons id',
        );
      }
      const decidedAt = new Date(body.decidedAt);
      const receivedAt = body.receivedAt ? new Date(body.receivedAt) : null;
      const problem = checkDecisionTimes(
        { sentAt: notice.sentAt, receivedAt: receivedAt ?? undefined, decidedAt },
        deps.now(),
      );
      if (problem) throw new Problem(422, problem, 'These times do not fit the notice');
      if (notice.outcome) {
        const same =
          notice.outcome === body.outcome &&
          notice.decidedAt?.getTime() === decidedAt.getTime() &&
          (notice.statementOfReasonsId ?? null) === sor;
        if (same) return noticeView(notice);
        throw new Problem(409, 'decision.already-recorded', 'The platform’s answer is already recorded');
      }
      const updated = await db.transaction(async (tx) => {
        const [row] = await tx
          .update(platformNotices)
          .set({
            receivedAt,
            decidedAt,
            outcome: body.outcome,
            statementOfReasonsId: sor,
            decisionRecordedBy: worker.id,
            decisionRecordedAt: deps.now(),
          })
          .where(eq(platformNotices.id, notice.id))
          .returning();
        // The child's timeline: "Instagram answered: they removed it" (apps/report/src/follow/timeline-words.ts).
        if (notice.reportId) {
          await recordReportEvent(
            tx,
            notice.reportId,
            'platform-answered',
            { platform: notice.platform, outcome: body.outcome },
            decidedAt,
          );
        }
        return row!;
      });
      await appendAudit(db, {
        actor: `worker:${worker.id}`,
        action: 'notice.decision',
        caseId: notice.reportId,
        detail: { noticeId: notice.id, platform: notice.platform, outcome: body.outcome },
      });
      return noticeView(updated);
    },
  );

  app.get(
    '/platform-notices/figures',
    {
      schema: {
        summary: 'Platform response figures per platform and category (supervisors and analysts)',
        description:
          'Notices sent, share answered, median and 90th-percentile hours to a decision, share acted on, each ' +
          'row with its DSA Transparency Database label. Clear metadata only.',
        tags: ['platform-notices'],
        response: {
          200: z.object({
            rows: z.array(
              z.object({
                platform: z.string(),
                platformName: z.string(),
                category: z.string(),
                tdb: tdbSchema,
                sent: z.number(),
                answered: z.number(),
                answeredShare: z.number(),
                medianHours: z.number().nullable(),
                p90Hours: z.number().nullable(),
                actedShare: z.number().nullable(),
              }),
            ),
          }),
        },
      },
    },
    async (request) => {
      const worker = await requirePermission(db, policy, request, 'stats.read');
      await appendAudit(db, { actor: `worker:${worker.id}`, action: 'stats.platform-figures' });
      if (worker.helplineId !== helpline.id) return { rows: [] };
      const figures = platformResponseFigures(await platformNoticeFacts(db, helpline.id));
      const nameOf = (id: string) => pack.platforms.find((p) => p.id === id)?.name ?? id;
      return { rows: figures.map((f) => ({ ...f, platformName: nameOf(f.platform) })) };
    },
  );
};
