import { CATALOG_APPS } from '@vangnet/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../app-deps.ts';
import { Problem } from '../http/problem.ts';
import { ensureDemoSignedList, latestSignedList } from '../recipient-list/signed-list.ts';
import { activeHelplineRecipients, ensureHelpline } from '../services/helpline.ts';

/** What the apps need before they can seal: the helpline's recipients and the server's signing key. */
export const configRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  app.get(
    '/config',
    {
      schema: {
        summary: 'Instance settings: country, pack version, helpline recipients, server public key',
        tags: ['public'],
        response: {
          200: z.object({
            country: z.string(),
            packVersion: z.string(),
            languages: z.array(z.string()),
            /** The recipients as the server has them; the apps seal only to `signedRecipients`. */
            helplineRecipients: z.array(z.string()),
            /**
             * The recipient list as an administrator signed it (packages/crypto recipient-list.ts), or
             * null. Passed through as stored: the apps verify it against the pack's trust anchors.
             */
            signedRecipients: z.unknown(),
            serverPublicKey: z.string(),
            /** Present when the server sends "there is news" notifications (applicationServerKey). */
            vapidPublicKey: z.string().optional(),
            /** Languages whose console texts the pack brings (`GET /catalogs/console/:lang`), for the console's menu. */
            consoleCatalogs: z.array(z.string()),
          }),
        },
      },
    },
    async () => {
      const helplineId = await ensureHelpline(deps.db, deps.pack);
      await ensureDemoSignedList(deps.db, deps.pack, helplineId, new Date());
      const genuine = await latestSignedList(deps.db, helplineId);
      const tamper = deps.testOnly?.recipientList;
      return {
        country: deps.pack.country,
        packVersion: deps.pack.version,
        languages: deps.pack.languages,
        helplineRecipients: await activeHelplineRecipients(deps.db, helplineId, deps.pack),
        signedRecipients: tamper ? tamper(genuine) : genuine,
        serverPublicKey: deps.signingKey.publicKey,
        ...(deps.push ? { vapidPublicKey: deps.push.vapid.publicKey } : {}),
        consoleCatalogs: Object.keys(deps.pack.appCatalogs?.console ?? {}),
      };
    },
  );

  app.get(
    '/pack',
    {
      schema: {
        summary: 'The public part of the active country pack',
        tags: ['public'],
        response: { 200: z.unknown() },
      },
    },
    async () =>
      deps.testOnly?.publicPack ? deps.testOnly.publicPack(deps.pack.publicData) : deps.pack.publicData,
  );

  // A language is data: an app's texts a pack brings for a language the app does not carry
  // (catalogs/<app>/<lang>.json, for the reporter app and the console), checked and compiled when the
  // pack loaded. The app interprets this JSON with its own runtime; nothing here runs as code.
  app.get(
    '/catalogs/:app/:lang',
    {
      schema: {
        summary: "An app's texts for a language the active pack brings (compiled ICU catalog)",
        tags: ['public'],
        params: z.object({
          app: z.enum(CATALOG_APPS),
          lang: z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{1,8})*$/),
        }),
        response: { 200: z.unknown() },
      },
    },
    async (request, reply) => {
      const catalog = deps.pack.appCatalogs?.[request.params.app]?.[request.params.lang];
      if (!catalog) throw new Problem(404, 'catalog.not-found', 'This language has no texts here');
      // Same pack, same texts: a phone may keep it for an hour, then asks again.
      reply.header('cache-control', 'public, max-age=3600');
      return catalog;
    },
  );
};
