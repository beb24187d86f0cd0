import { CATEGORY_CODES, FIRST_CONTACT_VIA, REPORT_STATES, URGENCY_FLAGS } from '@vangnet/core';
import { can } from '@vangnet/core/permissions/permissions';
import { toBase64 } from '@vangnet/crypto';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../app-deps.ts';
import { appendAudit, readAuditChain } from '../audit/append-audit.ts';
import { federatedOrigin } from '../federation/origin.ts';
import { base64Schema } from '../http/base64-schema.ts';
import { Problem } from '../http/problem.ts';
import { MAX_MESSAGE_BYTES } from '../routes/report-schemas.ts';
import { recordFirstReportEvent } from '../services/report-events.ts';
import { decodeSealed } from '../services/sealed-bytes.ts';
import {
  assignCase,
  changeCaseStatus,
  correctCaseMetadata,
  markReporterMessagesRead,
  postHelplineMessage,
  recordContact,
} from './case-actions.ts';
import {
  caseItems,
  caseMessages,
  casesChangedSince,
  decodeCursor,
  findCase,
  listCases,
  metadataOf,
} from './case-queries.ts';
import { recordExport, signExportIndex } from './export-evidence.ts';
import { requirePermission } from './session-cookie.ts';
import type { StaffPolicy } from './staff-policy.ts';

const caseNotFound = () => new Problem(404, 'case.not-found', 'There is no such case');

const idSchema = z.string().min(1).max(100);
const idParams = z.object({ id: idSchema });
const metadataSchema = z.object({
  country: z.string(),
  category: z.string(),
  platform: z.string(),
  channel: z.string().optional(),
  role: z.string(),
  ageBand: z.string(),
  flags: z.record(z.string(), z.boolean()),
});
const statusSchema = z.enum(REPORT_STATES);
/** Short codes only: these values go into the audit log in the clear, so no free text. */
const codeSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'a short code')
  .describe('a short code, not free text');
/** Sealed chat messages are short; 256 KiB of ciphertext is far above any real one. */
const MAX_MESSAGE_BASE64 = 350_000;

const auditRecordSchema = z.object({
  seq: z.number(),
  at: z.string(),
  actor: z.string(),
  action: z.string(),
  caseId: z.string().nullable(),
  detail: z.record(z.string(), z.unknown()),
  prevHash: z.string(),
  hash: z.string(),
});

const checkpointSchema = z.object({
  seq: z.number(),
  hash: z.string(),
  at: z.string(),
  signature: z.string(),
});
const bundleSignatureResponse = z.object({
  statement: z.object({
    kind: z.literal('vangnet-evidence-bundle'),
    v: z.literal(1),
    caseId: z.string(),
    bundleSha256: z.string(),
    exportedBy: z.string(),
    exportSeq: z.number(),
    signedAt: z.string(),
  }),
  signature: z.string(),
  serverPublicKey: z.string(),
});

const caseSummarySchema = z.object({
  id: z.string(),
  metadata: metadataSchema,
  status: statusSchema,
  urgent: z.boolean(),
  createdAt: z.date(),
  visibleAt: z.date(),
  assignee: z.string().nullable(),
  /** When a worker first reached the reporter; null while the first-contact countdown runs. */
  firstContactAt: z.date().nullable(),
  /** The reporter wrote since a worker last opened the case. */
  unread: z.boolean(),
});

