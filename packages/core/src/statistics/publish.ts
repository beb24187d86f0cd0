import { mergeRareValues, periodBreakdown, suppressSmallCells } from './disclosure.ts';

/**
 * The published figures (docs/public-statistics.md) from counted metadata: every count goes through
 * `mergeRareValues` and `suppressSmallCells`, every lead time is shown only for a group of at least k cases.
 * Pure: the server counts in SQL and passes the counts in; this decides what may be shown.
 */

/** One breakdown's counts per atomic cell `YYYY-MM|value`. */
export interface BreakdownInput {
  /** Values in the order the page lists them (taxonomy order). Values not listed are ignored. */
  values: readonly string[];
  counts: ReadonlyMap<string, number>;
  /** Rare values (fewer than k over the whole period) are counted under this value instead. */
  catchAll?: string;
  /**
   * Breakdowns of the same population (category, platform, age band, role of the same reports) share their
   * totals: a total hidden in one is hidden in all, so one breakdown's total cannot undo another's hiding.
   */
  family: string;
}

/** A group of measured spans for one period, as SQL returns it. */
export interface LeadTimeInput {
  /** Cases measured (the spans the percentiles are taken over). */
  n: number;
  medianMs: number | null;
  p90Ms: number | null;
  /** Share of the n within the target (0..1), or null when there is no target. */
  withinTarget: number | null;
}

export interface StatisticsInput {
  k: number;
  /** The months covered, `YYYY-MM`, ascending. */
  months: readonly string[];
  breakdowns: Readonly<Record<string, BreakdownInput>>;
  /** Per named group (e.g. `firstContact.all`), per period (month, `YYYY-Qn`, `YYYY`). */
  leadTimes: Readonly<Record<string, Readonly<Record<string, LeadTimeInput>>>>;
}

/** A count that may be shown, or null: hidden (fewer than k, or hidden to protect one that is). */
export type PublishedCount = number | null;

export interface PublishedBreakdown {
  values: string[];
  /** Rare values and the value they were counted under. */
  merged: Record<string, string>;
  /** Per period, per value and `total`. */
  rows: Record<string, Record<string, PublishedCount>>;
}

export interface PublishedLeadTime {
  medianMs: number;
  p90Ms: number;
  withinTarget: number | null;
}

export interface PublishedStatistics {
  k: number;
  periods: { months: string[]; quarters: string[]; years: string[] };
  breakdowns: Record<string, PublishedBreakdown>;
  /** Per group, per period; null when fewer than k cases were measured. */
  leadTimes: Record<string, Record<string, PublishedLeadTime | null>>;
}

/** `YYYY-Qn` of a `YYYY-MM` month. */
export function quarterOf(month: string): string {
  return `${month.slice(0, 4)}-Q${Math.floor((Number(month.slice(5, 7)) - 1) / 3) + 1}`;
}

export function periodsOf(months: readonly string[]): PublishedStatistics['periods'] {
  return {
    months: [...months],
    quarters: [...new Set(months.map(quarterOf))],
    years: [...new Set(months.map((m) => m.slice(0, 4)))],
  };
}

export function publishStatistics(input: StatisticsInput): PublishedStatistics {
  const periods = periodsOf(input.months);
  const allPeriods = [...periods.months, ...periods.quarters, ...periods.years];
  const suppressed = new Map<
    string,
    { values: string[]; merged: Record<string, string>; shown: Map<string, number>; hidden: Set<string> }
  >();
  for (const [dimension, b] of Object.entries(input.breakdowns)) {
    const { values, counts, merged } = mergeBreakdown(b, input.months, input.k);
    const { figures, relations } = periodBreakdown(dimension, input.months, values);
    const result = suppressSmallCells({ counts, figures, relations, k: input.k });
    suppressed.set(dimension, { values, merged, shown: result.shown, hidden: result.hidden });
  }
  // Totals hidden in one breakdown of a family are hidden in every breakdown of it. Hiding more never
  // makes a hidden figure recoverable (the shown figures' span only shrinks).
  const families = new Map<string, string[]>();
  for (const [dimension, b] of Object.entries(input.breakdowns))
    families.set(b.family, [...(families.get(b.family) ?? []), dimension]);
  for (const dimensions of families.values()) {
    for (const period of allPeriods) {
      const anyHidden = dimensions.some((d) => suppressed.get(d)?.hidden.has(`${d}:${period}:total`));
      if (!anyHidden) continue;
      for (const d of dimensions) {
        const s = suppressed.get(d);
        s?.hidden.add(`${d}:${period}:total`);
        s?.shown.delete(`${d}:${period}:total`);
      }
    }
  }
  const breakdowns: Record<string, PublishedBreakdown> = {};
  for (const [dimension, s] of suppressed) {
    const rows: Record<string, Record<string, PublishedCount>> = {};
    for (const period of allPeriods) {
      const row: Record<string, PublishedCount> = {};
      for (const v of [...s.values, 'total']) row[v] = s.shown.get(`${dimension}:${period}:${v}`) ?? null;
      rows[period] = row;
    }
    breakdowns[dimension] = { values: s.values, merged: s.merged, rows };
  }
  const leadTimes: PublishedStatistics['leadTimes'] = {};
  for (const [group, byPeriod] of Object.entries(input.leadTimes)) {
    const out: Record<string, PublishedLeadTime | null> = {};
    for (const period of allPeriods) out[period] = publishLeadTime(byPeriod[period], input.k);
    leadTimes[group] = out;
  }
  return { k: input.k, periods, breakdowns, leadTimes };
}

/**
 * A percentile of fewer than k cases is close to one case's own time (docs/disclosure-control.md), so a
 * group below k shows nothing.
 */
function publishLeadTime(group: LeadTimeInput | undefined, k: number): PublishedLeadTime | null {
  if (!group || group.n < k || group.medianMs === null || group.p90Ms === null) return null;
  return { medianMs: group.medianMs, p90Ms: group.p90Ms, withinTarget: group.withinTarget };
}

function mergeBreakdown(
  b: BreakdownInput,
  months: readonly string[],
  k: number,
): { values: string[]; counts: Map<string, number>; merged: Record<string, string> } {
  const known = new Set(b.values);
  const monthSet = new Set(months);
  const totals = new Map<string, number>(b.values.map((v) => [v, 0]));
  for (const [cell, n] of b.counts) {
    const [month, value] = splitCell(cell);
    if (monthSet.has(month) && known.has(value)) totals.set(value, (totals.get(value) ?? 0) + n);
  }
  const mapping = b.catchAll ? mergeRareValues(totals, k, b.catchAll) : new Map(b.values.map((v) => [v, v]));
  const merged: Record<string, string> = {};
  for (const [from, to] of mapping) if (from !== to) merged[from] = to;
  const values = b.values.filter((v) => mapping.get(v) === v || v === b.catchAll);
  const counts = new Map<string, number>();
  for (const [cell, n] of b.counts) {
    const [month, value] = splitCell(cell);
    if (!monthSet.has(month) || !known.has(value)) continue;
    const key = `${month}|${mapping.get(value) ?? value}`;
    counts.set(key, (counts.get(key) ?? 0) + n);
  }
  return { values, counts, merged };
}

function splitCell(cell: string): [string, string] {
  const at = cell.indexOf('|');
  return [cell.slice(0, at), cell.slice(at + 1)];
}
