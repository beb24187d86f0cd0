import { createHash } from 'node:crypto';
import { setTimeout } from 'node:timers/promises';
import type { AuthenticationResponseJSON, RegistrationResponseJSON } from '@simplewebauthn/server';
import { fromBase64, toBase64 } from '@vangnet/crypto';
import { and, asc, count, eq } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { type AppDeps, defaultLimits } from '../app-deps.ts';
import { appendAudit } from '../audit/append-audit.ts';
import type { Db } from '../db/open-database.ts';
import { helplines, passkeys, workers } from '../db/schema/index.ts';
import { base64Schema } from '../http/base64-schema.ts';
import { Problem } from '../http/problem.ts';
import {
  authenticationOptions,
  finishAuthentication,
  finishRegistration,
  listPasskeys,
  MAX_PASSKEYS,
  passkeyRequired,
  type RelyingParty,
  registrationOptions,
  removePasskey,
} from './passkeys.ts';
import { requirePermission, requireWorker, setSessionCookie } from './session-cookie.ts';
import { PUBLIC_STAFF_BODY_LIMIT } from './session-gate.ts';
import { startSession } from './sessions.ts';
import { workerSchema } from './sign-in-routes.ts';
import { SignInThrottle } from './sign-in-throttle.ts';
import type { StaffPolicy } from './staff-policy.ts';
import { workerView } from './workers.ts';

/**
 * The relying party is the host the console was loaded from. The browser binds the credential to
 * it (the rpIdHash in every signature), so a look-alike site cannot use a worker's passkey. Both
 * schemes are accepted for the origin because behind a TLS proxy the server may see plain HTTP; a
 * browser runs WebAuthn only in a secure context, so an http origin can only be localhost.
 */
function relyingPartyOf(request: FastifyRequest): RelyingParty {
  const host = request.host;
  return {
    id: request.hostname,
    origins: [`https://${host}`, `http://${host}`],
    name: 'Vangnet',
  };
}

const b64url = z
  .string()
  .max(4096)
  .regex(/^[A-Za-z0-9_-]*$/, 'base64url');

/** What `@simplewebauthn/browser` sends; the library checks every byte, zod only the shape and size. */
const registrationResponseSchema = z.object({
  id: b64url.min(1).max(1024),
  rawId: b64url.min(1).max(1024),
  type: z.literal('public-key'),
  response: z.object({
    clientDataJSON: b64url,
    attestationObject: b64url,
    transports: z.array(z.string().max(32)).max(8).optional(),
    publicKeyAlgorithm: z.number().optional(),
    publicKey: b64url.optional(),
    authenticatorData: b64url.optional(),
  }),
  authenticatorAttachment: z.enum(['platform', 'cross-platform']).optional(),
  // PRF results never come here (the browser strips them): they are the key the server must not see.
  clientExtensionResults: z.object({ credProps: z.object({ rk: z.boolean().optional() }).optional() }),
});

const authenticationResponseSchema = z.object({
  id: b64url.min(1).max(1024),
  rawId: b64url.min(1).max(1024),
  type: z.literal('public-key'),
  response: z.object({
    clientDataJSON: b64url,
    authenticatorData: b64url,
    signature: b64url,
    userHandle: b64url.optional(),
  }),
  authenticatorAttachment: z.enum(['platform', 'cross-platform']).optional(),
  clientExtensionResults: z.object({}),
});

