import type { TdbLabel } from '../taxonomy.ts';

/** What a platform decided on a notice, as the worker records it from the platform's answer. */
export const PLATFORM_OUTCOMES = ['removed', 'restricted', 'no-action', 'other'] as const;
export type PlatformOutcome = (typeof PLATFORM_OUTCOMES)[number];
/** Outcomes where the platform acted on the content or account. */
const ACTED: ReadonlySet<PlatformOutcome> = new Set(['removed', 'restricted']);

/**
 * A statement-of-reasons id as platforms quote it: the Transparency Database's numeric ids, UUIDs, or a
 * platform's own reference. Checked loosely (one token of letters, digits and `-_.:/`, up to 100), since
 * the point is to find the statement later, not to parse it.
 */
export function isStatementOfReasonsId(value: string): boolean {
  return /^[A-Za-z0-9][A-Za-z0-9._:/-]{0,99}$/.test(value);
}

export type DecisionProblem = 'decision.before-sent' | 'decision.in-future' | 'decision.received-after';

/**
 * Whether recorded times make sense: received and decided not before the notice was sent, nothing in the
 * future (a few minutes' clock skew allowed), received not after decided. Null when they do.
 */
export function checkDecisionTimes(
  t: { sentAt: Date; receivedAt?: Date | undefined; decidedAt: Date },
  now: Date,
): DecisionProblem | null {
  const skewMs = 5 * 60_000;
  const received = t.receivedAt ?? t.decidedAt;
  if (t.decidedAt > new Date(now.getTime() + skewMs) || received > new Date(now.getTime() + skewMs))
    return 'decision.in-future';
  // Minute precision in the form: a decision in the same minute as sending is not "before".
  if (received.getTime() < t.sentAt.getTime() - 60_000) return 'decision.before-sent';
  if (received > t.decidedAt) return 'decision.received-after';
  return null;
}

/** One notice as the figures see it: clear metadata only. */
export type NoticeFact = {
  platform: string;
  category: string;
  tdb: TdbLabel;
  sentAt: Date;
  decidedAt?: Date | null | undefined;
  outcome?: PlatformOutcome | null | undefined;
};

export type PlatformResponseRow = {
  platform: string;
  category: string;
  tdb: TdbLabel;
  sent: number;
  answered: number;
  /** answered / sent, 0..1. */
  answeredShare: number;
  /** Hours from sending to the decision, over answered notices; null when none was answered. */
  medianHours: number | null;
  p90Hours: number | null;
  /** Notices the platform acted on (removed or restricted) over those answered; null when none was. */
  actedShare: number | null;
};

/**
 * The nearest-rank percentile (p in 0..100) of sorted values: the smallest value with at least p% of the
 * values at or below it. Used for the median too, so that every figure is a time that really occurred.
 */
export function nearestRank(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(rank, sorted.length) - 1]!;
}

const HOUR_MS = 3_600_000;

/**
 * Platform response figures per platform and category (issue 11): notices sent, share answered, median
 * and 90th-percentile hours to a decision, share acted on, each row with its Transparency Database label.
 * Rows are sorted by platform, then category, so a table and an export read the same.
 */
export function platformResponseFigures(notices: readonly NoticeFact[]): PlatformResponseRow[] {
  const groups = new Map<string, NoticeFact[]>();
  for (const n of notices) {
    // The same category maps to another label for a minor (taxonomy.ts): each label is its own row.
    const key = [n.platform, n.category, n.tdb.category, n.tdb.keyword].join('\u0000');
    groups.set(key, [...(groups.get(key) ?? []), n]);
  }
  const rows = [...groups.values()].map((list) => {
    const first = list[0]!;
    const answered = list.filter((n) => n.decidedAt && n.outcome);
    const hours = answered
      .map((n) => Math.max(0, (n.decidedAt!.getTime() - n.sentAt.getTime()) / HOUR_MS))
      .sort((a, b) => a - b);
    const acted = answered.filter((n) => ACTED.has(n.outcome!)).length;
    return {
      platform: first.platform,
      category: first.category,
      tdb: first.tdb,
      sent: list.length,
      answered: answered.length,
      answeredShare: answered.length / list.length,
      medianHours: nearestRank(hours, 50),
      p90Hours: nearestRank(hours, 90),
      actedShare: answered.length ? acted / answered.length : null,
    };
  });
  const order = (r: PlatformResponseRow) => [r.platform, r.category, r.tdb.keyword].join('\u0000');
  return rows.sort((a, b) => order(a).localeCompare(order(b)));
}

/** A platform response row as published: only what at least k notices are behind (docs/disclosure-control.md). */
export type PublishedPlatformRow = {
  platform: string;
  category: string;
  tdb: TdbLabel;
  sent: number;
  answeredShare: number;
  /** Null when fewer than k notices were answered. */
  medianHours: number | null;
  p90Hours: number | null;
  actedShare: number | null;
};

/**
 * The platform response figures the public statistics may show. A row with fewer than k notices sent is
 * left out; times and the share acted on need k answered notices. No total across rows is published, so
 * a left-out row cannot be recovered by subtraction.
 */
export function publishPlatformResponses(
  rows: readonly PlatformResponseRow[],
  k: number,
): PublishedPlatformRow[] {
  return rows
    .filter((r) => r.sent >= k)
    .map((r) => {
      const enoughAnswers = r.answered >= k;
      return {
        platform: r.platform,
        category: r.category,
        tdb: r.tdb,
        sent: r.sent,
        answeredShare: r.answeredShare,
        medianHours: enoughAnswers ? r.medianHours : null,
        p90Hours: enoughAnswers ? r.p90Hours : null,
        actedShare: enoughAnswers ? r.actedShare : null,
      };
    });
}
