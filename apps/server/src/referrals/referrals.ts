import { randomUUID } from 'node:crypto';
import type { CountryPack, FederationPeer, SharedPart } from '@vangnet/core';
import { and, eq, sql } from 'drizzle-orm';
import { appendAudit } from '../audit/append-audit.ts';
import type { Db } from '../db/open-database.ts';
import { jobs } from '../db/schema/index.ts';
import type { FederatedPackage, PeerStatus } from '../federation/federated-package.ts';
import { referralsRoute } from '../federation/federated-package.ts';
import { postToPeer } from '../federation/post-to-peer.ts';
import { deadJobs, enqueueJob, type Job, retryDeadJob } from '../jobs/queue.ts';
import type { JobHandler } from '../jobs/worker.ts';
import { recordReportEvent } from '../services/report-events.ts';
import { findCase } from '../staff/case-queries.ts';
import { DeliveryError, deliverEmail, deliverWebhook, type MailSettings } from './connectors.ts';
import type { Outcome, ReferralPackage } from './referral-package.ts';
import { checkPartnerToken, partnerToken } from './signing.ts';

export const REFERRAL_QUEUE = 'referral.deliver';
/** About a day of retries with the default backoff before a supervisor is asked to look. */
const MAX_ATTEMPTS = 12;

export type ReferralDeps = {
  db: Db;
  pack: CountryPack;
  helpline: { id: string; name: string };
  /** The address partners reach this server at, for their links (no trailing slash). */
  publicUrl: string;
  linkKey: Buffer;
  /** Connector secrets come from the environment, named by the pack's `secretEnv`. */
  secretOf: (name: string) => string | undefined;
  mail?: MailSettings;
  /** This instance's country and signing key: referrals to peer instances are signed with it. */
  self?: { country: string; privateKey: string };
};

/** Another member state's instance a case can be referred to, by its id in federation.yaml. */
export const peerOf = (pack: CountryPack, id: string): FederationPeer | undefined =>
  pack.federation?.find((p) => p.id === id);

/** The name the console and the reporter's timeline show for a referral's target. */
export function targetName(pack: CountryPack, serviceId: string): string {
  const peer = peerOf(pack, serviceId);
  return peer ? peer.helplineName : (pack.services.find((s) => s.id === serviceId)?.name ?? serviceId);
}

/**
 * The referral record is the delivery job's row: its payload holds what the job needs and, after
 * delivery, when the partner confirmed and what the outcome was. The sealed package is dropped from it
 * once delivered, so the server keeps no copy longer than needed.
 */
export type ReferralPayload = {
  referralId: string;
  caseId: string;
  helplineId: string;
  serviceId: string;
  country: string;
  packVersion: string;
  metadata: ReferralPackage['metadata'];
  consentAt: string;
  /** Names of the parts inside the sealed package (older referrals have none recorded). */
  shared?: SharedPart[];
  createdAt: string;
  sealed: string | null;
  deliveredAt?: string;
  acknowledgedAt?: string;
  outcome?: Outcome;
  outcomeAt?: string;
  /** Set for a referral to another member state's instance (federation.yaml); `serviceId` is the peer id. */
  peer?: {
    platform: string;
    origin: FederatedPackage['origin'];
  };
};

export type ReferralView = {
  referralId: string;
  serviceId: string;
  state: 'queued' | 'failed' | 'delivered' | 'acknowledged' | 'outcome';
  attempts: number;
  lastError: string | null;
  createdAt: string;
  deliveredAt: string | null;
  acknowledgedAt: string | null;
  outcome: Outcome | null;
  shared: SharedPart[];
};

export type CreateResult =
  | { ok: true; referralId: string; created: boolean }
  | { ok: false; code: 'case.not-found' | 'referral.unknown-service' | 'referral.no-connector' };

