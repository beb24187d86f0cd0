import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ActivePack } from '../active-pack.ts';
import type { PublicStatistics } from './public-statistics.ts';
import { renderStatisticsPage, STATISTICS_CSS } from './statistics-page.ts';

/** `/statistics`: the public page, server-rendered in the language asked for (`?lang=`), no script. */
export const statisticsPageRoutes: FastifyPluginAsyncZod<{
  statistics: () => Promise<PublicStatistics>;
  pack: ActivePack;
}> = async (app, { statistics, pack }) => {
  app.get(
    '/statistics',
    {
      schema: {
        summary: 'Public statistics page (HTML, every language of the pack)',
        tags: ['public'],
        querystring: z.object({
          lang: z
            .string()
            .regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$/)
            .optional(),
        }),
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'public, max-age=300').type('text/html; charset=utf-8');
      return renderStatisticsPage(await statistics(), pack, request.query.lang);
    },
  );
  app.get('/statistics.css', { schema: { hide: true } }, async (_request, reply) => {
    reply.header('cache-control', 'public, max-age=3600').type('text/css; charset=utf-8');
    return STATISTICS_CSS;
  });
};
