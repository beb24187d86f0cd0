import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { FederationPeer } from '@vangnet/core';
import { type ServerReceipt, verifyCountersignature } from '@vangnet/crypto';
import { and, eq } from 'drizzle-orm';
import type { AppDeps } from '../app-deps.ts';
import { appendAudit } from '../audit/append-audit.ts';
import type { Db } from '../db/open-database.ts';
import { federatedReferrals, reports } from '../db/schema/index.ts';
import { isUniqueViolation } from '../services/db-errors.ts';
import { buildReceipt } from '../services/intake.ts';
import { recordReportEvent } from '../services/report-events.ts';
import { signStatement } from '../sign-statement.ts';
import type { FederatedPackage } from './federated-package.ts';
import { enqueuePeerStatus } from './report-back.ts';

const sha256Hex = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/**
 * A referral from a peer instance becomes a case in this helpline's queue: the sealed content (sealed to
 * this helpline in the sending console) is its body, the clear metadata its metadata, and this server
 * countersigns its own receipt of it. The sender's receipt of the original report is kept with the
 * federation record, with whether its signature holds under the peer's key. The same peer and referral id
 * make one case, however often the sender retries. The acknowledgement goes back through a job.
 */
export async function receiveFederatedReferral(
  deps: Pick<AppDeps, 'db' | 'pack' | 'signingKey'>,
  helplineId: string,
  peer: FederationPeer,
  pkg: FederatedPackage,
  now = new Date(),
): Promise<{ created: boolean }> {
  const existing = async () =>
    (
      await deps.db
        .select({ id: federatedReferrals.id })
        .from(federatedReferrals)
        .where(
          and(
            eq(federatedReferrals.peerId, peer.id),
            eq(federatedReferrals.remoteReferralId, pkg.referralId),
          ),
        )
    )[0];
  if (await existing()) return { created: false };
  const body = Buffer.from(pkg.sealed, 'base64');
  const { receipt, signature } = pkg.origin;
  const originVerified =
    receipt !== null &&
    signature !== null &&
    verifyCountersignature(receipt as ServerReceipt, signature, peer.publicKey);
  const platforms = deps.pack.countryPack?.platforms.map((p) => p.id) ?? [];
  try {
    await deps.db.transaction(async (tx) => {
      const caseId = randomUUID();
      const ownReceipt = buildReceipt(caseId, now, deps.pack.country, body, []);
      await tx.insert(reports).values({
        id: caseId,
        helplineId,
        country: deps.pack.country,
        packVersion: deps.pack.version,
        category: pkg.metadata.category,
        // Platform ids are the packs' own; one this pack does not know is "other".
        platform: platforms.includes(pkg.metadata.platform) ? pkg.metadata.platform : 'other',
        channel: null,
        role: pkg.metadata.role,
        ageBand: pkg.metadata.ageBand,
        flags: pkg.metadata.flags,
        status: 'new',
        // Anything sealed "to the reporter" of this case opens only for the sending helpline.
        reporterRecipient: peer.recipient,
        // Nobody holds a receipt code for this case here: the reporter follows up with the sender.
        accessTokenHash: sha256Hex(randomBytes(32)),
        body,
        bodySha256: sha256Hex(body),
        receipt: ownReceipt,
        signature: signStatement(ownReceipt, deps.signingKey.privateKey),
        createdAt: now,
        visibleAt: now,
      });
      const id = randomUUID();
      await tx.insert(federatedReferrals).values({
        id,
        peerId: peer.id,
        remoteReferralId: pkg.referralId,
        caseId,
        origin: {
          country: peer.country,
          helplineName: pkg.from.helplineName,
          packVersion: pkg.from.packVersion,
          consentAt: pkg.consent.recordedAt,
          shared: pkg.shared,
          referredAt: pkg.createdAt,
          receipt,
          signature,
          receiptVerified: originVerified,
        },
        receivedAt: now,
      });
      await recordReportEvent(tx, caseId, 'received', undefined, now);
      await recordReportEvent(tx, caseId, 'visible', undefined, now);
      await appendAudit(
        tx as Db,
        {
          actor: `peer:${peer.id}`,
          action: 'federation.received',
          caseId,
          detail: { peer: peer.country, referralId: pkg.referralId, receiptVerified: originVerified },
        },
        now,
      );
      await enqueuePeerStatus(
        tx as Db,
        { federatedId: id, peerId: peer.id, referralId: pkg.referralId },
        {
          acknowledgedAt: now.toISOString(),
        },
      );
    });
    return { created: true };
  } catch (error) {
    // Two deliveries of the same referral at once: the other one made the case.
    if (isUniqueViolation(error) && (await existing())) return { created: false };
    throw error;
  }
}
