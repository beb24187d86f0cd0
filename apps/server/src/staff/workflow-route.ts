import { REPORT_STATES } from '@vangnet/core';
import { DEFAULT_STATUS_TRANSITIONS } from '@vangnet/core/permissions/status-change';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../db/open-database.ts';
import { requirePermission } from './session-cookie.ts';
import type { StaffPolicy } from './staff-policy.ts';

/**
 * The pack's status workflow for the console (mounted at `/api/v1/staff`). It is staff-only (the public
 * pack leaves staff rules out), and the console needs it before the first submit: a step's required
 * fields, such as the reporter's consent to a referral, are asked for up front, not after a 422.
 */
export const workflowRoute: FastifyPluginAsyncZod<{ db: Db; policy: StaffPolicy }> = async (
  app,
  { db, policy },
) => {
  app.get(
    '/workflow',
    {
      schema: {
        summary: 'The status changes this helpline allows and the fields each one requires',
        tags: ['staff'],
        response: {
          200: z.object({
            transitions: z.array(
              z.object({
                from: z.array(z.enum(REPORT_STATES)),
                to: z.enum(REPORT_STATES),
                requires: z.array(z.string()),
              }),
            ),
          }),
        },
      },
    },
    async (request) => {
      await requirePermission(db, policy, request, 'case.read');
      const transitions = policy.transitions ?? DEFAULT_STATUS_TRANSITIONS;
      return {
        transitions: transitions.map((t) => ({
          from: [...t.from],
          to: t.to,
          requires: [...(t.requires ?? [])],
        })),
      };
    },
  );
};
