import type { CountryPack } from '@vangnet/core';
import { eq } from 'drizzle-orm';
import type { Db } from '../db/open-database.ts';
import { federatedReferrals } from '../db/schema/index.ts';
import { enqueueJob } from '../jobs/queue.ts';
import type { JobHandler } from '../jobs/worker.ts';
import { DeliveryError } from '../referrals/connectors.ts';
import type { Outcome } from '../referrals/referral-package.ts';
import { type PeerStatus, statusRoute } from './federated-package.ts';
import { postToPeer } from './post-to-peer.ts';

export const PEER_STATUS_QUEUE = 'federation.status';
/** About a day of retries with the default backoff, as for a referral. */
const MAX_ATTEMPTS = 12;

type PeerStatusJob = { peerId: string; referralId: string; status: PeerStatus };

/**
 * Queues a report back to the sending instance; the job id makes each answer once (a second
 * acknowledgement or the same outcome again adds nothing). Runs in the caller's transaction.
 */
export async function enqueuePeerStatus(
  db: Db,
  ref: { federatedId: string; peerId: string; referralId: string },
  status: PeerStatus,
): Promise<void> {
  const id = `federation-status:${ref.federatedId}:${status.outcome ?? 'ack'}:${status.outcomeAt ?? ''}`;
  const payload: PeerStatusJob = { peerId: ref.peerId, referralId: ref.referralId, status };
  await enqueueJob(db, PEER_STATUS_QUEUE, payload, { id, maxAttempts: MAX_ATTEMPTS });
}

/** What a status change of a case a peer sent tells the sender (the reporter sees it on the sender's side). */
const OUTCOME_OF_STATUS: Record<string, Outcome> = {
  contacted: 'accepted',
  'in-progress': 'accepted',
  referred: 'referred-on',
  closed: 'resolved',
};

/** Called with every status change: a case from a peer reports its outcome back; any other case, nothing. */
export async function reportOutcomeToPeer(db: Db, caseId: string, status: string, at: Date): Promise<void> {
  const outcome = OUTCOME_OF_STATUS[status];
  if (!outcome) return;
  const [row] = await db.select().from(federatedReferrals).where(eq(federatedReferrals.caseId, caseId));
  if (!row) return;
  await enqueuePeerStatus(
    db,
    { federatedId: row.id, peerId: row.peerId, referralId: row.remoteReferralId },
    { acknowledgedAt: row.receivedAt.toISOString(), outcome, outcomeAt: at.toISOString() },
  );
}

/** The job handler: posts the status to the peer, signed with this server's key. */
export function peerStatusHandler(
  pack: CountryPack,
  self: { country: string; privateKey: string },
): JobHandler {
  return async (job, now) => {
    const { peerId, referralId, status } = job.payload as PeerStatusJob;
    const peer = pack.federation?.find((p) => p.id === peerId);
    if (!peer) throw new DeliveryError(`peer ${peerId} is no longer in the pack`);
    await postToPeer(peer, statusRoute(referralId), status, self, now);
  };
}
