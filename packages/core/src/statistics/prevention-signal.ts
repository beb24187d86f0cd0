/**
 * The prevention signal (issue 12, the data loop): what leaves the instance when a supervisor releases a
 * flagged rise, for the pack's prevention partners (schools, educators, a knowledge centre). It is a
 * published figure like any other (docs/disclosure-control.md): it names the series and the week, and gives
 * numbers only when both this week's count and the baseline's total are at least k. Otherwise it says only
 * that reports rose (or more than doubled), so a small count cannot be read back from a ratio.
 */
export type FlaggedRise = {
  /** `platform×category` or `ageBand×category`. */
  dimension: string;
  /** `tiktok|sextortion` or `13-15|sextortion`. */
  series: string;
  current: number;
  /** The baseline's weekly average. */
  expected: number;
  /** The first day after the checked week (UTC midnight). */
  periodEnd: Date;
};

export type PreventionSignal = {
  version: 1;
  kind: 'rise';
  category: string;
  platform?: string;
  ageBand?: string;
  /** First and last day of the week, `YYYY-MM-DD`. */
  week: { from: string; to: string };
  /** `doubled` when this week is at least twice the usual, `rose` otherwise. */
  change: 'doubled' | 'rose';
  /** Shown only when at least k (and the baseline total too); otherwise null. */
  thisWeek: number | null;
  usualPerWeek: number | null;
  k: number;
  /** One English sentence, e.g. "Reports of sextortion on tiktok more than doubled in the week …". */
  summary: string;
};

const DAY_MS = 86_400_000;
const day = (d: Date) => d.toISOString().slice(0, 10);

export function preventionSignal(rise: FlaggedRise, k: number, baselineWeeks = 8): PreventionSignal {
  const [first = '', category = ''] = rise.series.split('|');
  const byPlatform = rise.dimension.startsWith('platform');
  const week = {
    from: day(new Date(rise.periodEnd.getTime() - 7 * DAY_MS)),
    to: day(new Date(rise.periodEnd.getTime() - DAY_MS)),
  };
  const change = rise.current >= 2 * rise.expected ? 'doubled' : 'rose';
  const shown = rise.current >= k && rise.expected * baselineWeeks >= k;
  const thisWeek = shown ? rise.current : null;
  const usualPerWeek = shown ? Math.round(rise.expected * 10) / 10 : null;
  const who = byPlatform ? `on ${first}` : `from children aged ${first}`;
  const how = change === 'doubled' ? 'more than doubled' : 'rose unusually';
  const numbers = shown ? `: ${thisWeek} reports, against ${usualPerWeek} in a usual week` : '';
  return {
    version: 1,
    kind: 'rise',
    category,
    ...(byPlatform ? { platform: first } : { ageBand: first }),
    week,
    change,
    thisWeek,
    usualPerWeek,
    k,
    summary: `Reports of ${category} ${who} ${how} in the week ${week.from} to ${week.to}${numbers}.`,
  };
}