/** Queues a warm referral of a case to one of the pack's services; the same case and service once. */
export async function createReferral(
  deps: ReferralDeps,
  input: { caseId: string; workerId: string; serviceId: string; sealed: string; shared?: SharedPart[] },
  now = new Date(),
): Promise<CreateResult> {
  const peer = peerOf(deps.pack, input.serviceId);
  const service = peer ? undefined : deps.pack.services.find((s) => s.id === input.serviceId);
  if (!service && !peer) return { ok: false, code: 'referral.unknown-service' };
  if (service?.connector.type === 'none') return { ok: false, code: 'referral.no-connector' };
  const row = await findCase(deps.db, deps.helpline.id, input.caseId);
  if (!row) return { ok: false, code: 'case.not-found' };
  const targetId = (peer ?? service)!.id;
  const jobId = `referral:${input.caseId}:${input.serviceId}`;
  const payload: ReferralPayload = {
    referralId: randomUUID(),
    caseId: row.id,
    helplineId: deps.helpline.id,
    serviceId: targetId,
    country: row.country,
    packVersion: deps.pack.meta.version,
    metadata: {
      category: row.category as ReferralPayload['metadata']['category'],
      role: row.role as ReferralPayload['metadata']['role'],
      ageBand: row.ageBand as ReferralPayload['metadata']['ageBand'],
      flags: row.flags as ReferralPayload['metadata']['flags'],
    },
    consentAt: now.toISOString(),
    shared: input.shared ?? [],
    createdAt: now.toISOString(),
    sealed: input.sealed,
    ...(peer
      ? {
          peer: {
            platform: row.platform,
            origin: {
              receipt: (row.receipt as FederatedPackage['origin']['receipt']) ?? null,
              signature: row.signature ?? null,
            },
          },
        }
      : {}),
  };
  return deps.db.transaction(async (tx) => {
    const { created } = await enqueueJob(tx, REFERRAL_QUEUE, payload, {
      id: jobId,
      runAt: now,
      maxAttempts: MAX_ATTEMPTS,
    });
    if (!created) {
      const [existing] = await tx.select({ payload: jobs.payload }).from(jobs).where(eq(jobs.id, jobId));
      return {
        ok: true,
        referralId: (existing!.payload as ReferralPayload).referralId,
        created: false,
      } as const;
    }
    await appendAudit(
      tx as Db,
      {
        actor: `worker:${input.workerId}`,
        action: 'case.referral',
        caseId: row.id,
        detail: {
          serviceId: targetId,
          ...(peer ? { peer: peer.country } : {}),
          referralId: payload.referralId,
          consent: true,
          shared: payload.shared ?? [],
        },
      },
      now,
    );
    return { ok: true, referralId: payload.referralId, created: true } as const;
  });
}

/** The job handler: builds the package and hands it over through the service's connector. */
export function referralDeliveryHandler(deps: ReferralDeps): JobHandler {
  return async (job, now) => {
    const payload = job.payload as ReferralPayload;
    // Delivered before, or the partner already confirmed it: a late retry must not send it twice.
    if (payload.sealed === null || payload.acknowledgedAt) return;
    if (payload.peer) {
      const peer = peerOf(deps.pack, payload.serviceId);
      if (!peer) throw new DeliveryError(`peer ${payload.serviceId} is no longer in the pack`);
      await deliverToPeer(deps, peer, payload, payload.sealed, payload.peer, now);
      await markDelivered(deps, job, payload, peer.helplineName, now);
      return;
    }
    const service = deps.pack.services.find((s) => s.id === payload.serviceId);
    if (!service) throw new DeliveryError(`service ${payload.serviceId} is no longer in the pack`);
    const pkg: ReferralPackage = {
      version: 1,
      referralId: payload.referralId,
      country: payload.country,
      packVersion: payload.packVersion,
      service: { id: service.id, name: service.name },
      from: { helplineId: deps.helpline.id, helplineName: deps.helpline.name },
      metadata: payload.metadata,
      consent: { recordedAt: payload.consentAt },
      shared: payload.shared ?? [],
      createdAt: payload.createdAt,
      sealed: payload.sealed,
      partnerUrl: `${deps.publicUrl}/api/v1/partner/referrals/${payload.referralId}`,
      link: '',
      token: partnerToken(deps.linkKey, payload.referralId),
    };
    pkg.link = `${pkg.partnerUrl}#token=${pkg.token}`;
    const connector = service.connector;
    if (connector.type === 'webhook') {
      const secret = deps.secretOf(connector.secretEnv);
      if (!secret) throw new DeliveryError(`environment variable ${connector.secretEnv} is not set`);
      await deliverWebhook({ url: connector.url, secret }, pkg, now);
    } else if (connector.type === 'email') {
      if (!deps.mail) throw new DeliveryError('no SMTP server is configured');
      await deliverEmail(deps.mail, connector.to, pkg);
    } else {
      throw new DeliveryError(`service ${service.id} has no connector`);
    }
    await markDelivered(deps, job, payload, service.name, now);
  };
}

/** The referral is with the partner: the sealed copy is dropped, the reporter's timeline says so. */
async function markDelivered(
  deps: ReferralDeps,
  job: Job,
  payload: ReferralPayload,
  targetName: string,
  now: Date,
): Promise<void> {
  await deps.db.transaction(async (tx) => {
    // Merged in the database, not written from this job's copy: a peer's acknowledgement may already be in.
    const delivered = JSON.stringify({ sealed: null, deliveredAt: now.toISOString() });
    await tx
      .update(jobs)
      .set({ payload: sql`${jobs.payload} || ${delivered}::jsonb` })
      .where(eq(jobs.id, job.id));
    await addTimelineEvent(tx as Db, payload, 'handed-over', targetName, now);
    await appendAudit(
      tx as Db,
      {
        actor: 'system',
        action: 'referral.delivered',
        caseId: payload.caseId,
        detail: { referralId: payload.referralId, serviceId: payload.serviceId, attempts: job.attempts },
      },
      now,
    );
  });
}

