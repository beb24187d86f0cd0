import { type CountryPack, leadTimeMs } from '@vangnet/core';
import { and, eq, gte } from 'drizzle-orm';
import type { Db } from '../db/open-database.ts';
import { jobs } from '../db/schema/index.ts';
import { REFERRAL_QUEUE } from './referrals.ts';

/**
 * Measured lead times of warm referrals per service (seed 004: process norms that are "measurable and
 * public"). Figures only, no case ids: ready for a statistics page, which applies its own k-anonymity.
 */
export type ServiceLeadTimes = {
  serviceId: string;
  referrals: number;
  delivered: number;
  confirmed: number;
  /** Median time from referral to delivery, and from delivery to the partner's confirmation. */
  medianHandoverMs: number | null;
  medianConfirmationMs: number | null;
  /** Share of delivered referrals handed over within the service's `leadTimes.handover` target. */
  handoverWithinTarget: number | null;
  /** Share of confirmed referrals confirmed within the service's `leadTimes.firstContact` target. */
  confirmationWithinTarget: number | null;
};

type Timestamps = {
  serviceId: string;
  createdAt: string;
  deliveredAt?: string;
  acknowledgedAt?: string;
};

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

const share = (hits: number, of: number) => (of === 0 ? null : hits / of);

/** Pure: the figures from the referrals' timestamps. */
export function summariseLeadTimes(
  pack: Pick<CountryPack, 'services'>,
  referrals: readonly Timestamps[],
): ServiceLeadTimes[] {
  const byService = new Map<string, Timestamps[]>();
  for (const r of referrals) byService.set(r.serviceId, [...(byService.get(r.serviceId) ?? []), r]);
  return [...byService]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([serviceId, list]) => {
      const service = pack.services.find((s) => s.id === serviceId);
      const handover = list
        .filter((r) => r.deliveredAt)
        .map((r) => Date.parse(r.deliveredAt!) - Date.parse(r.createdAt));
      const confirmation = list
        .filter((r) => r.deliveredAt && r.acknowledgedAt)
        .map((r) => Math.max(0, Date.parse(r.acknowledgedAt!) - Date.parse(r.deliveredAt!)));
      const handoverTarget = service ? leadTimeMs(service.leadTimes.handover) : null;
      const confirmTarget = service ? leadTimeMs(service.leadTimes.firstContact) : null;
      return {
        serviceId,
        referrals: list.length,
        delivered: handover.length,
        confirmed: confirmation.length,
        medianHandoverMs: median(handover),
        medianConfirmationMs: median(confirmation),
        handoverWithinTarget:
          handoverTarget === null
            ? null
            : share(handover.filter((ms) => ms <= handoverTarget).length, handover.length),
        confirmationWithinTarget:
          confirmTarget === null
            ? null
            : share(confirmation.filter((ms) => ms <= confirmTarget).length, confirmation.length),
      };
    });
}

/** Referrals created since `since`, summarised per service. */
export async function measureReferralLeadTimes(
  db: Db,
  pack: Pick<CountryPack, 'services'>,
  since: Date,
): Promise<ServiceLeadTimes[]> {
  const rows = await db
    .select({ payload: jobs.payload })
    .from(jobs)
    .where(and(eq(jobs.queue, REFERRAL_QUEUE), gte(jobs.createdAt, since)));
  return summariseLeadTimes(
    pack,
    rows.map((r) => r.payload as Timestamps),
  );
}