/** The queue and everything done with one case. Every read of a case is audited. */
export const caseRoutes: FastifyPluginAsyncZod<{ deps: AppDeps; policy: StaffPolicy }> = async (
  app,
  { deps, policy },
) => {
  const { db } = deps;

  app.get(
    '/cases',
    {
      schema: {
        summary: 'The queue: clear metadata only, urgent first, then longest waiting',
        tags: ['staff'],
        querystring: z.object({
          status: statusSchema.optional(),
          category: z.enum(CATEGORY_CODES).optional(),
          platform: z.string().max(40).optional(),
          ageBand: z.string().max(20).optional(),
          assignee: z.string().max(100).optional(),
          limit: z.coerce.number().int().min(1).max(500).default(50),
          cursor: z.string().max(400).optional(),
          /** `queue`: the console's order (unread first, then waiting for first contact, urgent first). */
          order: z.enum(['urgent', 'queue']).default('urgent'),
          /** A change cursor from an earlier answer: only the cases changed since, closed ones included. */
          since: z
            .string()
            .regex(/^\d{1,18}$/)
            .optional(),
        }),
        response: {
          200: z.object({
            cases: z.array(caseSummarySchema),
            nextCursor: z.string().nullable(),
            changeCursor: z.string(),
          }),
        },
      },
    },
    async (request) => {
      const worker = await requirePermission(db, policy, request, 'case.list');
      const { limit, cursor: cursorText, assignee, order, since, ...filters } = request.query;
      if (since !== undefined) return casesChangedSince(db, worker.helplineId, policy, since, limit);
      const cursor = cursorText ? decodeCursor(cursorText, order) : null;
      if (cursorText && !cursor)
        throw new Problem(400, 'request.invalid-cursor', 'The page cursor is not valid');
      return listCases(
        db,
        worker.helplineId,
        policy,
        { ...filters, ...(assignee ? { assignee: assignee === 'me' ? worker.id : assignee } : {}) },
        { limit, cursor, order },
      );
    },
  );

  app.get(
    '/cases/:id',
    {
      schema: {
        summary: 'One case with its sealed body, evidence list, receipt and sealed messages (audited)',
        tags: ['staff'],
        params: idParams,
        response: {
          200: z.object({
            id: z.string(),
            metadata: metadataSchema,
            status: statusSchema,
            createdAt: z.date(),
            visibleAt: z.date(),
            closedAt: z.date().nullable(),
            firstContactAt: z.date().nullable(),
            firstContactVia: z.enum(FIRST_CONTACT_VIA).nullable(),
            assignee: z.string().nullable(),
            /** Kept past its retention period (retention/routes.ts). */
            legalHold: z.boolean(),
            /** The reporter's own recipient: a reply is sealed to the helpline and to this. */
            reporterRecipient: z.string(),
            /** Another member state's instance handed this case over (docs/federation.md). */
            federatedFrom: z
              .object({ country: z.string(), helplineName: z.string(), receiptVerified: z.boolean() })
              .nullable(),
            body: z.string(),
            items: z.array(z.object({ id: z.string(), sha256: z.string(), size: z.number() })),
            receipt: z.unknown(),
            signature: z.string().nullable(),
            messages: z.array(
              z.object({
                id: z.string(),
                author: z.enum(['reporter', 'helpline']),
                workerId: z.string().nullable(),
                internal: z.boolean(),
                sealed: z.string(),
                createdAt: z.date(),
              }),
            ),
          }),
        },
      },
    },
    async (request) => {
      const worker = await requirePermission(db, policy, request, 'case.readSealed');
      const row = await findCase(db, worker.helplineId, request.params.id);
      if (!row) throw caseNotFound();
      const [items, messages, federatedFrom] = await Promise.all([
        caseItems(db, row.id),
        caseMessages(db, row.id),
        federatedOrigin(db, row.id),
      ]);
      await appendAudit(db, { actor: `worker:${worker.id}`, action: 'case.view', caseId: row.id });
      if (row.reporterUnreadAt) await markReporterMessagesRead(db, row.id, row.reporterUnreadAt);
      // The reporter's timeline says the helpline has read the report (once; never who or how often).
      await recordFirstReportEvent(db, row.id, 'helpline-read');
      return {
        id: row.id,
        metadata: metadataOf(row),
        status: row.status as (typeof REPORT_STATES)[number],
        createdAt: row.createdAt,
        visibleAt: row.visibleAt!,
        closedAt: row.closedAt,
        firstContactAt: row.firstContactAt,
        firstContactVia: row.firstContactVia as (typeof FIRST_CONTACT_VIA)[number] | null,
        assignee: row.assigneeId,
        legalHold: row.legalHold,
        reporterRecipient: row.reporterRecipient,
        federatedFrom,
        body: toBase64(row.body),
        items: items.map(({ id, sha256, size }) => ({ id, sha256, size })),
        receipt: row.receipt,
        signature: row.signature,
        messages: messages.map((m) => ({
          id: m.id,
          author: m.author as 'reporter' | 'helpline',
          workerId: m.workerId,
          internal: m.internal,
          sealed: toBase64(m.sealed),
          createdAt: m.createdAt,
        })),
      };
    },
  );

  app.get(
    '/cases/:id/items/:itemId',
    {
      schema: {
        summary: 'The ciphertext of one evidence item (audited)',
        tags: ['staff'],
        params: z.object({ id: idSchema, itemId: idSchema }),
      },
    },
    async (request, reply) => {
      const worker = await requirePermission(db, policy, request, 'case.readSealed');
      const row = await findCase(db, worker.helplineId, request.params.id);
      if (!row) throw caseNotFound();
      const item = (await caseItems(db, row.id)).find((i) => i.id === request.params.itemId);
      if (!item?.blobKey) throw new Problem(404, 'case.item-not-found', 'There is no such evidence item');
      const stream = await deps.blobs.get(item.blobKey);
      await appendAudit(db, {
        actor: `worker:${worker.id}`,
        action: 'evidence.view',
        caseId: row.id,
        detail: { itemId: item.id },
      });
      return reply
        .type('application/octet-stream')
        .header('content-length', String(item.size))
        .header('content-disposition', 'attachment')
        .send(stream);
    },
  );

  app.post(
    '/cases/:id/messages',
    {
      schema: {
        summary: 'Send a sealed message to the reporter, or an internal note (Idempotency-Key; audited)',
        tags: ['staff'],
        params: idParams,
        headers: z.object({ 'idempotency-key': z.string().min(8).max(100).optional() }),
        body: z.object({
          sealed: base64Schema.min(1).max(MAX_MESSAGE_BASE64),
          internal: z.boolean().default(false),
        }),
        response: {
          200: z.object({ id: z.string(), createdAt: z.string() }),
          201: z.object({ id: z.string(), createdAt: z.string() }),
        },
      },
    },
    async (request, reply) => {
      const worker = await requirePermission(db, policy, request, 'case.message');
      const key = request.headers['idempotency-key'];
      if (!key)
        throw new Problem(400, 'idempotency.key-missing', 'Send an Idempotency-Key header with this request');
      // Sealed on the worker's device, like the reporter's messages: plaintext is refused, not stored.
      const sealed = decodeSealed(request.body.sealed, MAX_MESSAGE_BYTES, 'message');
      const result = await postHelplineMessage(db, {
        helplineId: worker.helplineId,
        caseId: request.params.id,
        workerId: worker.id,
        sealed,
        internal: request.body.internal,
        idempotencyKey: key,
        transitions: policy.transitions,
      });
      if (result.kind === 'not-found') throw caseNotFound();
      if (result.kind === 'key-reused') {
        throw new Problem(409, 'idempotency.key-reused', 'This Idempotency-Key was used for another request');
      }
      return reply.code(result.kind === 'created' ? 201 : 200).send(result.body);
    },
  );

  app.post(
    '/cases/:id/contact',
    {
      schema: {
        summary:
          'Record a phone call or chat with the reporter outside the app; the first contact stops the countdown (audited)',
        tags: ['staff'],
        params: idParams,
        body: z.object({ via: z.enum(['phone', 'chat']) }),
        response: {
          200: z.object({
            firstContactAt: z.date(),
            via: z.enum(FIRST_CONTACT_VIA),
            status: statusSchema,
          }),
        },
      },
    },
    async (request) => {
      const worker = await requirePermission(db, policy, request, 'case.message');
      const result = await recordContact(db, policy, {
        helplineId: worker.helplineId,
        caseId: request.params.id,
        workerId: worker.id,
        via: request.body.via,
      });
      if (!result.ok) throw caseNotFound();
      return { firstContactAt: result.firstContactAt, via: result.via, status: result.status };
    },
  );

  app.post(
    '/cases/:id/status',
    {
      schema: {
        summary: "Change a case's status along the pack's workflow (audited)",
        tags: ['staff'],
        params: idParams,
        body: z.object({
          status: statusSchema,
          serviceId: codeSchema.optional(),
          consent: z.boolean().optional(),
          reason: codeSchema.optional(),
          outcome: codeSchema.optional(),
        }),
        response: { 200: z.object({ status: statusSchema, previous: statusSchema, changedAt: z.date() }) },
      },
    },
    async (request) => {
      const worker = await requirePermission(db, policy, request, 'case.status');
      const { status, ...fields } = request.body;
      const result = await changeCaseStatus(db, policy, {
        helplineId: worker.helplineId,
        caseId: request.params.id,
        workerId: worker.id,
        to: status,
        fields,
      });
      if (result.ok) return { status: result.to, previous: result.from, changedAt: result.changedAt };
      if (result.code === 'not-found') throw caseNotFound();
      if (result.code === 'case.status-fields-missing') {
        throw new Problem(
          422,
          result.code,
          'This status change needs more fields',
          undefined,
          result.missing.map((f) => ({ path: `body.${f}`, message: 'Required for this status change' })),
        );
      }
      if (result.code === 'case.status-not-settable') {
        throw new Problem(422, result.code, 'This status is set by the system, not by hand');
      }
      throw new Problem(409, result.code, 'The case cannot move to this status from its current one');
    },
  );

  const assignResponse = {
    200: z.object({ assignee: z.string().nullable(), previous: z.string().nullable() }),
  };
  const assign = async (
    request: Parameters<typeof requirePermission>[2],
    caseId: string,
    assignee: string | null,
  ) => {
    const worker = await requirePermission(db, policy, request, 'case.assign');
    const result = await assignCase(db, {
      helplineId: worker.helplineId,
      caseId,
      workerId: worker.id,
      assignee: assignee === 'me' ? worker.id : assignee,
      mayHoldCases: (role) => can(role as never, 'case.read', policy.permissions),
    });
    if (result.ok) return { assignee: result.to, previous: result.from };
    if (result.code === 'not-found') throw caseNotFound();
    throw new Problem(422, 'case.unknown-assignee', 'There is no active case worker with this id here');
  };

  app.post(
    '/cases/:id/assign',
    {
      schema: {
        summary: 'Assign a case to a worker of this helpline, or to nobody (audited)',
        tags: ['staff'],
        params: idParams,
        body: z.object({ assignee: idSchema.nullable() }),
        response: assignResponse,
      },
    },
    async (request) => assign(request, request.params.id, request.body.assignee),
  );

  app.post(
    '/cases/:id/take',
    {
      schema: {
        summary: 'Take a case: assign it to yourself (audited)',
        tags: ['staff'],
        params: idParams,
        response: assignResponse,
      },
    },
    async (request) => assign(request, request.params.id, 'me'),
  );

  app.post(
    '/cases/:id/metadata',
    {
      schema: {
        summary: 'Correct the category and urgency flags (audited with old and new values)',
        tags: ['staff'],
        params: idParams,
        body: z
          .object({
            category: z.enum(CATEGORY_CODES).optional(),
            flags: z.partialRecord(z.enum(URGENCY_FLAGS), z.boolean()).optional(),
          })
          .strict(),
        response: { 200: z.object({ metadata: metadataSchema }) },
      },
      config: { problemCodes: { 'body.category': 'report.unknown-category' } },
    },
    async (request) => {
      const worker = await requirePermission(db, policy, request, 'case.correctMetadata');
      const result = await correctCaseMetadata(db, {
        helplineId: worker.helplineId,
        caseId: request.params.id,
        workerId: worker.id,
        correction: request.body,
      });
      if (!result.ok) throw caseNotFound();
      const row = await findCase(db, worker.helplineId, request.params.id);
      if (!row) throw caseNotFound();
      return { metadata: metadataOf(row) };
    },
  );

  app.post(
    '/cases/:id/export',
    {
      schema: {
        summary:
          "Record an evidence export; return the case's audit records and a signed checkpoint of the audit chain's head",
        tags: ['staff'],
        params: idParams,
        response: {
          200: z.object({
            records: z.array(auditRecordSchema),
            exportSeq: z.number(),
            checkpoint: checkpointSchema,
          }),
        },
      },
    },
    async (request) => {
      const worker = await requirePermission(db, policy, request, 'case.export');
      const row = await findCase(db, worker.helplineId, request.params.id);
      if (!row) throw caseNotFound();
      return recordExport(db, deps.signingKey, { workerId: worker.id, caseId: row.id });
    },
  );

  app.post(
    '/cases/:id/export/signature',
    {
      schema: {
        summary:
          "Sign the SHA-256 of an export's bundle.json (the server sees that hash only, never the content)",
        tags: ['staff'],
        params: idParams,
        body: z
          .object({
            bundleSha256: z.string().regex(/^[0-9a-f]{64}$/, 'a SHA-256 in lower-case hex'),
            exportSeq: z.number().int().positive().max(Number.MAX_SAFE_INTEGER),
          })
          .strict(),
        response: { 200: bundleSignatureResponse },
      },
    },
    async (request) => {
      const worker = await requirePermission(db, policy, request, 'case.export');
      const row = await findCase(db, worker.helplineId, request.params.id);
      if (!row) throw caseNotFound();
      const signed = await signExportIndex(db, deps.signingKey, {
        workerId: worker.id,
        caseId: row.id,
        exportSeq: request.body.exportSeq,
        bundleSha256: request.body.bundleSha256,
      });
      if (!signed) {
        throw new Problem(409, 'export.not-recorded', 'This export was not recorded for you and this case');
      }
      return signed;
    },
  );

  app.get(
    '/cases/:id/audit',
    {
      schema: {
        summary: "The case's audit trail (supervisors; audited)",
        tags: ['staff'],
        params: idParams,
        response: { 200: z.object({ records: z.array(auditRecordSchema) }) },
      },
    },
    async (request) => {
      const worker = await requirePermission(db, policy, request, 'case.audit');
      const row = await findCase(db, worker.helplineId, request.params.id);
      if (!row) throw caseNotFound();
      // The read is recorded first, so the trail a supervisor sees includes their own look at it.
      await appendAudit(db, { actor: `worker:${worker.id}`, action: 'case.audit-view', caseId: row.id });
      return { records: await readAuditChain(db, { caseId: row.id }) };
    },
  );
};
