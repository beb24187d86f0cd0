import { LEGAL_HOLD_REASONS } from '@vangnet/core/retention/legal-hold-reasons';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../app-deps.ts';
import { Problem } from '../http/problem.ts';
import { requirePermission } from '../staff/session-cookie.ts';
import { staffPolicyOf } from '../staff/staff-policy.ts';
import { setLegalHold } from './legal-hold.ts';

/**
 * Mounted at `/api/v1/staff`. A legal hold keeps a closed case past its retention period (for the
 * police or a court). Setting it is a supervisor's decision: it needs `case.audit`, which supervisors
 * and admins have and case workers do not. PUT, because setting the same value twice changes nothing.
 */
export const retentionRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  const policy = staffPolicyOf(deps.pack.countryPack ?? deps.pack);
  app.put(
    '/cases/:id/legal-hold',
    {
      schema: {
        summary:
          'Set or clear the legal hold that keeps a case past its retention period (supervisors; audited)',
        tags: ['staff'],
        params: z.object({ id: z.string().min(1).max(100) }),
        description:
          'Setting a hold needs a `reason` (a short code: ' +
          LEGAL_HOLD_REASONS.join(', ') +
          '); it is kept in the audit record. Lifting may give one too.',
        body: z.object({ hold: z.boolean(), reason: z.enum(LEGAL_HOLD_REASONS).optional() }),
        response: { 200: z.object({ legalHold: z.boolean(), changed: z.boolean() }) },
      },
      config: { problemCodes: { 'body.reason': 'retention.legal-hold-unknown-reason' } },
    },
    async (request) => {
      const worker = await requirePermission(deps.db, policy, request, 'case.audit');
      const allowed = deps.pack.countryPack?.meta.retention.legalHoldAllowed ?? false;
      if (request.body.hold && !allowed) {
        throw new Problem(
          409,
          'retention.legal-hold-not-allowed',
          "This country's rules do not allow a legal hold",
        );
      }
      if (request.body.hold && !request.body.reason) {
        throw new Problem(422, 'retention.legal-hold-reason-missing', 'Say why the case is held', undefined, [
          { path: 'body.reason', message: 'Required to set a legal hold' },
        ]);
      }
      const result = await setLegalHold(deps.db, {
        helplineId: worker.helplineId,
        caseId: request.params.id,
        workerId: worker.id,
        hold: request.body.hold,
        ...(request.body.reason ? { reason: request.body.reason } : {}),
      });
      if (!result) throw new Problem(404, 'case.not-found', 'There is no such case');
      return result;
    },
  );
};
