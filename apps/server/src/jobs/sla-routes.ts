import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../app-deps.ts';
import { requirePermission } from '../staff/session-cookie.ts';
import { staffPolicyOf } from '../staff/staff-policy.ts';
import { measureFirstContacts } from './first-contact-lead-times.ts';
import { overdueCases, overdueReferrals, remindersFor } from './sla-watch.ts';

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

  app.get(
    '/reminders',
    {
      schema: {
        summary: 'Reminders and escalations sent to the signed-in worker whose step is still missing',
        tags: ['staff'],
        response: {
          200: z.object({
            reminders: z.array(
              z.object({
                caseId: z.string(),
                kind: z.enum(['first-contact', 'partner-confirmation']),
                step: z.enum(['reminder', 'escalation']),
                deadline: z.string(),
                at: z.string(),
                referralId: z.string().optional(),
                serviceId: z.string().optional(),
              }),
            ),
          }),
        },
      },
    },
    async (request) => {
      const worker = await requirePermission(deps.db, policy, request, 'case.list');
      return { reminders: await remindersFor(deps.db, worker.helplineId, worker.id) };
    },
  );

  app.get(
    '/sla/first-contact',
    {
      schema: {
        summary: 'Measured first-contact lead times of cases received since a date (figures only)',
        tags: ['staff'],
        querystring: z.object({ since: z.coerce.date() }),
        response: {
          200: z.object({
            cases: z.number(),
            contacted: z.number(),
            medianMs: z.number().nullable(),
            withinTarget: z.number().nullable(),
          }),
        },
      },
    },
    async (request) => {
      const worker = await requirePermission(deps.db, policy, request, 'stats.read');
      return measureFirstContacts(deps.db, policy, worker.helplineId, request.query.since);
    },
  );
};
