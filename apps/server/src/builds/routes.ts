import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseSignedBuildList, type SignedBuildList } from '@vangnet/crypto';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../app-deps.ts';

/** Beside each app's index.html (scripts/build-folder.ts writes it; `vangnet sign-build` re-signs it). */
const BUILD_LIST_FILE = 'build-list.json';

const signedBuildListSchema = z.object({
  list: z.object({
    kind: z.literal('vangnet-build-list'),
    version: z.literal(1),
    app: z.string(),
    appVersion: z.string(),
    issuedAt: z.string(),
    assets: z.record(z.string(), z.string()),
  }),
  signature: z.string(),
  publicKey: z.string(),
});

/**
 * GET /api/v1/builds: the signed build list of each app this server serves, and the release key the
 * active pack names. The server only publishes: the lists were signed off the server (it never holds
 * the release private key), and each is read from disk on every request, so a build re-signed or
 * replaced on disk is published as it is, without a restart. A file that is not a well-formed list is
 * left out rather than passed on.
 */
export const buildRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  app.get(
    '/builds',
    {
      schema: {
        summary: 'The signed lists of the app builds served here, and the release key of the pack',
        tags: ['public'],
        response: {
          200: z.object({ releaseKey: z.string().nullable(), builds: z.array(signedBuildListSchema) }),
        },
      },
    },
    async (_request, reply) => {
      const builds: SignedBuildList[] = [];
      for (const root of Object.values(deps.staticApps ?? {})) {
        const text = await readFile(join(root, BUILD_LIST_FILE), 'utf8').catch(() => null);
        if (text === null) continue;
        let parsed: SignedBuildList | null = null;
        try {
          parsed = parseSignedBuildList(JSON.parse(text));
        } catch {
          parsed = null;
        }
        if (parsed) builds.push(parsed);
      }
      void reply.header('cache-control', 'no-cache');
      return { releaseKey: deps.pack.countryPack?.meta.releaseKey ?? null, builds };
    },
  );
};
