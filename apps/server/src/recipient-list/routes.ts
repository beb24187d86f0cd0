import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../app-deps.ts';
import { appendAudit } from '../audit/append-audit.ts';
import type { Db } from '../db/open-database.ts';
import { Problem } from '../http/problem.ts';
import { activeHelplineRecipients } from '../services/helpline.ts';
import { requirePermission } from '../staff/session-cookie.ts';
import type { StaffPolicy } from '../staff/staff-policy.ts';
import { latestSignedList, storeSignedList } from './signed-list.ts';

/**
 * The helpline's recipient list, for administrators. Their browser signs it with the anchor key they
 * hold; the server only checks and stores what was signed, so it can never add a recipient itself.
 */
export const recipientListRoutes: FastifyPluginAsyncZod<{ deps: AppDeps; policy: StaffPolicy }> = async (
  app,
  { deps, policy },
) => {
  const { db } = deps;

  app.get(
    '/recipient-list',
    {
      schema: {
        summary: 'The signed recipient list and the recipients it should hold (admins)',
        tags: ['staff'],
        response: {
          200: z.object({
            signed: z.unknown(),
            activeRecipients: z.array(z.string()),
            trustAnchors: z.array(z.string()),
          }),
        },
      },
    },
    async (request) => {
      const admin = await requirePermission(db, policy, request, 'worker.manage');
      return {
        signed: await latestSignedList(db, admin.helplineId),
        activeRecipients: await activeHelplineRecipients(db, admin.helplineId, deps.pack),
        trustAnchors: deps.pack.trustAnchors,
      };
    },
  );

  app.post(
    '/recipient-list',
    {
      schema: {
        summary: 'Store a recipient list an administrator signed in the browser (admins)',
        tags: ['staff'],
        body: z.object({
          list: z.record(z.string(), z.unknown()),
          signature: z.string().max(200),
          signedBy: z.string().max(100),
        }),
        response: { 201: z.object({ sequence: z.number().int() }) },
      },
    },
    async (request, reply) => {
      const admin = await requirePermission(db, policy, request, 'worker.manage');
      const now = new Date();
      const stored = await db.transaction(async (tx) => {
        const result = await storeSignedList(
          tx as Db,
          deps.pack,
          admin.helplineId,
          request.body,
          admin.id,
          now,
        );
        if (result.ok) {
          await appendAudit(
            tx as Db,
            {
              actor: `worker:${admin.id}`,
              action: 'recipient-list.sign',
              detail: { sequence: result.sequence },
            },
            now,
          );
        }
        return result;
      });
      if (!stored.ok) {
        throw new Problem(
          422,
          stored.code,
          stored.code === 'recipient-list.stale'
            ? 'A newer recipient list is already stored'
            : "This list is not signed by one of the pack's trust anchors, or it is not valid now",
        );
      }
      return reply.code(201).send({ sequence: stored.sequence });
    },
  );
};
