import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../app-deps.ts';
import { ensureHelpline } from '../services/helpline.ts';
import { computePublicStatistics, type PublicStatistics } from './public-statistics.ts';
import { statisticsCsv } from './statistics-csv.ts';
import { publicStatisticsSchema, statisticsJsonSchema } from './statistics-schema.ts';

/** How long computed figures are reused: the figures change slowly, and a public page must not cost a scan per visit. */
export const STATISTICS_CACHE_MS = 5 * 60_000;

/** Figures computed at most once per `cacheMs` per process; concurrent requests share one computation. */
export function statisticsSource(
  deps: AppDeps,
  cacheMs = STATISTICS_CACHE_MS,
  clock: () => Date = () => new Date(),
) {
  let cached: { at: number; doc: Promise<PublicStatistics> } | undefined;
  return (): Promise<PublicStatistics> => {
    const now = clock();
    if (!cached || now.getTime() - cached.at >= cacheMs) {
      const doc = ensureHelpline(deps.db, deps.pack).then((id) =>
        computePublicStatistics(deps.db, deps.pack, id, now),
      );
      cached = { at: now.getTime(), doc };
      // A failed computation (database briefly down) is not kept.
      doc.catch(() => {
        if (cached?.doc === doc) cached = undefined;
      });
    }
    return cached.doc;
  };
}

/** Mounted at `/api/v1/public`: the open data, no sign-in, figures only. */
export const publicStatisticsRoutes: FastifyPluginAsyncZod<{
  statistics: () => Promise<PublicStatistics>;
}> = async (app, { statistics }) => {
  app.get(
    '/statistics',
    {
      schema: {
        summary: 'Public statistics as open data (k-anonymous figures from clear metadata)',
        tags: ['public'],
        response: { 200: publicStatisticsSchema },
      },
    },
    async (_request, reply) => {
      reply.header('cache-control', 'public, max-age=300');
      return statistics();
    },
  );
  app.get(
    '/statistics.csv',
    { schema: { summary: 'Public statistics as CSV: table,group,period,measure,value', tags: ['public'] } },
    async (_request, reply) => {
      reply
        .header('cache-control', 'public, max-age=300')
        .header('content-disposition', 'inline; filename="statistics.csv"')
        .type('text/csv; charset=utf-8');
      return statisticsCsv(await statistics());
    },
  );
  app.get(
    '/statistics.schema.json',
    { schema: { summary: 'JSON Schema of the public statistics document', tags: ['public'] } },
    async (_request, reply) => {
      reply.type('application/schema+json');
      return JSON.stringify(statisticsJsonSchema(), null, 2);
    },
  );
};
