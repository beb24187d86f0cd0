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
      schema: { summary: 'The database answers', tags: ['health'], response: { 200: ok } },
      config: { rateLimit: false },
    },
    async () => {
      if (!(await pingDatabase(deps.db))) throw new Problem(503, 'not-ready', 'The database does not answer');
      return { status: 'ok' as const };
    },
  );
};
