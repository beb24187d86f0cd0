import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../app-deps.ts';
import { recipientListRoutes } from '../recipient-list/routes.ts';
import { caseRoutes } from './case-routes.ts';
import { keyRotationRoutes } from './key-rotation-routes.ts';
import { passkeyRoutes } from './passkey-routes.ts';
import { profileRoutes } from './profile-routes.ts';
import { signInRoutes } from './sign-in-routes.ts';
import { staffPolicyOf } from './staff-policy.ts';
import { totpKeyOf, useTotpKey } from './totp-at-rest.ts';
import { workerRoutes } from './worker-routes.ts';
import { workflowRoute } from './workflow-route.ts';

/**
 * The staff API, mounted at `/api/v1/staff`: sign-in, the case queue and case work, accounts.
 * Every route checks the session and the role's permission itself; a case outside the worker's
 * helpline is "not found". Responses are never cached: they hold sealed content and case data.
 */
export const staffRoutes: FastifyPluginAsyncZod<{
  deps: AppDeps;
  /** The keyed hash sign-in counts a client's address by (http/client-key.ts). */
  clientKey: (address: string) => Promise<string>;
}> = async (app, { deps, clientKey }) => {
  const policy = staffPolicyOf(deps.pack);
  // Sign-in and new accounts open and seal TOTP secrets with the server's key (totp-at-rest.ts).
  useTotpKey(deps.db, totpKeyOf(deps.signingKey.privateKey));
  app.addHook('onSend', async (_request, reply) => {
    reply.header('cache-control', 'no-store');
  });
  await app.register(signInRoutes, { deps, policy, clientKey });
  await app.register(caseRoutes, { deps, policy });
  await app.register(workerRoutes, { deps, policy });
  await app.register(workflowRoute, { db: deps.db, policy });
  await app.register(profileRoutes, { deps });
  await app.register(passkeyRoutes, { deps, policy, clientKey });
  await app.register(recipientListRoutes, { deps, policy });
  await app.register(keyRotationRoutes, { deps, policy });
};
