import {
  leadTimesUnverified,
  REFERRAL_REACHES,
  referralReach,
  routeReport,
  SHARED_PARTS,
} from '@vangnet/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { appendAudit } from '../audit/append-audit.ts';
import { RecentKeys } from '../audit/recent-keys.ts';
import type { Db } from '../db/open-database.ts';
import { Problem } from '../http/problem.ts';
import { hasKnownHashMatch } from '../known-hashes/case-matches.ts';
import { hotlineFirst } from '../known-hashes/hotline-first.ts';
import { findCase, metadataOf } from '../staff/case-queries.ts';
import { requirePermission } from '../staff/session-cookie.ts';
import { staffPolicyOf } from '../staff/staff-policy.ts';
import { PARTNER_SCRIPT, PARTNER_STYLE, renderPartnerPage, stateText } from './partner-page.ts';
import { OUTCOMES } from './referral-package.ts';
import {
  acknowledgeReferral,
  caseReferrals,
  createReferral,
  failedReferrals,
  findReferral,
  type ReferralDeps,
  recordOutcome,
  retryReferral,
} from './referrals.ts';
import { checkPartnerToken } from './signing.ts';

const caseNotFound = () => new Problem(404, 'case.not-found', 'There is no such case');
/** Unknown referral and wrong token answer the same, so a link cannot be guessed by trying. */
const referralNotFound = () => new Problem(404, 'referral.not-found', 'There is no such referral');

const referralViewSchema = z.object({
  referralId: z.string(),
  serviceId: z.string(),
  state: z.enum(['queued', 'failed', 'delivered', 'acknowledged', 'outcome']),
  attempts: z.number(),
  lastError: z.string().nullable(),
  createdAt: z.string(),
  deliveredAt: z.string().nullable(),
  acknowledgedAt: z.string().nullable(),
  outcome: z.enum(OUTCOMES).nullable(),
  shared: z.array(z.enum(SHARED_PARTS)),
});
const proposalSchema = z.object({
  serviceId: z.string(),
  name: z.string(),
  order: z.number(),
  firstContact: z.string(),
  handover: z.string(),
  crisis: z.boolean(),
  connector: z.enum(['none', 'webhook', 'email', 'federation']),
  /** How the helpline reaches the service (core/routing/referral-reach.ts). */
  reach: z.enum(REFERRAL_REACHES),
  /** The partner's age public key the console seals the hand-over to; null when nothing is handed over. */
  recipient: z.string().nullable(),
  /** The pack marks the lead times as not yet agreed with the partner. */
  leadTimesUnverified: z.boolean(),
});
/** An age file starts with this line; anything else is refused so plaintext never reaches the server. */
const AGE_HEADER = 'age-encryption.org/v1\n';
/**
 * The console polls a case's referrals every few seconds while it is open; one audit record per worker
 * and case in this window says who looked without burying the log in identical rows.
 */
const REFERRAL_READ_AUDIT_MS = 10 * 60_000;

const referralIdParams = z.object({ referralId: z.uuid() });
const tokenSchema = z.string().min(20).max(100);

/**
 * Warm referral, staff side (mounted at `/api/v1/staff`): the services the routing engine proposes for a
 * case, the referral itself (consent required), its progress, and the supervisor's list of failed
 * hand-overs.
 */
