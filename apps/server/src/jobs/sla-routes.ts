import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../app-deps.ts';
import { requirePermission } from '../staff/session-cookie.ts';
import { staffPolicyOf } from '../staff/staff-policy.ts';
import { overdueCases, overdueReferrals } from './sla-watch.ts';

/** Mounted at `/api/v1/staff`: the cases a supervisor must act on because a first-contact target passed. */
export const slaRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  const policy = staffPolicyOf(deps.pack.countryPack ?? deps.pack);
  app.get(
    '/sla/overdue',
    {
      schema: {
        summary:
          'Cases past their first-contact target, and referrals no partner confirmed in time (supervisors)',
        tags: ['staff'],
        response: {
          200: z.object({
            cases: z.array(z.object({ caseId: z.string(), deadline: z.string(), escalatedAt: z.string() })),
            referrals: z.array(
              z.object({
                referralId: z.string(),
                caseId: z.string(),
                serviceId: z.string(),
                deadline: z.string(),
                escalatedAt: z.string(),
              }),
            ),
          }),
        },
      },
    },
    async (request) => {
      const worker = await requirePermission(deps.db, policy, request, 'case.audit');
      return {
        cases: await overdueCases(deps.db, worker.helplineId),
        referrals: await overdueReferrals(deps.db, worker.helplineId),
      };
    },
  );
};
