import rateLimit from '@fastify/rate-limit';
import Fastify, { type FastifyInstance } from 'fastify';
import { serializerCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { type AppDeps, defaultLimits } from './app-deps.ts';
import { buildRoutes } from './builds/routes.ts';
import { chatRoutes } from './chat/chat-routes.ts';
import { registerApiDocsRoutes, registerOpenApi } from './http/api-docs.ts';
import { reporterShell, withBrand } from './http/app-shell.ts';
import { createClientKeyer } from './http/client-key.ts';
import { loggerOptions, RequestLogController } from './http/logging.ts';
import {
  frameworkErrorOptions,
  notFoundProblem,
  Problem,
  registerProblemHandling,
  sendProblem,
} from './http/problem.ts';
import { registerSecurityHeaders } from './http/security-headers.ts';
import { registerStaticApps } from './http/static-apps.ts';
import { trustProxyOption } from './http/trust-proxy.ts';
import { validatorCompiler } from './http/validation.ts';
import { knownHashRoutes } from './known-hashes/routes.ts';
import { liveRoutes } from './live/live-routes.ts';
import { registerMetrics } from './metrics/metrics.ts';
import { registerPlatformNoticeRoutes } from './platform-notices/wire.ts';
import { registerReferralRoutes } from './referrals/wire.ts';
import { retentionRoutes } from './retention/routes.ts';
import { configRoutes } from './routes/config.ts';
import { healthRoutes } from './routes/health.ts';
import { reportRoutes } from './routes/reports.ts';
import { uploadRoutes } from './routes/uploads.ts';
import { memoryLimits } from './shared-limits/memory-limits.ts';
import { staffRoutes } from './staff/routes.ts';
import { registerStaffSessionGate } from './staff/session-gate.ts';
import { registerStatistics } from './statistics/wire.ts';

export type { AppDeps } from './app-deps.ts';

/**
 * The HTTP app, without listening: tests call `app.inject()`, `startServer` calls `listen()`.
 * Route modules are plain Fastify plugins that get `deps` as an option.
 */
export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const limits = { ...defaultLimits, ...deps.limits };
  // One process counts in memory; replicas share the counts (and the day's address key) in the database or Redis.
  // Kept on `deps` itself (not a copy for the staff routes): every route reads the same deps object.
  deps.shared ??= memoryLimits();
  const shared = deps.shared;
  const clientKey = createClientKeyer(shared.daySecret);
  const app = Fastify({
    ...(deps.logger
      ? { loggerInstance: deps.logger }
      : { logger: loggerOptions(deps.config.logLevel, deps.logStream) }),
    // No client address in any line, no request line for the reporter's routes (http/logging.ts).
    logController: new RequestLogController(),
    trustProxy: trustProxyOption(deps.config.trustProxy),
    // Sealed report bodies are small; evidence goes through tus, which reads the raw stream.
    bodyLimit: 1024 * 1024,
    // Request ids in logs, never anything from the request itself.
    genReqId: () => crypto.randomUUID(),
    ...frameworkErrorOptions,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerProblemHandling(app);
  // Before any route, so every one is counted; serves /metrics only when configured.
  registerMetrics(app, deps);

  await registerSecurityHeaders(app);
  await app.register(rateLimit, {
    global: true,
    max: limits.perIpPerMinute,
    timeWindow: '1 minute',
    // Counted by a keyed hash of the address, never the address (http/client-key.ts).
    keyGenerator: (request) => clientKey(request.ip),
    ...shared.rateLimitStore,
    // Redis away: requests go through uncounted rather than fail (the sign-in counters still refuse).
    skipOnError: shared.kind === 'redis',
    // Thrown into the error handler, which answers problem+json.
    errorResponseBuilder: () => new Problem(429, 'rate-limited', 'Too many requests; try again later'),
  });
  await registerOpenApi(app);

  registerStaffSessionGate(app, deps.db);
  await app.register(healthRoutes, { deps });
  await app.register(configRoutes, { deps, prefix: '/api/v1' });
  await app.register(buildRoutes, { deps, prefix: '/api/v1' });
  await app.register(reportRoutes, { deps, limits, prefix: '/api/v1' });
  await app.register(uploadRoutes, { deps, limits, prefix: '/api/v1' });
  await app.register(staffRoutes, { deps, clientKey, prefix: '/api/v1/staff' });
  await app.register(liveRoutes, { deps, prefix: '/api/v1/staff' });
  await app.register(knownHashRoutes, { deps, prefix: '/api/v1/staff' });
  await app.register(retentionRoutes, { deps, prefix: '/api/v1/staff' });
  await app.register(chatRoutes, { deps });
  await registerReferralRoutes(app, deps);
  await registerPlatformNoticeRoutes(app, deps);
  await registerStatistics(app, deps);
  registerApiDocsRoutes(app);
  const spaIndex = deps.staticApps
    ? await registerStaticApps(
        app,
        deps.staticApps,
        // Without a loaded pack (tests with a minimal one) the page is served as built.
        deps.pack.countryPack
          ? {
              '/': (html) => reporterShell(html, deps.pack.countryPack!),
              '/console/': (html) => withBrand(html, deps.pack.countryPack!),
            }
          : {},
      )
    : undefined;
  app.setNotFoundHandler((request, reply) => {
    if (spaIndex?.(request, reply)) return reply;
    return sendProblem(reply, notFoundProblem());
  });
  return app;
}