export const staffReferralRoutes: FastifyPluginAsyncZod<{ db: Db; referrals: ReferralDeps }> = async (
  app,
  { db, referrals },
) => {
  const referralReads = new RecentKeys(10_000);
  const policy = staffPolicyOf(referrals.pack);
  const ownCase = async (helplineId: string, caseId: string) => {
    const row = helplineId === referrals.helpline.id ? await findCase(db, helplineId, caseId) : undefined;
    if (!row) throw caseNotFound();
    return row;
  };

  app.get(
    '/cases/:id/referrals',
    {
      schema: {
        summary: 'Services proposed by the routing engine for this case, and its referrals so far',
        tags: ['referrals'],
        params: z.object({ id: z.string().min(1).max(100) }),
        response: {
          200: z.object({
            proposed: z.array(proposalSchema),
            advice: z.array(z.string()),
            referrals: z.array(referralViewSchema),
          }),
        },
      },
    },
    async (request) => {
      const worker = await requirePermission(db, policy, request, 'case.read');
      const row = await ownCase(worker.helplineId, request.params.id);
      if (referralReads.firstIn(`${worker.id}:${row.id}`, REFERRAL_READ_AUDIT_MS)) {
        await appendAudit(db, {
          actor: `worker:${worker.id}`,
          action: 'case.referrals-view',
          caseId: row.id,
        });
      }
      const metadata = metadataOf(row);
      // A known-image match puts the pack's hotline first (known-hashes/hotline-first.ts).
      const route = (await hasKnownHashMatch(db, row.id))
        ? hotlineFirst(referrals.pack, routeReport(referrals.pack, metadata))
        : routeReport(referrals.pack, metadata);
      const proposed = (route?.services ?? []).map((s) => {
        const service = referrals.pack.services.find((x) => x.id === s.serviceId)!;
        const { connector } = service;
        return {
          ...s,
          name: service.name,
          connector: connector.type,
          reach: referralReach(service),
          recipient: connector.type === 'none' ? null : (connector.recipient ?? null),
          leadTimesUnverified: leadTimesUnverified(service),
        };
      });
      // Other member states' helplines (federation.yaml) come after the route, for a worker to choose.
      const peers = (referrals.pack.federation ?? []).map((peer, i) => ({
        serviceId: peer.id,
        name: `${peer.helplineName} (${peer.country})`,
        order: proposed.length + i + 1,
        firstContact: peer.leadTimes.firstContact,
        handover: peer.leadTimes.handover,
        crisis: false,
        connector: 'federation' as const,
        reach: 'federation' as const,
        recipient: peer.recipient,
        leadTimesUnverified: false,
      }));
      return {
        proposed: [...proposed, ...peers],
        advice: route?.advice ?? [],
        referrals: await caseReferrals(referrals, row.id),
      };
    },
  );

  app.post(
    '/cases/:id/referrals',
    {
      schema: {
        summary: 'Hand the case over to a service, with the reporter’s consent (queued, retried, audited)',
        description:
          'The same case and service are referred once: repeating the request answers 200 with the first referral. ' +
          '`sealed` is the package sealed in the browser to the partner (base64 age ciphertext).',
        tags: ['referrals'],
        params: z.object({ id: z.string().min(1).max(100) }),
        body: z.object({
          serviceId: z.string().min(1).max(48),
          consent: z.literal(true),
          sealed: z.base64().max(700_000),
          /** Which parts the reporter agreed to share (names only; the parts are inside `sealed`). */
          shared: z.array(z.enum(SHARED_PARTS)).max(SHARED_PARTS.length).default([]),
        }),
        response: {
          201: z.object({ referralId: z.string(), state: z.literal('queued') }),
          200: z.object({ referralId: z.string(), state: z.literal('queued') }),
        },
      },
    },
    async (request, reply) => {
      const worker = await requirePermission(db, policy, request, 'case.status');
      await ownCase(worker.helplineId, request.params.id);
      if (
        !Buffer.from(request.body.sealed, 'base64')
          .subarray(0, AGE_HEADER.length)
          .equals(Buffer.from(AGE_HEADER))
      ) {
        throw new Problem(
          422,
          'referral.not-sealed',
          'The package must be sealed to the partner in the browser',
        );
      }
      const result = await createReferral(referrals, {
        caseId: request.params.id,
        workerId: worker.id,
        serviceId: request.body.serviceId,
        sealed: request.body.sealed,
        shared: [...new Set(request.body.shared)],
      });
      if (!result.ok) {
        if (result.code === 'case.not-found') throw caseNotFound();
        throw new Problem(
          422,
          result.code,
          result.code === 'referral.no-connector'
            ? 'This service takes no hand-overs; give the reporter its contact details instead'
            : 'This service is not in the country pack',
        );
      }
      reply.code(result.created ? 201 : 200);
      return { referralId: result.referralId, state: 'queued' as const };
    },
  );

  app.get(
    '/referrals/failed',
    {
      schema: {
        summary: 'Referrals that used all their delivery attempts (supervisors)',
        tags: ['referrals'],
        response: {
          200: z.object({ referrals: z.array(referralViewSchema.extend({ caseId: z.string() })) }),
        },
      },
    },
    async (request) => {
      const worker = await requirePermission(db, policy, request, 'case.audit');
      if (worker.helplineId !== referrals.helpline.id) return { referrals: [] };
      return { referrals: await failedReferrals(referrals) };
    },
  );

  app.post(
    '/referrals/:referralId/retry',
    {
      schema: {
        summary: 'Try a failed referral again (supervisors)',
        tags: ['referrals'],
        params: referralIdParams,
        response: { 200: z.object({ state: z.literal('queued') }) },
      },
    },
    async (request) => {
      const worker = await requirePermission(db, policy, request, 'case.audit');
      if (worker.helplineId !== referrals.helpline.id) throw referralNotFound();
      const retried = await retryReferral(referrals, request.params.referralId);
      if (!retried) throw referralNotFound();
      await appendAudit(db, {
        actor: `worker:${worker.id}`,
        action: 'referral.retried',
        caseId: retried.caseId,
        detail: { referralId: request.params.referralId, serviceId: retried.serviceId },
      });
      return { state: 'queued' as const };
    },
  );
};

