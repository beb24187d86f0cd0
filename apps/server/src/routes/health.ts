import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../app-deps.ts';
import { pingDatabase } from '../db/open-database.ts';
import { Problem } from '../http/problem.ts';

/** Liveness and readiness for load balancers and `npm start`'s own check. */
export const healthRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  const ok = z.object({ status: z.literal('ok') });
  app.get(
    '/healthz',
    {
      schema: { summary: 'The process is up', tags: ['health'], response: { 200: ok } },
      config: { rateLimit: false },
    },
    async () => ({ status: 'ok' as const }),
  );
  app.get(
    '/readyz',
    {
      schema: {
        summary: 'The database and the blob store answer',
        tags: ['health'],
        response: { 200: ok },
      },
      config: { rateLimit: false },
    },
    async () => {
      // Both at once: a probe has a short timeout, and the slower of the two is all it waits for.
      const [database, blobs] = await Promise.all([pingDatabase(deps.db), deps.blobs.ping()]);
      if (!database) throw new Problem(503, 'not-ready', 'The database does not answer');
      if (!blobs) throw new Problem(503, 'not-ready', 'The evidence store does not answer');
      return { status: 'ok' as const };
    },
  );
};
