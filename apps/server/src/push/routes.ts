import { PUSH_LANGS, pushLangOf } from '@vangnet/core/push/news';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../app-deps.ts';
import { Problem } from '../http/problem.ts';
import { bearerHeaders } from '../routes/report-schemas.ts';
import { reportForToken } from '../services/reporter-auth.ts';
import { isAllowedPushEndpoint } from './endpoint.ts';
import { hasSubscription, removeSubscription, saveSubscription } from './subscriptions.ts';

const base64url = (length: number) => z.string().regex(new RegExp(`^[A-Za-z0-9_-]{${length}}$`));

const subscribeBody = z.object({
  endpoint: z.string().max(2048),
  // The browser's P-256 key (65 bytes) and auth secret (16 bytes), base64url without padding.
  keys: z.object({ p256dh: base64url(87), auth: base64url(22) }),
  lang: z.enum(PUSH_LANGS),
});

const problemCodes = {
  'body.endpoint': 'push.invalid-subscription',
  'body.keys.p256dh': 'push.invalid-subscription',
  'body.keys.auth': 'push.invalid-subscription',
  'body.lang': 'push.invalid-language',
};

const unavailable = () => new Problem(404, 'push.unavailable', 'This server does not send notifications');

/**
 * The reporter's opt-in to "there is news" notifications, with the access token as on every follow-up
 * route. The endpoint is contact-like data: never logged (reporter routes get no request lines), never
 * echoed back, stored sealed.
 */
export const pushRoutes: FastifyPluginAsyncZod<{
  deps: AppDeps;
  perIp: { max: number; timeWindow: string };
  perToken: (request: FastifyRequest, reply: FastifyReply) => Promise<void>;
}> = async (app, { deps, perIp, perToken }) => {
  const common = {
    headers: bearerHeaders,
    security: [{ accessToken: [] }],
    tags: ['reporter'],
  };

  app.get(
    '/reports/self/push',
    {
      schema: {
        ...common,
        summary: 'Whether this report has a device that gets notifications',
        response: { 200: z.object({ enabled: z.boolean(), vapidPublicKey: z.string().optional() }) },
      },
      config: { rateLimit: perIp },
      onRequest: perToken,
    },
    async (request) => {
      const report = await reportForToken(deps.db, request.headers.authorization);
      return {
        enabled: deps.push ? await hasSubscription(deps.db, report.id) : false,
        ...(deps.push ? { vapidPublicKey: deps.push.vapid.publicKey } : {}),
      };
    },
  );

  app.put(
    '/reports/self/push',
    {
      schema: {
        ...common,
        summary: 'Turn on notifications for this report on this device (replaces an earlier device)',
        body: subscribeBody,
        response: { 204: z.null() },
      },
      config: { rateLimit: perIp, problemCodes },
      onRequest: perToken,
    },
    async (request, reply) => {
      const report = await reportForToken(deps.db, request.headers.authorization);
      if (!deps.push) throw unavailable();
      const { endpoint, keys, lang } = request.body;
      if (!isAllowedPushEndpoint(endpoint, deps.push.extraOrigins)) {
        throw new Problem(
          422,
          'push.endpoint-not-allowed',
          'This push service is not one the server sends to',
        );
      }
      await saveSubscription(
        deps.db,
        deps.push.subscriptionKey,
        report.id,
        { endpoint, keys },
        pushLangOf(lang),
      );
      return reply.code(204).send(null);
    },
  );

  app.delete(
    '/reports/self/push',
    {
      schema: {
        ...common,
        summary: 'Turn notifications off for this report (idempotent)',
        response: { 204: z.null() },
      },
      config: { rateLimit: perIp },
      onRequest: perToken,
    },
    async (request, reply) => {
      const report = await reportForToken(deps.db, request.headers.authorization);
      await removeSubscription(deps.db, report.id);
      return reply.code(204).send(null);
    },
  );
};