/**
 * Partner side (mounted at `/api/v1/partner`): the link in a referral opens a small page to confirm
 * receipt and report the outcome; machines POST JSON to the same endpoints. The token is the only
 * credential. It travels after `#` in the link and in request bodies, never in a URL the server logs.
 */
export const partnerReferralRoutes: FastifyPluginAsyncZod<{ referrals: ReferralDeps }> = async (
  app,
  { referrals },
) => {
  // Plain HTML forms post url-encoded bodies; parsed here only, for these routes.
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(body as string)));
  });
  app.addHook('onSend', async (_request, reply) => {
    reply.header('cache-control', 'no-store');
  });
  const fromForm = (contentType: string | undefined) =>
    (contentType ?? '').startsWith('application/x-www-form-urlencoded');

  app.get('/partner-link.js', { schema: { hide: true } }, async (_request, reply) => {
    reply.type('text/javascript; charset=utf-8');
    return PARTNER_SCRIPT;
  });
  app.get('/partner.css', { schema: { hide: true } }, async (_request, reply) => {
    reply.type('text/css; charset=utf-8');
    return PARTNER_STYLE;
  });

  app.get(
    '/referrals/:referralId',
    {
      schema: {
        summary: 'The page a partner opens from the referral link (`#token=…` is read in the browser)',
        tags: ['partner'],
        params: referralIdParams,
      },
    },
    async (request, reply) => {
      // The page itself says nothing about the referral; the script asks with the token.
      reply.type('text/html; charset=utf-8');
      return renderPartnerPage({ known: false }, request.params.referralId);
    },
  );

  app.post(
    '/referrals/:referralId/view',
    {
      schema: {
        summary: 'The state of a referral, for its partner',
        tags: ['partner'],
        params: referralIdParams,
        body: z.object({ token: tokenSchema }),
        response: {
          200: z.object({
            serviceName: z.string(),
            state: referralViewSchema.shape.state,
            stateText: z.string(),
            acknowledgedAt: z.string().nullable(),
            outcome: z.enum(OUTCOMES).nullable(),
          }),
        },
      },
    },
    async (request) => {
      const { referralId } = request.params;
      const found = checkPartnerToken(referrals.linkKey, referralId, request.body.token)
        ? await findReferral(referrals, referralId)
        : undefined;
      if (!found) throw referralNotFound();
      const { referral, serviceName } = found;
      return {
        serviceName,
        state: referral.state,
        stateText: stateText(referral),
        acknowledgedAt: referral.acknowledgedAt,
        outcome: referral.outcome,
      };
    },
  );

  app.post(
    '/referrals/:referralId/ack',
    {
      schema: {
        summary: 'Confirm receipt of a referral',
        tags: ['partner'],
        params: referralIdParams,
        body: z.object({ token: tokenSchema }),
      },
    },
    async (request, reply) => {
      const { referralId } = request.params;
      const answer = await acknowledgeReferral(referrals, referralId, request.body.token);
      if (!answer.ok) throw referralNotFound();
      if (!fromForm(request.headers['content-type'])) return { state: answer.referral.state };
      reply.type('text/html; charset=utf-8');
      return renderPartnerPage(
        { known: true, ...answer, token: request.body.token, saved: true },
        referralId,
      );
    },
  );

  app.post(
    '/referrals/:referralId/outcome',
    {
      schema: {
        summary: 'Report what came of a referral',
        tags: ['partner'],
        params: referralIdParams,
        body: z.object({ token: tokenSchema, outcome: z.enum(OUTCOMES) }),
      },
    },
    async (request, reply) => {
      const { referralId } = request.params;
      const { token, outcome } = request.body;
      const answer = await recordOutcome(referrals, referralId, token, outcome);
      if (!answer.ok) throw referralNotFound();
      if (!fromForm(request.headers['content-type'])) return { state: answer.referral.state };
      reply.type('text/html; charset=utf-8');
      return renderPartnerPage({ known: true, ...answer, token, saved: true }, referralId);
    },
  );
};
