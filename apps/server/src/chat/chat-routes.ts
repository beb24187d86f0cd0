import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../app-deps.ts';
import { staffPolicyOf } from '../staff/staff-policy.ts';
import { ChatHub } from './chat-hub.ts';
import type { OpenStreams } from './chat-stream.ts';
import { childChatRoutes } from './child-routes.ts';
import { staffChatRoutes } from './staff-chat-routes.ts';

/**
 * Live chat (issue 16): the child's routes under `/api/v1`, the counsellor's under `/api/v1/staff`
 * (behind the staff session gate), one fan-out hub shared by both. Open streams end when the server
 * closes, so a restart is a dropped connection the clients resume from.
 */
export const chatRoutes: FastifyPluginAsyncZod<{ deps: AppDeps; hub?: ChatHub }> = async (
  app,
  { deps, hub },
) => {
  const shared = hub ?? new ChatHub();
  const streams: OpenStreams = new Set();
  app.addHook('preClose', async () => {
    for (const end of [...streams]) end();
  });
  await app.register(childChatRoutes, { deps, hub: shared, streams, prefix: '/api/v1' });
  await app.register(staffChatRoutes, {
    deps,
    hub: shared,
    streams,
    policy: staffPolicyOf(deps.pack),
    prefix: '/api/v1/staff',
  });
};
