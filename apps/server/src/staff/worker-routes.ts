import { STAFF_ROLES } from '@vangnet/core/permissions/permissions';
import { fromBase64, isRecipient } from '@vangnet/crypto';
import { and, asc, eq } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../app-deps.ts';
import { workers } from '../db/schema/index.ts';
import { base64Schema } from '../http/base64-schema.ts';
import { Problem } from '../http/problem.ts';
import { requirePermission } from './session-cookie.ts';
import { emailSchema, workerSchema } from './sign-in-routes.ts';
import type { StaffPolicy } from './staff-policy.ts';
import { isTotpSecret } from './totp.ts';
import { createWorker, disableWorker, EmailTakenError } from './workers.ts';

/**
 * Accounts, for administrators. The admin's browser does the key work: it derives the new worker's
 * authKey and unwrapKey from a first password and wraps the helpline identity under that unwrapKey,
 * so the server never holds anything that opens a report.
 */
export const workerRoutes: FastifyPluginAsyncZod<{ deps: AppDeps; policy: StaffPolicy }> = async (
  app,
  { deps, policy },
) => {
  const { db } = deps;

  app.get(
    '/workers',
    {
      schema: {
        summary: "This helpline's workers (to assign cases)",
        tags: ['staff'],
        response: {
          200: z.object({
            workers: z.array(
              z.object({
                id: z.string(),
                email: z.string(),
                role: z.enum(STAFF_ROLES),
                disabled: z.boolean(),
              }),
            ),
          }),
        },
      },
    },
    async (request) => {
      const worker = await requirePermission(db, policy, request, 'case.assign');
      const rows = await db
        .select({ id: workers.id, email: workers.email, role: workers.role, disabledAt: workers.disabledAt })
        .from(workers)
        .where(eq(workers.helplineId, worker.helplineId))
        .orderBy(asc(workers.email));
      return {
        workers: rows.map((r) => ({
          id: r.id,
          email: r.email,
          role: r.role as (typeof STAFF_ROLES)[number],
          disabled: r.disabledAt !== null,
        })),
      };
    },
  );

  app.post(
    '/workers',
    {
      schema: {
        summary: 'Add a worker to this helpline (admins)',
        tags: ['staff'],
        body: z.object({
          email: emailSchema,
          role: z.enum(STAFF_ROLES),
          kdfSalt: z.string().regex(/^(?:[0-9a-fA-F]{2}){16,64}$/, '16 to 64 bytes of hex'),
          authKey: z.string().regex(/^[0-9a-fA-F]{64}$/, '64 hex characters'),
          totpSecret: z.string().refine(isTotpSecret, 'a base32 TOTP secret of at least 80 bits'),
          wrappedHelplineKey: base64Schema.min(1).max(8192),
          /** The recipient of the personal identity the admin's browser put in the new keyring. */
          personalRecipient: z.string().max(100).refine(isRecipient, 'an age recipient').optional(),
        }),
        response: { 201: z.object({ worker: workerSchema }) },
      },
      config: {
        problemCodes: { 'body.role': 'worker.unknown-role', 'body.totpSecret': 'worker.bad-totp-secret' },
      },
    },
    async (request, reply) => {
      const admin = await requirePermission(db, policy, request, 'worker.manage');
      const { wrappedHelplineKey, personalRecipient, ...rest } = request.body;
      try {
        const worker = await createWorker(
          db,
          {
            ...rest,
            helplineId: admin.helplineId,
            wrappedHelplineKey: fromBase64(wrappedHelplineKey),
            personalRecipient: personalRecipient ?? null,
          },
          `worker:${admin.id}`,
        );
        return reply.code(201).send({ worker });
      } catch (error) {
        if (error instanceof EmailTakenError) {
          throw new Problem(409, 'worker.email-taken', 'A worker with this e-mail already exists');
        }
        throw error;
      }
    },
  );

  app.post(
    '/workers/:id/disable',
    {
      schema: {
        summary: 'Disable a worker of this helpline and end their sessions (admins)',
        tags: ['staff'],
        params: z.object({ id: z.string().min(1).max(100) }),
        response: { 200: z.object({ disabled: z.literal(true) }) },
      },
    },
    async (request) => {
      const admin = await requirePermission(db, policy, request, 'worker.manage');
      if (request.params.id === admin.id) {
        throw new Problem(
          422,
          'worker.cannot-disable-self',
          'Ask another administrator to disable your account',
        );
      }
      const [target] = await db
        .select({ id: workers.id })
        .from(workers)
        .where(and(eq(workers.id, request.params.id), eq(workers.helplineId, admin.helplineId)));
      if (!target || !(await disableWorker(db, target.id, `worker:${admin.id}`))) {
        throw new Problem(404, 'worker.not-found', 'There is no such worker here');
      }
      return { disabled: true as const };
    },
  );
};
