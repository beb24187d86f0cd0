import { and, eq } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../app-deps.ts';
import { earlyWarnings } from '../db/schema/index.ts';
import { Problem } from '../http/problem.ts';
import { requirePermission } from '../staff/session-cookie.ts';
import { staffPolicyOf } from '../staff/staff-policy.ts';
import { openRises } from './early-warnings.ts';

const rise = z.object({
  id: z.string(),
  dimension: z.string(),
  series: z.string(),
  periodEnd: z.date(),
  current: z.number(),
  expected: z.number(),
  pValue: z.number(),
});

/** Mounted at `/api/v1/staff`: flagged rises for supervisors and analysts; supervisors decide on them. */
export const earlyWarningRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  const policy = staffPolicyOf(deps.pack.countryPack ?? deps.pack);
  app.get(
    '/early-warnings',
    {
      schema: {
        summary: 'Unusual rises the daily check flagged and nobody decided on yet (figures only)',
        tags: ['staff'],
        response: { 200: z.object({ rises: z.array(rise) }) },
      },
    },
    async (request) => {
      const worker = await requirePermission(deps.db, policy, request, 'stats.read');
      const rows = await openRises(deps.db, worker.helplineId);
      return { rises: rows.map((r) => ({ ...r })) };
    },
  );
  app.post(
    '/early-warnings/:id/decision',
    {
      schema: {
        summary:
          'Release a flagged rise (a prevention signal may go out) or dismiss it (supervisors, audited by row)',
        tags: ['staff'],
        params: z.object({ id: z.string().max(64) }),
        body: z.object({ decision: z.enum(['released', 'dismissed']) }),
        response: { 200: z.object({ id: z.string(), status: z.enum(['released', 'dismissed']) }) },
      },
    },
    async (request) => {
      const worker = await requirePermission(deps.db, policy, request, 'case.audit');
      const updated = await deps.db
        .update(earlyWarnings)
        .set({ status: request.body.decision, decidedBy: worker.id, decidedAt: new Date() })
        .where(
          and(
            eq(earlyWarnings.id, request.params.id),
            eq(earlyWarnings.helplineId, worker.helplineId),
            eq(earlyWarnings.status, 'open'),
          ),
        )
        .returning({ id: earlyWarnings.id });
      if (updated.length === 0)
        throw new Problem(404, 'early-warning.not-found', 'There is no open rise with this id');
      return { id: request.params.id, status: request.body.decision };
    },
  );
};
