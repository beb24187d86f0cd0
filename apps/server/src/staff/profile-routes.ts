import { eq } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../app-deps.ts';
import { appendAudit } from '../audit/append-audit.ts';
import { workers } from '../db/schema/index.ts';
import { requireWorker } from './session-cookie.ts';
import { PUBLIC_STAFF_BODY_LIMIT } from './session-gate.ts';
import { workerSchema } from './sign-in-routes.ts';

/**
 * The name a worker signs standard replies with ("Hi! I am Anna from …"). Each worker sets their own;
 * a reporter reads it, so it is a short name, not an e-mail address. The change is audited (without
 * the name itself: the audit log holds bookkeeping only).
 */
export const displayNameSchema = z
  .string()
  .trim()
  .min(1)
  .max(60)
  // Letters, marks, digits, spaces and the punctuation of names; no control characters, no "@".
  .regex(/^[\p{L}\p{M}\p{N} .'’-]+$/u, 'a name');

export const profileRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  const { db } = deps;
  app.put(
    '/me/display-name',
    {
      bodyLimit: PUBLIC_STAFF_BODY_LIMIT,
      config: { problemCodes: { 'body.displayName': 'staff.display-name-invalid' } },
      schema: {
        summary: 'Set the name the signed-in worker signs standard replies with',
        tags: ['staff'],
        body: z.object({ displayName: displayNameSchema }),
        response: { 200: z.object({ worker: workerSchema }) },
      },
    },
    async (request) => {
      const worker = await requireWorker(db, request);
      const { displayName } = request.body;
      if (worker.displayName !== displayName) {
        await db.transaction(async (tx) => {
          await tx.update(workers).set({ displayName }).where(eq(workers.id, worker.id));
          await appendAudit(tx as typeof db, {
            actor: `worker:${worker.id}`,
            action: 'worker.display-name',
            detail: { workerId: worker.id },
          });
        });
      }
      return { worker: { ...worker, displayName } };
    },
  );
};
