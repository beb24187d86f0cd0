import { createHash, randomUUID } from 'node:crypto';
import type { ServerReceipt } from '@vangnet/crypto';
import { toBase64 } from '@vangnet/crypto';
import { and, asc, eq } from 'drizzle-orm';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps, Limits } from '../app-deps.ts';
import { messages, type ReportEventRow, reportEvents, reportItems, reports } from '../db/schema/index.ts';
import { Problem } from '../http/problem.ts';
import { pushRoutes } from '../push/routes.ts';
import { runIdempotent } from '../services/idempotency.ts';
import { submitReport } from '../services/intake.ts';
import { reportForToken } from '../services/reporter-auth.ts';
import { requestHash } from '../services/request-hash.ts';
import { decodeSealed } from '../services/sealed-bytes.ts';
import { feedbackRoutes } from '../statistics/feedback-routes.ts';
import {
  bearerHeaders,
  idempotencyHeaders,
  MAX_MESSAGE_BYTES,
  postMessageAnswer,
  postMessageBody,
  selfAnswer,
  submitReportAnswer,
  submitReportBody,
} from './report-schemas.ts';
import { reporterTimelineEntry } from './reporter-timeline.ts';

/** Events written in the same millisecond keep their logical order (an item arrives, then the report is visible). */
const eventRank: Record<string, number> = { received: 0, 'evidence-received': 1, visible: 2 };
const byTimelineOrder = (a: ReportEventRow, b: ReportEventRow) =>
  a.at.getTime() - b.at.getTime() || (eventRank[a.event] ?? 9) - (eventRank[b.event] ?? 9);

const problemCodes = {
  'body.metadata.category': 'report.unknown-category',
  'body.metadata.country': 'report.unknown-country',
  'body.metadata.hashes': 'report.invalid-hashes',
  'body.reporter.recipient': 'report.invalid-recipient',
  'headers.idempotency-key': 'request.idempotency-key-required',
};

/** The reporter's API: submit a sealed report, then follow up with the receipt-derived access token. */
export const reportRoutes: FastifyPluginAsyncZod<{ deps: AppDeps; limits: Limits }> = async (
  app,
  { deps, limits },
) => {
  app.post(
    '/reports',
    {
      schema: {
        summary: 'Submit a sealed report (idempotent)',
        tags: ['reporter'],
        headers: idempotencyHeaders,
        body: submitReportBody,
        response: { 200: submitReportAnswer, 201: submitReportAnswer },
      },
      config: {
        problemCodes,
        rateLimit: { max: limits.submissionsPerIpPerHour, timeWindow: '1 hour' },
      },
    },
    async (request, reply) => {
      const { statusCode, answer } = await submitReport(
        deps,
        request.body,
        request.headers['idempotency-key'],
      );
      return reply.code(statusCode === 201 ? 201 : 200).send(answer);
    },
  );

  // Follow-up is limited per client address (guessing) AND per token (one reporter's own use). The
  // per-address limit is the route's own (`config.rateLimit`); the per-token one is checked with
  // `createRateLimit`, which does not mark the request as limited, so both always count.
  const tokenLimit = app.createRateLimit({
    max: limits.followUpPerTokenPerMinute,
    timeWindow: '1 minute',
    // Keyed by a hash: the limiter's memory must not hold usable tokens.
    keyGenerator: (request) =>
      `token:${createHash('sha256')
        .update(request.headers.authorization ?? '')
        .digest('hex')}`,
  });
  const perToken = async (request: FastifyRequest, reply: FastifyReply) => {
    const result = await tokenLimit(request);
    if (result.isAllowed || !result.isExceeded) return;
    reply.header('retry-after', String(result.ttlInSeconds));
    throw new Problem(429, 'rate-limited', 'Too many requests; try again later');
  };
  const perIp = { max: limits.followUpPerIpPerMinute, timeWindow: '1 minute' };
  await app.register(pushRoutes, { deps, perIp, perToken });
  await app.register(feedbackRoutes, { deps, perIp, perToken });

  app.get(
    '/reports/self',
    {
      schema: {
        summary: 'Status, timeline, receipt and sealed messages of the report this access token opens',
        tags: ['reporter'],
        headers: bearerHeaders,
        security: [{ accessToken: [] }],
        response: { 200: selfAnswer },
      },
      config: { rateLimit: perIp },
      onRequest: perToken,
    },
    async (request) => {
      const report = await reportForToken(deps.db, request.headers.authorization);
      const [events, items, thread] = await Promise.all([
        deps.db
          .select()
          .from(reportEvents)
          .where(eq(reportEvents.reportId, report.id))
          .orderBy(asc(reportEvents.at), asc(reportEvents.id)),
        deps.db
          .select()
          .from(reportItems)
          .where(eq(reportItems.reportId, report.id))
          .orderBy(asc(reportItems.itemId)),
        deps.db
          .select()
          .from(messages)
          // Case notes between workers are never the reporter's to see.
          .where(and(eq(messages.reportId, report.id), eq(messages.internal, false)))
          .orderBy(asc(messages.createdAt), asc(messages.id)),
      ]);
      return {
        reportId: report.id,
        status: report.status,
        createdAt: report.createdAt.toISOString(),
        timeline: events
          .sort(byTimelineOrder)
          .map(reporterTimelineEntry)
          .filter((e) => e !== null),
        ...(report.receipt && report.signature
          ? { receipt: report.receipt as ServerReceipt, signature: report.signature }
          : {}),
        items: items.map((i) => ({ id: i.itemId, received: i.receivedAt !== null })),
        messages: thread.map((m) => ({
          id: m.id,
          author: m.author === 'helpline' ? ('helpline' as const) : ('reporter' as const),
          sealed: toBase64(m.sealed),
          createdAt: m.createdAt.toISOString(),
        })),
      };
    },
  );

  app.post(
    '/reports/self/messages',
    {
      schema: {
        summary: 'Send the helpline a sealed message (idempotent)',
        tags: ['reporter'],
        headers: idempotencyHeaders.extend(bearerHeaders.shape),
        body: postMessageBody,
        security: [{ accessToken: [] }],
        response: { 200: postMessageAnswer, 201: postMessageAnswer },
      },
      config: { rateLimit: perIp, problemCodes },
      onRequest: perToken,
    },
    async (request, reply) => {
      const report = await reportForToken(deps.db, request.headers.authorization);
      const sealed = decodeSealed(request.body.sealed, MAX_MESSAGE_BYTES, 'message');
      const result = await runIdempotent<{ id: string; createdAt: string }>(
        deps.db,
        {
          scope: `report.message:${report.id}`,
          key: request.headers['idempotency-key'],
          requestHash: requestHash(request.body),
        },
        async (tx) => {
          const id = randomUUID();
          const createdAt = new Date();
          await tx
            .insert(messages)
            .values({ id, reportId: report.id, author: 'reporter', sealed, createdAt });
          // Unread in the queue until a worker opens the case (it moves up there).
          await tx.update(reports).set({ reporterUnreadAt: createdAt }).where(eq(reports.id, report.id));
          return { statusCode: 201, response: { id, createdAt: createdAt.toISOString() } };
        },
      );
      return reply.code(result.statusCode === 201 ? 201 : 200).send(result.response);
    },
  );
};
