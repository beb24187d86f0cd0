import { eq } from 'drizzle-orm';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../app-deps.ts';
import { caseFeedback } from '../db/schema/index.ts';
import { Problem } from '../http/problem.ts';
import { bearerHeaders } from '../routes/report-schemas.ts';
import { reportForToken } from '../services/reporter-auth.ts';
import { FEEDBACK_ANSWERS } from './count-metadata.ts';

const answer = z.enum(FEEDBACK_ANSWERS).nullable().optional();
const feedbackBody = z.object({ heard: answer, helped: answer, fastEnough: answer });
const feedbackAnswer = z.object({
  heard: z.enum(FEEDBACK_ANSWERS).nullable(),
  helped: z.enum(FEEDBACK_ANSWERS).nullable(),
  fastEnough: z.enum(FEEDBACK_ANSWERS).nullable(),
});

const problemCodes = {
  'body.heard': 'feedback.invalid-answer',
  'body.helped': 'feedback.invalid-answer',
  'body.fastEnough': 'feedback.invalid-answer',
};

/**
 * "Did this help?" (issue 12): after a case closed, its reporter may answer three questions, each optional.
 * The answers are coarse (yes / partly / no) and stored in clear on the closed case only; they carry nothing
 * about the reporter and feed the public figures. PUT replaces, so a retry or a changed mind never counts
 * twice. Same access token and limits as every follow-up route.
 */
export const feedbackRoutes: FastifyPluginAsyncZod<{
  deps: AppDeps;
  perIp: { max: number; timeWindow: string };
  perToken: (request: FastifyRequest, reply: FastifyReply) => Promise<void>;
}> = async (app, { deps, perIp, perToken }) => {
  const common = { headers: bearerHeaders, security: [{ accessToken: [] }], tags: ['reporter'] };
  app.put(
    '/reports/self/feedback',
    {
      schema: {
        ...common,
        summary: 'Answer "did this help?" for a closed case (optional, anonymous, replaces earlier answers)',
        body: feedbackBody,
        response: { 200: feedbackAnswer },
      },
      config: { rateLimit: perIp, problemCodes },
      onRequest: perToken,
    },
    async (request) => {
      const report = await reportForToken(deps.db, request.headers.authorization);
      if (report.status !== 'closed')
        throw new Problem(409, 'feedback.case-open', 'These questions open once the case is closed');
      const values = {
        heard: request.body.heard ?? null,
        helped: request.body.helped ?? null,
        fastEnough: request.body.fastEnough ?? null,
      };
      await deps.db
        .insert(caseFeedback)
        .values({ reportId: report.id, ...values, answeredAt: new Date() })
        .onConflictDoUpdate({ target: caseFeedback.reportId, set: { ...values, answeredAt: new Date() } });
      return values;
    },
  );
  app.get(
    '/reports/self/feedback',
    {
      schema: {
        ...common,
        summary: 'The answers given to "did this help?" for this case, if any',
        response: { 200: feedbackAnswer.extend({ open: z.boolean() }) },
      },
      config: { rateLimit: perIp },
      onRequest: perToken,
    },
    async (request) => {
      const report = await reportForToken(deps.db, request.headers.authorization);
      const [row] = await deps.db.select().from(caseFeedback).where(eq(caseFeedback.reportId, report.id));
      return {
        open: report.status === 'closed',
        heard: (row?.heard ?? null) as (typeof FEEDBACK_ANSWERS)[number] | null,
        helped: (row?.helped ?? null) as (typeof FEEDBACK_ANSWERS)[number] | null,
        fastEnough: (row?.fastEnough ?? null) as (typeof FEEDBACK_ANSWERS)[number] | null,
      };
    },
  );
};