/** Sends the referral to another member state's instance, signed with this server's key. */
async function deliverToPeer(
  deps: ReferralDeps,
  peer: FederationPeer,
  payload: ReferralPayload,
  sealed: string,
  federated: NonNullable<ReferralPayload['peer']>,
  now: Date,
): Promise<void> {
  if (!deps.self) throw new DeliveryError('this instance has no signing key for peers');
  const pkg = federatedPackageOf(deps.self.country, deps.helpline.name, peer, payload, sealed, federated);
  await postToPeer(peer, referralsRoute(), pkg, deps.self, now);
}

/** The package a peer receives: the same bytes on every attempt, so a retry is recognised by its id. */
export function federatedPackageOf(
  country: string,
  helplineName: string,
  peer: FederationPeer,
  payload: ReferralPayload,
  sealed: string,
  federated: NonNullable<ReferralPayload['peer']>,
): FederatedPackage {
  return {
    version: 1,
    kind: 'vangnet-federated-referral',
    referralId: payload.referralId,
    from: { country, helplineName, packVersion: payload.packVersion },
    to: { country: peer.country },
    metadata: { ...payload.metadata, platform: federated.platform },
    consent: { recordedAt: payload.consentAt },
    shared: payload.shared ?? [],
    createdAt: payload.createdAt,
    sealed,
    origin: federated.origin,
  };
}

export type PartnerAnswer = { ok: true; referral: ReferralView; serviceName: string } | { ok: false };

/** The partner confirms receipt; a second confirmation changes nothing. A wrong token looks like no referral. */
export async function acknowledgeReferral(
  deps: ReferralDeps,
  referralId: string,
  token: string,
  now = new Date(),
): Promise<PartnerAnswer> {
  return partnerUpdate(deps, referralId, token, now, (payload) =>
    payload.acknowledgedAt ? null : { ...payload, acknowledgedAt: now.toISOString() },
  );
}

/** The partner reports what came of it; the first answer stands, a changed outcome is recorded too. */
export async function recordOutcome(
  deps: ReferralDeps,
  referralId: string,
  token: string,
  outcome: Outcome,
  now = new Date(),
): Promise<PartnerAnswer> {
  return partnerUpdate(deps, referralId, token, now, (payload) =>
    payload.outcome === outcome
      ? null
      : {
          ...payload,
          acknowledgedAt: payload.acknowledgedAt ?? now.toISOString(),
          outcome,
          outcomeAt: now.toISOString(),
        },
  );
}

async function partnerUpdate(
  deps: ReferralDeps,
  referralId: string,
  token: string,
  now: Date,
  change: (payload: ReferralPayload) => ReferralPayload | null,
): Promise<PartnerAnswer> {
  if (!checkPartnerToken(deps.linkKey, referralId, token)) return { ok: false };
  return updateReferral(deps, referralId, now, change);
}

/**
 * A peer instance reports that it received a referral (`acknowledgedAt`) and, later, its outcome. Only
 * the peer the referral went to may answer it; an outcome older than the one recorded changes nothing.
 */
export async function recordPeerStatus(
  deps: ReferralDeps,
  peerId: string,
  referralId: string,
  status: PeerStatus,
  now = new Date(),
): Promise<PartnerAnswer> {
  return updateReferral(
    deps,
    referralId,
    now,
    (payload) => {
      const acknowledgedAt = payload.acknowledgedAt ?? status.acknowledgedAt;
      const newer =
        status.outcome !== undefined &&
        status.outcome !== payload.outcome &&
        (!payload.outcomeAt || !status.outcomeAt || status.outcomeAt > payload.outcomeAt);
      if (!newer && payload.acknowledgedAt) return null;
      return newer
        ? {
            ...payload,
            acknowledgedAt,
            outcome: status.outcome,
            outcomeAt: status.outcomeAt ?? now.toISOString(),
          }
        : { ...payload, acknowledgedAt };
    },
    (payload) => payload.peer !== undefined && payload.serviceId === peerId,
    `peer:${peerId}`,
  );
}