const passkeyViewSchema = z.object({
  id: z.string(),
  name: z.string(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  unlocksKeys: z.boolean(),
});

function passkeyView(row: typeof passkeys.$inferSelect): z.infer<typeof passkeyViewSchema> {
  return {
    id: row.id,
    name: row.name,
    createdAt: row.createdAt.toISOString(),
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    unlocksKeys: row.wrappedHelplineKey !== null,
  };
}

const challengeIdSchema = z.string().uuid();
// The WebAuthn options as @simplewebauthn/server makes them (checked by the browser, not by us).
const optionsAnswer = z.object({
  challengeId: z.string(),
  options: z.looseObject({ challenge: z.string() }),
});

/**
 * Passkeys: sign-in with one (public), the signed-in worker's own passkeys (list, add, remove) and the
 * administrator's rule that requires them (per worker, per helpline).
 */
export const passkeyRoutes: FastifyPluginAsyncZod<{
  deps: AppDeps;
  policy: StaffPolicy;
  clientKey: (address: string) => Promise<string>;
}> = async (app, { deps, policy, clientKey }) => {
  const { db } = deps;
  const throttle = new SignInThrottle(
    { ...defaultLimits, ...deps.limits },
    deps.shared?.attempts,
    'passkey-sign-in',
  );
  const accountKey = (credentialId: string) =>
    createHash('sha256').update(`passkey:${credentialId}`).digest('hex');

  app.post(
    '/passkey-login/options',
    {
      bodyLimit: PUBLIC_STAFF_BODY_LIMIT,
      schema: {
        summary: 'A one-time challenge to sign in with a passkey',
        tags: ['staff'],
        response: { 200: optionsAnswer },
      },
    },
    async (request) => authenticationOptions(db, relyingPartyOf(request)),
  );

  app.post(
    '/passkey-login',
    {
      bodyLimit: PUBLIC_STAFF_BODY_LIMIT,
      schema: {
        summary: 'Sign in with a passkey instead of password + TOTP; sets the session cookie',
        tags: ['staff'],
        body: z.object({ challengeId: challengeIdSchema, response: authenticationResponseSchema }),
        response: {
          200: z.object({
            worker: workerSchema,
            kdfSalt: z.string(),
            wrappedHelplineKey: z.string().nullable(),
            passkeyWrappedKey: z.string().nullable(),
          }),
        },
      },
    },
    async (request, reply) => {
      const account = accountKey(request.body.response.id);
      const address = await clientKey(request.ip);
      const decision = await throttle.before(account, address);
      if ('refuseForMs' in decision) {
        reply.header('retry-after', String(Math.ceil(decision.refuseForMs / 1000)));
        throw new Problem(429, 'staff.too-many-attempts', 'Too many sign-in attempts');
      }
      if (decision.delayMs > 0) await setTimeout(decision.delayMs);
      const now = new Date();
      const result = await finishAuthentication(
        db,
        relyingPartyOf(request),
        {
          challengeId: request.body.challengeId,
          response: request.body.response as AuthenticationResponseJSON,
        },
        now,
      );
      if ('refused' in result) {
        await throttle.failed(account, address, 'credentials');
        // One answer for every cause, so the response does not tell which credentials exist.
        throw new Problem(401, 'staff.passkey-failed', 'This passkey could not sign you in');
      }
      await throttle.succeeded(account, address);
      const { worker, passkey } = result;
      const token = await startSession(db, worker.id, now);
      await appendAudit(
        db,
        {
          actor: `worker:${worker.id}`,
          action: 'staff.login',
          detail: { method: 'passkey', passkeyId: passkey.id.slice(0, 100) },
        },
        now,
      );
      setSessionCookie(request, reply, token);
      return {
        worker: await workerView(db, worker),
        kdfSalt: worker.kdfSalt,
        wrappedHelplineKey: worker.wrappedHelplineKey ? toBase64(worker.wrappedHelplineKey) : null,
        passkeyWrappedKey: passkey.wrappedHelplineKey ? toBase64(passkey.wrappedHelplineKey) : null,
      };
    },
  );

  app.get(
    '/passkeys',
    {
      schema: {
        summary: "The signed-in worker's passkeys, and whether they are required",
        tags: ['staff'],
        response: {
          200: z.object({ passkeys: z.array(passkeyViewSchema), required: z.boolean(), max: z.number() }),
        },
      },
    },
    async (request) => {
      const worker = await requireWorker(db, request);
      const rows = await listPasskeys(db, worker.id);
      return {
        passkeys: rows.map(passkeyView),
        required: await passkeyRequired(db, worker.id),
        max: MAX_PASSKEYS,
      };
    },
  );

  app.post(
    '/passkeys/options',
    {
      schema: {
        summary: 'A one-time challenge to add a passkey for the signed-in worker',
        tags: ['staff'],
        response: { 200: optionsAnswer },
      },
    },
    async (request) => {
      const worker = await requireWorker(db, request);
      const { challengeId, options, full } = await registrationOptions(db, relyingPartyOf(request), worker);
      if (full)
        throw new Problem(422, 'passkey.too-many', `A worker can have at most ${MAX_PASSKEYS} passkeys`);
      return { challengeId, options };
    },
  );

  app.post(
    '/passkeys',
    {
      schema: {
        summary: 'Add a passkey for the signed-in worker (audited)',
        tags: ['staff'],
        body: z.object({
          challengeId: challengeIdSchema,
          response: registrationResponseSchema,
          name: z.string().trim().min(1).max(60),
          /** The helpline identity wrapped under the passkey's PRF key, made in the browser. */
          wrappedHelplineKey: base64Schema.min(1).max(4096).nullable(),
        }),
        response: {
          201: z.object({ passkey: passkeyViewSchema }),
          200: z.object({ passkey: passkeyViewSchema }),
        },
      },
      config: { problemCodes: { 'body.name': 'passkey.bad-name' } },
    },
    async (request, reply) => {
      const worker = await requireWorker(db, request);
      const result = await finishRegistration(db, relyingPartyOf(request), worker, {
        challengeId: request.body.challengeId,
        response: request.body.response as RegistrationResponseJSON,
        name: request.body.name,
        wrappedHelplineKey: request.body.wrappedHelplineKey
          ? fromBase64(request.body.wrappedHelplineKey)
          : null,
      });
      if ('passkey' in result) return reply.code(201).send({ passkey: passkeyView(result.passkey) });
      if (result.refused === 'challenge' || result.refused === 'duplicate') {
        // A retry of an add that went through (the answer was lost): the same passkey, not a second.
        const [existing] = await db
          .select()
          .from(passkeys)
          .where(and(eq(passkeys.id, request.body.response.id), eq(passkeys.workerId, worker.id)));
        if (existing) return reply.code(200).send({ passkey: passkeyView(existing) });
      }
      if (result.refused === 'too-many') {
        throw new Problem(422, 'passkey.too-many', `A worker can have at most ${MAX_PASSKEYS} passkeys`);
      }
      if (result.refused === 'challenge') {
        throw new Problem(409, 'passkey.challenge-used', 'Start again: this request was used or expired');
      }
      throw new Problem(422, 'passkey.invalid', 'The passkey could not be checked');
    },
  );

  app.delete(
    '/passkeys/:id',
    {
      schema: {
        summary: 'Remove one of the signed-in worker’s passkeys (audited)',
        tags: ['staff'],
        params: z.object({ id: b64url.min(1).max(1024) }),
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      const worker = await requireWorker(db, request);
      const outcome = await removePasskey(db, worker, request.params.id);
      if (outcome === 'not-found') throw new Problem(404, 'passkey.not-found', 'There is no such passkey');
      if (outcome === 'last-required') {
        throw new Problem(
          422,
          'passkey.last-required',
          'Passkeys are required: add another passkey before you remove this one',
        );
      }
      return reply.code(204).send(null);
    },
  );

  const requiredBody = z.object({ required: z.boolean() });

  app.get(
    '/passkey-policy',
    {
      schema: {
        summary:
          "This helpline's passkey rule and, per worker, theirs and how many passkeys they have (admins)",
        tags: ['staff'],
        response: {
          200: z.object({
            helplineRequired: z.boolean(),
            workers: z.array(
              z.object({
                id: z.string(),
                email: z.string(),
                role: z.string(),
                disabled: z.boolean(),
                required: z.boolean(),
                passkeys: z.number(),
              }),
            ),
          }),
        },
      },
    },
    async (request) => {
      const admin = await requirePermission(db, policy, request, 'worker.manage');
      const [helpline] = await db
        .select({ required: helplines.passkeysRequired })
        .from(helplines)
        .where(eq(helplines.id, admin.helplineId));
      const rows = await db
        .select({
          id: workers.id,
          email: workers.email,
          role: workers.role,
          disabledAt: workers.disabledAt,
          required: workers.passkeyRequired,
          passkeys: count(passkeys.id),
        })
        .from(workers)
        .leftJoin(passkeys, eq(passkeys.workerId, workers.id))
        .where(eq(workers.helplineId, admin.helplineId))
        .groupBy(workers.id)
        .orderBy(asc(workers.email));
      return {
        helplineRequired: helpline?.required ?? false,
        workers: rows.map((r) => ({
          id: r.id,
          email: r.email,
          role: r.role,
          disabled: r.disabledAt !== null,
          required: r.required,
          passkeys: Number(r.passkeys),
        })),
      };
    },
  );

  app.put(
    '/workers/:id/passkey-policy',
    {
      schema: {
        summary: 'Require (or stop requiring) a passkey for one worker of this helpline (admins)',
        tags: ['staff'],
        params: z.object({ id: z.string().min(1).max(100) }),
        body: requiredBody,
        response: { 200: z.object({ required: z.boolean() }) },
      },
    },
    async (request) => {
      const admin = await requirePermission(db, policy, request, 'worker.manage');
      const { required } = request.body;
      const updated = await db.transaction(async (tx) => {
        const rows = await tx
          .update(workers)
          .set({ passkeyRequired: required })
          .where(and(eq(workers.id, request.params.id), eq(workers.helplineId, admin.helplineId)))
          .returning({ id: workers.id });
        if (!rows.length) return false;
        await appendAudit(tx as Db, {
          actor: `worker:${admin.id}`,
          action: 'worker.passkey-policy',
          detail: { workerId: request.params.id, required },
        });
        return true;
      });
      if (!updated) throw new Problem(404, 'worker.not-found', 'There is no such worker here');
      return { required };
    },
  );

  app.put(
    '/helpline/passkey-policy',
    {
      schema: {
        summary: 'Require (or stop requiring) passkeys for every worker of this helpline (admins)',
        tags: ['staff'],
        body: requiredBody,
        response: { 200: z.object({ required: z.boolean() }) },
      },
    },
    async (request) => {
      const admin = await requirePermission(db, policy, request, 'worker.manage');
      const { required } = request.body;
      await db.transaction(async (tx) => {
        await tx
          .update(helplines)
          .set({ passkeysRequired: required })
          .where(eq(helplines.id, admin.helplineId));
        await appendAudit(tx as Db, {
          actor: `worker:${admin.id}`,
          action: 'helpline.passkey-policy',
          detail: { helplineId: admin.helplineId, required },
        });
      });
      return { required };
    },
  );
};
