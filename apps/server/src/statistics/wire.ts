import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../app-deps.ts';
import { earlyWarningRoutes } from './early-warning-routes.ts';
import { statisticsPageRoutes } from './page-routes.ts';
import { publicStatisticsRoutes, STATISTICS_CACHE_MS, statisticsSource } from './routes.ts';

/** The public figures' routes (issue 12), registered from app.ts in one line. */
export async function registerStatistics(app: FastifyInstance, deps: AppDeps): Promise<void> {
  // The figures' clock is the server's (AppDeps.clock): a test moves it past the cache to see them recomputed.
  const statistics = statisticsSource(deps, deps.statisticsCacheMs ?? STATISTICS_CACHE_MS, deps.clock);
  await app.register(publicStatisticsRoutes, { statistics, prefix: '/api/v1/public' });
  await app.register(statisticsPageRoutes, { statistics, pack: deps.pack });
  await app.register(earlyWarningRoutes, { deps, statistics, prefix: '/api/v1/staff' });
}