async function updateReferral(
  deps: ReferralDeps,
  referralId: string,
  now: Date,
  change: (payload: ReferralPayload) => ReferralPayload | null,
  mayAnswer: (payload: ReferralPayload) => boolean = (payload) => payload.peer === undefined,
  actor?: string,
): Promise<PartnerAnswer> {
  return deps.db.transaction(async (tx) => {
    const [row] = await tx
      .select()
      .from(jobs)
      .where(and(eq(jobs.queue, REFERRAL_QUEUE), sql`${jobs.payload}->>'referralId' = ${referralId}`))
      .for('update');
    if (!row || !mayAnswer(row.payload as ReferralPayload)) return { ok: false } as const;
    const before = row.payload as ReferralPayload;
    const serviceName = targetName(deps.pack, before.serviceId);
    const after = change(before);
    if (after) {
      await tx.update(jobs).set({ payload: after }).where(eq(jobs.id, row.id));
      if (!before.acknowledgedAt && after.acknowledgedAt) {
        await addTimelineEvent(tx as Db, after, 'partner-confirmed', serviceName, now);
      }
      if (after.outcome && after.outcome !== before.outcome) {
        await addTimelineEvent(tx as Db, after, 'partner-outcome', serviceName, now, {
          outcome: after.outcome,
        });
      }
      await appendAudit(
        tx as Db,
        {
          actor: actor ?? `partner:${before.serviceId}`,
          action: after.outcome !== before.outcome ? 'referral.outcome' : 'referral.acknowledged',
          caseId: before.caseId,
          detail: { referralId, ...(after.outcome ? { outcome: after.outcome } : {}) },
        },
        now,
      );
    }
    return { ok: true, referral: viewOf({ ...row, payload: after ?? before }), serviceName } as const;
  });
}

/** The reporter's timeline shows only the service's public name and what happened, never the partner's reply. */
async function addTimelineEvent(
  db: Db,
  payload: ReferralPayload,
  event: 'handed-over' | 'partner-confirmed' | 'partner-outcome',
  serviceName: string,
  now: Date,
  extra: Record<string, string> = {},
): Promise<void> {
  await recordReportEvent(
    db,
    payload.caseId,
    event,
    { serviceId: payload.serviceId, service: serviceName, ...extra },
    now,
  );
}

/** One referral by its id, for the partner page (the caller has checked the token). */
export async function findReferral(
  deps: ReferralDeps,
  referralId: string,
): Promise<{ referral: ReferralView; serviceName: string } | undefined> {
  const [row] = await deps.db
    .select()
    .from(jobs)
    .where(and(eq(jobs.queue, REFERRAL_QUEUE), sql`${jobs.payload}->>'referralId' = ${referralId}`));
  if (!row) return undefined;
  const payload = row.payload as ReferralPayload;
  // A peer instance answers through its signed endpoint, not through a partner link.
  if (payload.peer) return undefined;
  return { referral: viewOf(row), serviceName: targetName(deps.pack, payload.serviceId) };
}

export async function caseReferrals(deps: ReferralDeps, caseId: string): Promise<ReferralView[]> {
  const rows = await deps.db
    .select()
    .from(jobs)
    .where(and(eq(jobs.queue, REFERRAL_QUEUE), sql`${jobs.payload}->>'caseId' = ${caseId}`))
    .orderBy(jobs.createdAt);
  return rows.map(viewOf);
}

/** Referrals that used all their attempts, for a supervisor: this helpline's only. */
export async function failedReferrals(deps: ReferralDeps): Promise<(ReferralView & { caseId: string })[]> {
  const dead = await deadJobs(deps.db, [REFERRAL_QUEUE]);
  return dead
    .filter((job) => (job.payload as ReferralPayload).helplineId === deps.helpline.id)
    .map((job) => ({ ...viewOf(job), caseId: (job.payload as ReferralPayload).caseId }));
}

/** A supervisor's "try again" on a failed referral of their helpline: the referral retried, if any. */
export async function retryReferral(
  deps: ReferralDeps,
  referralId: string,
  now = new Date(),
): Promise<{ caseId: string; serviceId: string } | null> {
  const failed = await failedReferrals(deps);
  const match = failed.find((r) => r.referralId === referralId);
  if (!match) return null;
  const retried = await retryDeadJob(deps.db, `referral:${match.caseId}:${match.serviceId}`, now);
  return retried ? { caseId: match.caseId, serviceId: match.serviceId } : null;
}

function viewOf(job: Job | typeof jobs.$inferSelect): ReferralView {
  const p = job.payload as ReferralPayload;
  const state: ReferralView['state'] = p.outcome
    ? 'outcome'
    : p.acknowledgedAt
      ? 'acknowledged'
      : p.deliveredAt
        ? 'delivered'
        : job.deadAt
          ? 'failed'
          : 'queued';
  return {
    referralId: p.referralId,
    serviceId: p.serviceId,
    state,
    attempts: job.attempts,
    lastError: job.lastError,
    createdAt: p.createdAt,
    deliveredAt: p.deliveredAt ?? null,
    acknowledgedAt: p.acknowledgedAt ?? null,
    outcome: p.outcome ?? null,
    shared: p.shared ?? [],
  };
}
