import { and, eq } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../app-deps.ts';
import { appendAudit } from '../audit/append-audit.ts';
import type { Db } from '../db/open-database.ts';
import { earlyWarnings } from '../db/schema/index.ts';
import { Problem } from '../http/problem.ts';
import { requirePermission } from '../staff/session-cookie.ts';
import { staffPolicyOf } from '../staff/staff-policy.ts';
import { openRises } from './early-warnings.ts';
import type { PublicStatistics } from './public-statistics.ts';
import { enqueuePreventionSignals } from './rise-notices.ts';

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
export const earlyWarningRoutes: FastifyPluginAsyncZod<{
  deps: AppDeps;
  statistics: () => Promise<PublicStatistics>;
}> = async (app, { deps, statistics }) => {
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
      const now = new Date();
      const decided = await deps.db.transaction(async (tx) => {
        const updated = await tx
          .update(earlyWarnings)
          .set({ status: request.body.decision, decidedBy: worker.id, decidedAt: now })
          .where(
            and(
              eq(earlyWarnings.id, request.params.id),
              eq(earlyWarnings.helplineId, worker.helplineId),
              eq(earlyWarnings.status, 'open'),
            ),
          )
          .returning({ id: earlyWarnings.id });
        if (updated.length === 0) return false;
        // Released: one prevention signal per partner, queued in the same transaction as the decision.
        const signals =
          request.body.decision === 'released'
            ? await enqueuePreventionSignals(tx as Db, deps.pack.countryPack, request.params.id, now)
            : 0;
        await appendAudit(
          tx as Db,
          {
            actor: worker.id,
            action: `early-warning.${request.body.decision}`,
            detail: { warningId: request.params.id, signals },
          },
          now,
        );
        return true;
      });
      if (!decided) throw new Problem(404, 'early-warning.not-found', 'There is no open rise with this id');
      return { id: request.params.id, status: request.body.decision };
    },
  );
  app.get(
    '/statistics/feedback',
    {
      schema: {
        summary:
          '"Did this help?" results of this helpline, with the same small-cell rules as the public figures',
        tags: ['staff'],
        response: {
          200: z.object({
            k: z.number(),
            quarters: z.array(z.string()),
            feedback: z.record(z.string(), z.record(z.string(), z.record(z.string(), z.number().nullable()))),
          }),
        },
      },
    },
    async (request) => {
      await requirePermission(deps.db, policy, request, 'stats.read');
      const doc = await statistics();
      return {
        k: doc.k,
        quarters: doc.periods.quarters,
        feedback: Object.fromEntries(Object.entries(doc.feedback).map(([q, b]) => [q, b.rows])),
      };
    },
  );
};
