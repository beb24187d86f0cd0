import { createHash } from 'node:crypto';
import { setTimeout } from 'node:timers/promises';
import { permissionsOf, STAFF_ROLES } from '@vangnet/core/permissions/permissions';
import { toBase64 } from '@vangnet/crypto';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { type AppDeps, defaultLimits } from '../app-deps.ts';
import { appendAudit } from '../audit/append-audit.ts';
import { Problem } from '../http/problem.ts';
import { passkeyCount, passkeyRequired } from './passkeys.ts';
import { clearSessionCookie, readSessionToken, requireWorker, setSessionCookie } from './session-cookie.ts';
import { PUBLIC_STAFF_BODY_LIMIT } from './session-gate.ts';
import { endSession, type SessionScope, startSession } from './sessions.ts';
import { preloginSalt, signIn } from './sign-in.ts';
import { SignInThrottle } from './sign-in-throttle.ts';
import type { StaffPolicy } from './staff-policy.ts';
import { normaliseEmail, workerView } from './workers.ts';

export const emailSchema = z
  .string()
  .trim()
  .min(3)
  .max(254)
  .regex(/^[^\s@]+@[^\s@]+$/, 'an e-mail address');
export const workerSchema = z.object({
  id: z.string(),
  email: z.string(),
  role: z.enum(STAFF_ROLES),
  helplineId: z.string(),
  country: z.string(),
  displayName: z.string().nullish(),
});

function tooMany(retryAfterMs: number): Problem {
  const minutes = Math.max(1, Math.ceil(retryAfterMs / 60_000));
  return new Problem(
    429,
    'staff.too-many-attempts',
    'Too many sign-in attempts',
    `Try again in ${minutes} minutes.`,
  );
}

/** prelogin, login, logout, me. */
export const signInRoutes: FastifyPluginAsyncZod<{
  deps: AppDeps;
  policy: StaffPolicy;
  clientKey: (address: string) => Promise<string>;
}> = async (app, { deps, policy, clientKey }) => {
  const { db } = deps;
  // Stable across restarts (so a fake salt does not change and give itself away), secret to outsiders.
  const preloginSecret = createHash('sha256')
    .update('vangnet/staff/prelogin-salt/v1\0')
    .update(deps.signingKey.privateKey)
    .digest();
  const throttle = new SignInThrottle({ ...defaultLimits, ...deps.limits }, deps.shared?.attempts, 'sign-in');
  const accountKey = (email: string) => createHash('sha256').update(normaliseEmail(email)).digest('hex');

  app.post(
    '/prelogin',
    {
      bodyLimit: PUBLIC_STAFF_BODY_LIMIT,
      schema: {
        summary: 'The salt the browser derives the sign-in keys with (a stable fake one for unknown e-mails)',
        tags: ['staff'],
        body: z.object({ email: emailSchema }),
        response: { 200: z.object({ kdfSalt: z.string() }) },
      },
    },
    async (request) => ({ kdfSalt: await preloginSalt(db, preloginSecret, request.body.email) }),
  );

  app.post(
    '/login',
    {
      bodyLimit: PUBLIC_STAFF_BODY_LIMIT,
      schema: {
        summary: 'Sign in with the derived authKey and a TOTP code; sets the session cookie',
        tags: ['staff'],
        body: z.object({
          email: emailSchema,
          authKey: z.string().regex(/^[0-9a-fA-F]{64}$/, '64 hex characters'),
          totp: z.string().regex(/^\d{6}$/, '6 digits'),
        }),
        response: {
          200: z.object({
            worker: workerSchema,
            wrappedHelplineKey: z.string().nullable(),
            /** Passkeys are required and the worker has none: this session may only add one. */
            mustAddPasskey: z.boolean(),
          }),
        },
      },
    },
    async (request, reply) => {
      const account = accountKey(request.body.email);
      // As every other limit: one IPv6 subnet (which one client holds whole) counts as one address.
      const address = await clientKey(request.ip);
      const decision = await throttle.before(account, address);
      if ('refuseForMs' in decision) {
        reply.header('retry-after', String(Math.ceil(decision.refuseForMs / 1000)));
        throw tooMany(decision.refuseForMs);
      }
      if (decision.delayMs > 0) await setTimeout(decision.delayMs);
      const now = new Date();
      const result = await signIn(db, request.body, now);
      if ('failure' in result) {
        await throttle.failed(account, address, result.failure);
        throw new Problem(401, 'staff.login-failed', 'The e-mail, password or code is not right');
      }
      const row = result.worker;
      await throttle.succeeded(account, address);
      // Checked only after the password and code were right, so the answer tells a stranger nothing.
      let scope: SessionScope = 'full';
      if (await passkeyRequired(db, row.id)) {
        if ((await passkeyCount(db, row.id)) > 0) {
          throw new Problem(403, 'staff.passkey-required', 'Sign in with your passkey');
        }
        // No passkey yet: the password signs in once more, to add one and nothing else.
        scope = 'passkey-enrolment';
      }
      const token = await startSession(db, row.id, now, scope);
      await appendAudit(db, { actor: `worker:${row.id}`, action: 'staff.login' }, now);
      setSessionCookie(request, reply, token);
      return {
        worker: await workerView(db, row),
        wrappedHelplineKey: row.wrappedHelplineKey ? toBase64(row.wrappedHelplineKey) : null,
        mustAddPasskey: scope === 'passkey-enrolment',
      };
    },
  );

  app.post(
    '/logout',
    {
      bodyLimit: PUBLIC_STAFF_BODY_LIMIT,
      schema: { summary: 'End the session', tags: ['staff'], response: { 204: z.null() } },
    },
    async (request, reply) => {
      const token = readSessionToken(request);
      if (token) await endSession(db, token);
      clearSessionCookie(request, reply);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/me',
    {
      schema: {
        summary: 'The signed-in worker and what their role may do',
        tags: ['staff'],
        response: { 200: z.object({ worker: workerSchema, permissions: z.array(z.string()) }) },
      },
    },
    async (request) => {
      const worker = await requireWorker(db, request);
      return { worker, permissions: [...permissionsOf(worker.role, policy.permissions)] };
    },
  );
};
