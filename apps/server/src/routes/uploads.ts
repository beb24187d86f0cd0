import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Upload } from '@tus/server';
import { and, eq } from 'drizzle-orm';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { AppDeps, Limits } from '../app-deps.ts';
import { type ReportRow, reportItems } from '../db/schema/index.ts';
import { Problem } from '../http/problem.ts';
import { MAX_ITEM_BYTES, UPLOAD_PATH } from '../services/intake.ts';
import { reportForToken } from '../services/reporter-auth.ts';
import { finishStagedUpload } from '../uploads/finish-upload.ts';
import { openUploadStaging } from '../uploads/open-upload-staging.ts';
import { UPLOAD_ID_PATTERN } from '../uploads/staged-upload-store.ts';
import { ProblemTusServer } from './upload-problems.ts';

/** What one HTTP request carries between the tus hooks (they only see a web Request). */
type UploadRequestState = { report?: ReportRow };

/** The srvx request tus hands to hooks wraps Node's; this finds the state of the underlying request. */
type HookRequest = { runtime?: { node?: { req: IncomingMessage } } };

const uploadNotFound = () => new Problem(404, 'upload.not-found', 'No such upload');

/**
 * Evidence uploads over tus 1.0 (resumable). Items are staged under DATA_DIR/uploads (or in the bucket
 * with BLOB_STORE_URL, so any replica can go on with an upload another one started); when one is
 * complete its ciphertext is hashed and compared with what the report declared. A mismatch deletes
 * it (422 `evidence.hash-mismatch`); a match moves it into the blob store and, for the last item,
 * makes the report visible with a countersigned receipt.
 *
 * An upload is only ever called complete once its item is recorded. If the database fails (or the
 * server dies) between the last byte and the record, the next HEAD or PATCH for that upload finishes
 * it first and answers an error while it cannot; the sweep job does the same for a phone that never
 * comes back (see uploads/finish-upload.ts).
 */
export const uploadRoutes: FastifyPluginAsync<{ deps: AppDeps; limits: Limits }> = async (
  app,
  { deps, limits },
) => {
  const states = new WeakMap<IncomingMessage, UploadRequestState>();
  const stateOf = (req: unknown): UploadRequestState => {
    const raw = (req as HookRequest).runtime?.node?.req;
    const state = raw ? states.get(raw) : undefined;
    if (!state) throw new Error('tus hook without request state');
    return state;
  };
  const datastore = await openUploadStaging(deps);

  async function declaredItem(reportId: string, itemId: string) {
    const [item] = await deps.db
      .select()
      .from(reportItems)
      .where(and(eq(reportItems.reportId, reportId), eq(reportItems.itemId, itemId)))
      .limit(1);
    return item;
  }

  const tus = new ProblemTusServer({
    path: `${UPLOAD_PATH}`,
    datastore,
    relativeLocation: true,
    // Locations are relative, so no host or scheme is ever taken from a header. tus cannot tell a
    // trusted proxy from a client, so it never reads Forwarded / X-Forwarded-* (Fastify does that,
    // for the client address, under TRUST_PROXY).
    respectForwardedHeaders: false,
    maxSize: MAX_ITEM_BYTES,
    // The apps are served from this origin; no other site may upload.
    allowedOrigins: () => false,
    disableTerminationForFinishedUploads: true,

    async onIncomingRequest(req, uploadId) {
      const state = stateOf(req);
      state.report = await reportForToken(deps.db, req.headers.get('authorization'));
      if (req.method === 'POST') return;
      // tus names uploads with 32 random hex digits; anything else (say `..%2F`) never reaches the store.
      if (!UPLOAD_ID_PATTERN.test(uploadId)) throw uploadNotFound();
      // An existing upload: it must belong to the report this token opens.
      let upload: Upload;
      try {
        upload = await datastore.getUpload(uploadId);
      } catch {
        throw uploadNotFound();
      }
      if (upload.metadata?.reportId !== state.report.id) throw uploadNotFound();
      // Every byte is here but the item was never recorded (the database failed or the server died
      // after the last byte): finish it before tus answers, so HEAD never calls it complete too early.
      // While the database is still away this throws, and the client hears an error and tries again.
      if (req.method !== 'DELETE' && (await datastore.isUnrecordedComplete(uploadId))) {
        await finishStagedUpload(deps, datastore, uploadId);
      }
    },

    async onUploadCreate(req, upload) {
      const report = stateOf(req).report;
      if (!report || upload.metadata?.reportId !== report.id) {
        throw new Problem(404, 'report.not-found', 'No report matches this receipt');
      }
      const itemId = upload.metadata?.itemId ?? '';
      const item = await declaredItem(report.id, itemId);
      if (!item) throw new Problem(422, 'evidence.unknown-item', 'This report did not declare that item');
      if (item.receivedAt) {
        throw new Problem(409, 'evidence.already-received', 'This item has already arrived');
      }
      if (upload.size !== item.size) {
        throw new Problem(
          422,
          'evidence.size-mismatch',
          'The upload size differs from the size declared with the report',
        );
      }
      return { metadata: { reportId: report.id, itemId } };
    },

    async onUploadFinish(_req, upload) {
      await finishStagedUpload(deps, datastore, upload.id);
      return {};
    },

    onResponseError(_req, error) {
      if (error instanceof Problem) {
        return { status_code: error.status, body: JSON.stringify(error.toBody()) };
      }
      // A tus protocol answer (409 offset, 404, 413…): ProblemTusServer gives it its problem code.
      if ('status_code' in error) return undefined;
      // Anything else is ours and unexpected: log its class only and say nothing inside.
      app.log.error({ err: { type: error.name, stack: error.stack } }, 'upload failed');
      return {
        status_code: 500,
        body: JSON.stringify(new Problem(500, 'internal', 'Something went wrong on our side').toBody()),
      };
    },
  });

  const sweep = setInterval(
    () => {
      tus.cleanUpExpiredUploads().catch((error: Error) => {
        app.log.warn({ err: { type: error.name } }, 'could not remove expired uploads');
      });
    },
    60 * 60 * 1000,
  );
  sweep.unref();
  app.addHook('onClose', async () => clearInterval(sweep));

  // tus reads the raw request stream itself: tell Fastify not to parse these bodies.
  app.addContentTypeParser('application/offset+octet-stream', (_request, _payload, done) => done(null));

  async function handle(request: FastifyRequest, reply: FastifyReply) {
    const state: UploadRequestState = {};
    states.set(request.raw, state);
    const res: ServerResponse = reply.raw;
    // Keep the headers set so far (security headers, rate-limit counters): a hijacked reply skips them.
    for (const [name, value] of Object.entries(reply.getHeaders())) {
      if (value !== undefined) res.setHeader(name, value as string | number | string[]);
    }
    reply.hijack();
    await tus.handle(request.raw, res);
  }

  // No GET: uploaded evidence is never served back from here.
  for (const url of [UPLOAD_PATH.replace('/api/v1', ''), `${UPLOAD_PATH.replace('/api/v1', '')}/:id`]) {
    app.route({
      config: { rateLimit: { max: limits.uploadRequestsPerIpPerMinute, timeWindow: '1 minute' } },
      method: ['POST', 'HEAD', 'PATCH', 'DELETE', 'OPTIONS'],
      url,
      schema: { hide: true },
      handler: handle,
    });
  }
};
