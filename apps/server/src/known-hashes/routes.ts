import { isUrgent } from '@vangnet/core';
import { asc, eq } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../app-deps.ts';
import { appendAudit } from '../audit/append-audit.ts';
import { knownHashLists, reportHashMatches } from '../db/schema/index.ts';
import { Problem } from '../http/problem.ts';
import { findCase, metadataOf } from '../staff/case-queries.ts';
import { requirePermission } from '../staff/session-cookie.ts';
import { staffPolicyOf } from '../staff/staff-policy.ts';
import { HashCsvError } from './hash-csv.ts';
import { importKnownHashList, listKnownHashLists, SOURCE_LABEL } from './import-list.ts';

/** 2,000,000 lines of pdq,md5,quality are about 200 MB; 64 MiB takes well over 500,000. */
export const MAX_CSV_BYTES = 64 * 1024 * 1024;

const listSchema = z.object({
  id: z.string(),
  source: z.string(),
  version: z.number(),
  importedAt: z.string(),
  importedBy: z.string(),
  count: z.number(),
  active: z.boolean(),
});

const matchSchema = z.object({
  listId: z.string(),
  source: z.string(),
  version: z.number(),
  /** False once a newer version of the list replaced the one that matched. */
  active: z.boolean(),
  kind: z.enum(['pdq', 'md5']),
  hashIndex: z.number(),
  distance: z.number(),
  matchedAt: z.string(),
});

/**
 * Known-image hash lists (admin) and the matches of one case (case workers), mounted at
 * `/api/v1/staff`. A case's matches name the list and the distance, never a hash from any list.
 */
export const knownHashRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  const { db } = deps;
  const policy = staffPolicyOf(deps.pack);
  app.addHook('onSend', async (_request, reply) => {
    reply.header('cache-control', 'no-store');
  });
  app.addContentTypeParser('text/csv', { parseAs: 'string', bodyLimit: MAX_CSV_BYTES }, (_r, body, done) =>
    done(null, body),
  );

  app.post(
    '/known-hash-lists',
    {
      bodyLimit: MAX_CSV_BYTES,
      schema: {
        summary: 'Import a known-image hash list (CSV: pdq and/or md5, optional quality) as a new version',
        description:
          "Admins only. The list becomes the active version of `source` for the admin's own helpline; the previous " +
          'version is kept but no longer matched. A bad line refuses the whole file and names the line.',
        tags: ['known-hashes'],
        querystring: z.object({
          source: z.string().regex(SOURCE_LABEL, 'a short label: a-z, 0-9, dot, dash, underscore'),
        }),
        body: z.string(),
        response: {
          201: z.object({
            listId: z.string(),
            source: z.string(),
            version: z.number(),
            count: z.number(),
            replaced: z.string().nullable(),
          }),
        },
      },
      config: { problemCodes: { 'querystring.source': 'known-hashes.invalid-source' } },
    },
    async (request, reply) => {
      const worker = await requirePermission(db, policy, request, 'hashes.import');
      try {
        // The worker's own helpline's list: another helpline's lists of the same source stay as they are.
        const result = await importKnownHashList(db, {
          helplineId: worker.helplineId,
          country: worker.country,
          source: request.query.source,
          importedBy: `worker:${worker.id}`,
          csv: request.body,
        });
        const { listId, source, version, count, replaced } = result;
        return reply.code(201).send({ listId, source, version, count, replaced });
      } catch (error) {
        if (!(error instanceof HashCsvError)) throw error;
        throw new Problem(
          422,
          'known-hashes.invalid-csv',
          'The list has lines that are not valid; nothing was imported',
          error.message,
          error.problems.map((p) => ({ path: `line ${p.line}`, message: p.message })),
        );
      }
    },
  );

  app.get(
    '/known-hash-lists',
    {
      schema: {
        summary: "Every imported version of every known-hash list of the admin's own helpline",
        tags: ['known-hashes'],
        response: { 200: z.object({ lists: z.array(listSchema) }) },
      },
    },
    async (request) => {
      const worker = await requirePermission(db, policy, request, 'hashes.import');
      return { lists: await listKnownHashLists(db, worker.helplineId) };
    },
  );

  app.get(
    '/cases/:id/hash-matches',
    {
      schema: {
        summary: "The known-hash lists a hash-only case's hashes matched, and how closely (audited)",
        tags: ['known-hashes'],
        params: z.object({ id: z.string().min(1).max(100) }),
        response: { 200: z.object({ urgent: z.boolean(), matches: z.array(matchSchema) }) },
      },
    },
    async (request) => {
      const worker = await requirePermission(db, policy, request, 'case.read');
      const row = await findCase(db, worker.helplineId, request.params.id);
      if (!row) throw new Problem(404, 'case.not-found', 'There is no such case');
      const rows = await db
        .select({ match: reportHashMatches, list: knownHashLists })
        .from(reportHashMatches)
        .innerJoin(knownHashLists, eq(knownHashLists.id, reportHashMatches.listId))
        .where(eq(reportHashMatches.reportId, row.id))
        .orderBy(asc(reportHashMatches.distance), asc(reportHashMatches.hashIndex));
      await appendAudit(db, { actor: `worker:${worker.id}`, action: 'case.hash-matches', caseId: row.id });
      const metadata = metadataOf(row);
      return {
        // A known image is urgent whatever the pack's flags say; otherwise the pack decides.
        urgent:
          rows.length > 0 || (deps.pack.countryPack ? isUrgent(deps.pack.countryPack, metadata) : false),
        matches: rows.map(({ match, list }) => ({
          listId: list.id,
          source: list.source,
          version: list.version,
          active: list.active,
          kind: match.kind as 'pdq' | 'md5',
          hashIndex: match.hashIndex,
          distance: match.distance,
          matchedAt: match.matchedAt.toISOString(),
        })),
      };
    },
  );
};
