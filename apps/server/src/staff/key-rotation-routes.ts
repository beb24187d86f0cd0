import { STAFF_ROLES } from '@vangnet/core/permissions/permissions';
import { fromBase64, isRecipient, toBase64 } from '@vangnet/crypto';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../app-deps.ts';
import { base64Schema } from '../http/base64-schema.ts';
import { Problem } from '../http/problem.ts';
import { ensureDemoSignedList, latestSignedList } from '../recipient-list/signed-list.ts';
import { activeHelplineRecipients } from '../services/helpline.ts';
import { currentWorkers, enrolPersonalKey, grantsOf, rotateHelplineKey } from './key-rotation.ts';
import { requirePermission, requireWorker } from './session-cookie.ts';
import type { StaffPolicy } from './staff-policy.ts';

const recipientSchema = z.string().max(100).refine(isRecipient, 'an age recipient');

const REFUSALS: Record<string, string> = {
  'key-rotation.remove-self': 'Ask another administrator to remove your account',
  'key-rotation.unknown-worker': 'A worker in this rotation is not a current worker here',
  'key-rotation.not-enrolled': 'A worker who stays has no personal key yet: they sign in once first',
  'key-rotation.missing-grant': 'A worker who stays would not get the new helpline key',
  'key-rotation.recipient-in-use': 'This helpline key was used before; make a new one',
};

/**
 * Key rotation (key-rotation.ts): each worker fetches the helpline keys granted to them; a worker's
 * browser names their personal key once; an administrator rotates.
 */
export const keyRotationRoutes: FastifyPluginAsyncZod<{ deps: AppDeps; policy: StaffPolicy }> = async (
  app,
  { deps, policy },
) => {
  const { db } = deps;

  app.get(
    '/key-grants',
    {
      schema: {
        summary: "The signed-in worker's personal recipient and the helpline keys sealed to it",
        tags: ['staff'],
        response: {
          200: z.object({
            personalRecipient: z.string().nullable(),
            grants: z.array(z.object({ recipient: z.string(), sealed: z.string() })),
          }),
        },
      },
    },
    async (request) => {
      const worker = await requireWorker(db, request);
      const { personalRecipient, grants } = await grantsOf(db, worker.id);
      return {
        personalRecipient,
        grants: grants.map((g) => ({ recipient: g.recipient, sealed: toBase64(g.sealed) })),
      };
    },
  );

  app.post(
    '/me/personal-key',
    {
      schema: {
        summary: "Name the signed-in worker's personal key, once (their keyring is re-wrapped with it)",
        tags: ['staff'],
        body: z.object({ recipient: recipientSchema, wrappedHelplineKey: base64Schema.min(1).max(8192) }),
        response: { 201: z.object({ personalRecipient: z.string() }) },
      },
      config: { problemCodes: { 'body.recipient': 'key-rotation.bad-recipient' } },
    },
    async (request, reply) => {
      const worker = await requireWorker(db, request);
      const done = await enrolPersonalKey(
        db,
        worker.id,
        {
          recipient: request.body.recipient,
          wrappedHelplineKey: fromBase64(request.body.wrappedHelplineKey),
        },
        new Date(),
      );
      if (!done) throw new Problem(409, 'key-rotation.already-enrolled', 'This worker has a personal key');
      return reply.code(201).send({ personalRecipient: request.body.recipient });
    },
  );

  app.get(
    '/helpline-key',
    {
      schema: {
        summary: 'The active helpline recipients, the signed list and the workers a rotation keeps (admins)',
        tags: ['staff'],
        response: {
          200: z.object({
            activeRecipients: z.array(z.string()),
            signed: z.unknown(),
            workers: z.array(
              z.object({
                id: z.string(),
                email: z.string(),
                role: z.enum(STAFF_ROLES),
                personalRecipient: z.string().nullable(),
              }),
            ),
          }),
        },
      },
    },
    async (request) => {
      const admin = await requirePermission(db, policy, request, 'worker.manage');
      return {
        activeRecipients: await activeHelplineRecipients(db, admin.helplineId, deps.pack),
        signed: await latestSignedList(db, admin.helplineId),
        workers: (await currentWorkers(db, admin.helplineId)).map((w) => ({
          ...w,
          role: w.role as (typeof STAFF_ROLES)[number],
        })),
      };
    },
  );

  app.post(
    '/helpline-key/rotate',
    {
      schema: {
        summary: 'Rotate the helpline key: new recipient, keys sealed for workers who stay (admins)',
        tags: ['staff'],
        body: z.object({
          recipient: recipientSchema,
          remove: z.array(z.string().min(1).max(100)).max(500),
          grants: z
            .array(
              z.object({
                workerId: z.string().min(1).max(100),
                recipient: recipientSchema,
                sealed: base64Schema.min(1).max(4096),
              }),
            )
            .max(5000),
        }),
        response: { 200: z.object({ sequence: z.number().int().nullable(), kept: z.number().int() }) },
      },
      config: { problemCodes: { 'body.recipient': 'key-rotation.bad-recipient' } },
    },
    async (request) => {
      const admin = await requirePermission(db, policy, request, 'worker.manage');
      const now = new Date();
      const result = await rotateHelplineKey(
        db,
        {
          helplineId: admin.helplineId,
          adminId: admin.id,
          recipient: request.body.recipient,
          remove: request.body.remove,
          grants: request.body.grants.map((g) => ({ ...g, sealed: fromBase64(g.sealed) })),
        },
        now,
      );
      if (!result.ok) throw new Problem(422, result.code, REFUSALS[result.code] ?? 'Refused');
      // With the demo anchor the server signs the new list now; a real anchor signs it offline.
      await ensureDemoSignedList(db, deps.pack, admin.helplineId, now);
      const latest = await latestSignedList(db, admin.helplineId);
      const signedNew = latest?.list.recipients.includes(request.body.recipient) ?? false;
      return { sequence: signedNew ? latest!.list.sequence : null, kept: result.kept };
    },
  );
};
