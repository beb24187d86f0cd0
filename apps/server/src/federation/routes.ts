import type { FederationPeer } from '@vangnet/core';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../app-deps.ts';
import { appendAudit } from '../audit/append-audit.ts';
import { Problem } from '../http/problem.ts';
import { type ReferralDeps, recordPeerStatus } from '../referrals/referrals.ts';
import { FEDERATION_PREFIX, federatedPackageSchema, peerStatusSchema } from './federated-package.ts';
import { claimedSender, PEER_SIGNATURE_HEADER, verifyPeerRequest } from './peer-signature.ts';
import { receiveFederatedReferral } from './receive.ts';

/** An age file starts with this line; anything else is refused so plaintext never reaches the queue. */
const AGE_HEADER = Buffer.from('age-encryption.org/v1\n');
/** A package carries up to 700 000 base64 characters of ciphertext. */
const BODY_LIMIT = 800_000;

type PeerRequest = FastifyRequest & { rawBody?: string; peer?: FederationPeer };

/**
 * Federation between member states (mounted at `/api/v1/federation`; docs/federation.md). Another
 * instance on this pack's peer list (federation.yaml) posts referrals here and reports back on referrals
 * this one sent it. Every request is signed with the sending server's Ed25519 key; a request from an
 * instance not on the list, or with a signature that does not hold, is refused with problem+json before
 * its body is looked at, audited, and nothing is stored.
 */
export const federationRoutes: FastifyPluginAsyncZod<{
  deps: AppDeps;
  referrals: ReferralDeps;
}> = async (app, { deps, referrals }) => {
  const pack = referrals.pack;
  const own = pack.meta.code;
  // The signature covers the body's exact bytes, so it is kept as received before it is parsed.
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    (request as PeerRequest).rawBody = body as string;
    try {
      done(null, JSON.parse(body as string));
    } catch {
      done(new Problem(400, 'request.invalid-json', 'The body is not valid JSON'), undefined);
    }
  });

  app.addHook('preValidation', async (request: PeerRequest) => {
    const claimed = claimedSender(request.headers[PEER_SIGNATURE_HEADER] as string | undefined);
    const peer = claimed ? pack.federation?.find((p) => p.country === claimed) : undefined;
    const path = request.url.split('?')[0]!;
    const route = `${request.method} ${path.slice(path.indexOf(FEDERATION_PREFIX))}`;
    const refuse = async (status: number, code: string, title: string, reason: string) => {
      await appendAudit(deps.db, {
        actor: `peer:${claimed ?? 'unknown'}`,
        action: 'federation.refused',
        detail: { reason, route: route.slice(0, 120) },
      });
      throw new Problem(status, code, title);
    };
    if (!peer) {
      await refuse(403, 'federation.unknown-peer', 'This instance is not on the peer list', 'unknown-peer');
      return;
    }
    const signed = verifyPeerRequest(
      {
        to: own,
        route,
        body: request.rawBody ?? '',
        header: request.headers[PEER_SIGNATURE_HEADER] as string | undefined,
      },
      peer.publicKey,
      new Date(),
    );
    if (!signed) {
      await refuse(
        401,
        'federation.bad-signature',
        'The request is not signed by this peer',
        'bad-signature',
      );
    }
    request.peer = peer;
  });

  app.post(
    '/referrals',
    {
      bodyLimit: BODY_LIMIT,
      schema: {
        summary: 'A referral from another member state’s instance (signed; peers on the pack’s list only)',
        description:
          'Creates a case in this helpline’s queue; the same referral id again answers 200 and adds nothing. ' +
          'Header `Vangnet-Peer-Signature: from=<country>,t=<unix>,sig=<Ed25519 hex>` (docs/federation.md).',
        tags: ['federation'],
        body: federatedPackageSchema,
        response: {
          201: z.object({ state: z.literal('received') }),
          200: z.object({ state: z.literal('received') }),
        },
      },
    },
    async (request, reply) => {
      const peer = (request as PeerRequest).peer!;
      const pkg = request.body;
      if (pkg.to.country !== own || pkg.from.country !== peer.country) {
        throw new Problem(422, 'federation.wrong-address', 'This referral is not addressed to this instance');
      }
      if (!Buffer.from(pkg.sealed, 'base64').subarray(0, AGE_HEADER.length).equals(AGE_HEADER)) {
        throw new Problem(422, 'referral.not-sealed', 'The package must be sealed to the receiving helpline');
      }
      const { created } = await receiveFederatedReferral(deps, referrals.helpline.id, peer, pkg);
      reply.code(created ? 201 : 200);
      return { state: 'received' as const };
    },
  );

  app.post(
    '/referrals/:referralId/status',
    {
      schema: {
        summary: 'A peer reports receipt and outcome of a referral this instance sent it (signed)',
        tags: ['federation'],
        params: z.object({ referralId: z.uuid() }),
        body: peerStatusSchema,
        response: { 200: z.object({ state: z.string() }) },
      },
    },
    async (request) => {
      const peer = (request as PeerRequest).peer!;
      const answer = await recordPeerStatus(referrals, peer.id, request.params.referralId, request.body);
      if (!answer.ok) throw new Problem(404, 'referral.not-found', 'There is no such referral');
      return { state: answer.referral.state };
    },
  );
};
