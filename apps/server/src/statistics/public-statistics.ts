import {
  AGE_BANDS,
  CATEGORY_CODES,
  type PublishedBreakdown,
  type PublishedLeadTime,
  type PublishedStatistics,
  publishStatistics,
  ROLES,
  TDB_MAPPING,
} from '@vangnet/core';
import {
  type PublishedPlatformRow,
  platformResponseFigures,
  publishPlatformResponses,
} from '@vangnet/core/dsa/platform-response';
import { TDB_SOURCE } from '@vangnet/core/dsa/tdb';
import type { ActivePack } from '../active-pack.ts';
import type { Db } from '../db/open-database.ts';
import { platformNoticeFacts } from '../platform-notices/notice-facts.ts';
import { staffPolicyOf } from '../staff/staff-policy.ts';
import {
  countFeedback,
  countReports,
  FEEDBACK_ANSWERS,
  FEEDBACK_QUESTIONS,
  type FeedbackQuestion,
  measureFirstContact,
  measureReferrals,
} from './count-metadata.ts';

/** Default smallest figure (docs/disclosure-control.md); a pack sets its own as `statistics.minCell`. */
export const DEFAULT_MIN_CELL = 10;
/** Months on the page: this one and the eleven before it. */
export const PUBLISHED_MONTHS = 12;

/**
 * The open-data document (docs/public-statistics.md, schema in docs/public-statistics.schema.json).
 * `null` means hidden: fewer than k, or hidden so that a hidden figure cannot be worked out.
 */
export type PublicStatistics = {
  $schema: string;
  version: 1;
  instance: { country: string; packVersion: string };
  generatedAt: string;
  k: number;
  periods: PublishedStatistics['periods'];
  /** Category codes of the common taxonomy with their DSA Transparency Database labels. */
  taxonomy: {
    tdb: { source: string; version: string };
    categories: {
      code: string;
      adult: { category: string; keyword: string };
      minor?: { category: string; keyword: string };
    }[];
  };
  reports: {
    category: PublishedBreakdown;
    platform: PublishedBreakdown;
    ageBand: PublishedBreakdown;
    role: PublishedBreakdown;
  };
  firstContact: {
    target: { default: string; urgent: string };
    all: Record<string, PublishedLeadTime | null>;
    urgent: Record<string, PublishedLeadTime | null>;
  };
  referrals: {
    count: PublishedBreakdown;
    services: {
      id: string;
      target: { handover: string; confirmation: string };
      handover: Record<string, PublishedLeadTime | null>;
      confirmation: Record<string, PublishedLeadTime | null>;
    }[];
  };
  feedback: Record<FeedbackQuestion, PublishedBreakdown>;
  /**
   * Platform response figures (DSA notices sent as trusted flagger, issue 11) over the published months,
   * per platform × category with its Transparency Database label; only rows with at least k notices.
   */
  platforms: { rows: PublishedPlatformRow[] };
};

export const STATISTICS_SCHEMA_URL = '/api/v1/public/statistics.schema.json';

/** `YYYY-MM` of a date, in UTC. */
export const monthOf = (d: Date) => d.toISOString().slice(0, 7);

/** The published months ending with `now`'s month, oldest first. */
export function publishedMonths(now: Date, count = PUBLISHED_MONTHS): string[] {
  const out: string[] = [];
  for (let i = count - 1; i >= 0; i--)
    out.push(monthOf(new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - i, 1))));
  return out;
}

export function minCellOf(pack: ActivePack): number {
  return pack.countryPack?.meta.statistics?.minCell ?? DEFAULT_MIN_CELL;
}

export async function computePublicStatistics(
  db: Db,
  pack: ActivePack,
  helplineId: string,
  now: Date,
): Promise<PublicStatistics> {
  const months = publishedMonths(now);
  const first = months[0] as string;
  const range = {
    from: new Date(`${first}-01T00:00:00Z`),
    to: new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1)),
  };
  const policy = staffPolicyOf(pack.countryPack ?? pack);
  const k = minCellOf(pack);
  const services = pack.countryPack?.services ?? [];
  const platforms = [
    ...new Set([
      ...(pack.countryPack?.platforms ?? []).map((p) => p.id).filter((id) => id !== 'other'),
      'other',
    ]),
  ];
  const [reportCounts, firstContact, referrals, feedback, notices] = await Promise.all([
    countReports(db, helplineId, range),
    measureFirstContact(db, helplineId, policy, range),
    measureReferrals(db, helplineId, pack.countryPack, range),
    countFeedback(db, helplineId, range),
    platformNoticeFacts(db, helplineId, range),
  ]);
  const none = new Map<string, number>();
  const serviceIds = services.map((s) => s.id);
  const published = publishStatistics({
    k,
    months,
    breakdowns: {
      category: {
        family: 'reports',
        values: CATEGORY_CODES,
        counts: reportCounts.get('category') ?? none,
        catchAll: 'other',
      },
      platform: {
        family: 'reports',
        values: platforms,
        counts: reportCounts.get('platform') ?? none,
        catchAll: 'other',
      },
      ageBand: { family: 'reports', values: AGE_BANDS, counts: reportCounts.get('ageBand') ?? none },
      role: { family: 'reports', values: ROLES, counts: reportCounts.get('role') ?? none },
      service: { family: 'referrals', values: serviceIds, counts: referrals.counts },
      ...Object.fromEntries(
        FEEDBACK_QUESTIONS.map((q) => [
          `feedback.${q}`,
          { family: `feedback.${q}`, values: FEEDBACK_ANSWERS, counts: feedback.get(q) ?? none },
        ]),
      ),
    },
    leadTimes: {
      'firstContact.all': firstContact.all,
      'firstContact.urgent': firstContact.urgent,
      ...Object.fromEntries(serviceIds.map((id) => [`handover.${id}`, referrals.handover[id] ?? {}])),
      ...Object.fromEntries(serviceIds.map((id) => [`confirmation.${id}`, referrals.confirmation[id] ?? {}])),
    },
  });
  const b = (name: string) => published.breakdowns[name] as PublishedBreakdown;
  const lt = (name: string) => published.leadTimes[name] ?? {};
  return {
    $schema: STATISTICS_SCHEMA_URL,
    version: 1,
    instance: { country: pack.country, packVersion: pack.version },
    generatedAt: now.toISOString(),
    k,
    periods: published.periods,
    taxonomy: {
      tdb: TDB_SOURCE,
      categories: CATEGORY_CODES.map((code) => ({ code, ...TDB_MAPPING[code] })),
    },
    reports: { category: b('category'), platform: b('platform'), ageBand: b('ageBand'), role: b('role') },
    firstContact: {
      target: { default: policy.firstContact.default, urgent: policy.firstContact.urgent },
      all: lt('firstContact.all'),
      urgent: lt('firstContact.urgent'),
    },
    referrals: {
      count: b('service'),
      services: services.map((s) => ({
        id: s.id,
        target: { handover: s.leadTimes.handover, confirmation: s.leadTimes.firstContact },
        handover: lt(`handover.${s.id}`),
        confirmation: lt(`confirmation.${s.id}`),
      })),
    },
    feedback: {
      heard: b('feedback.heard'),
      helped: b('feedback.helped'),
      fastEnough: b('feedback.fastEnough'),
    },
    platforms: { rows: publishPlatformResponses(platformResponseFigures(notices), k) },
  };
}
