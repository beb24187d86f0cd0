import { randomUUID } from 'node:crypto';
import { checkForRise, DEFAULT_EARLY_WARNING_RULE, type EarlyWarningRule } from '@vangnet/core';
import { and, desc, eq, sql } from 'drizzle-orm';
import type { ActivePack } from '../active-pack.ts';
import type { Db } from '../db/open-database.ts';
import { earlyWarnings } from '../db/schema/index.ts';
import { enqueueJob } from '../jobs/queue.ts';
import type { JobHandler } from '../jobs/worker.ts';
import { ensureHelpline } from '../services/helpline.ts';
import { minCellOf } from './public-statistics.ts';
import {
  mailSupervisorsAboutRises,
  PREVENTION_SIGNAL_QUEUE,
  preventionSignalHandler,
  type RiseNotify,
} from './rise-notices.ts';

/**
 * The data loop's daily check (docs/early-warnings.md): the last seven days' reports per platform × category
 * and per age band × category against the same series' previous eight weeks, with `checkForRise` from
 * core. A flagged rise is stored once per series and week, for supervisors to release or dismiss.
 */
export const EARLY_WARNING_QUEUE = 'statistics.early-warning';
export const BASELINE_WEEKS = 8;
const WEEK_MS = 7 * 86_400_000;

export type Rise = { dimension: string; series: string; current: number; expected: number; pValue: number };

/** The checked week ends at the UTC midnight that starts `now`'s day. */
export function weekEnd(now: Date): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
}

export async function detectRises(
  db: Db,
  helplineId: string,
  now: Date,
  rule: EarlyWarningRule = DEFAULT_EARLY_WARNING_RULE,
): Promise<Rise[]> {
  const end = weekEnd(now);
  const from = new Date(end.getTime() - (BASELINE_WEEKS + 1) * WEEK_MS);
  const result = (await db.execute(
    sql`select platform, age_band, category, w, sum(n)::int as n
        from (select r.platform, r.age_band, r.category,
                     floor(extract(epoch from (${end}::timestamptz - r.visible_at)) / ${WEEK_MS / 1000})::int as w,
                     count(*) as n
              from reports r
              where r.helpline_id = ${helplineId} and r.visible_at >= ${from} and r.visible_at < ${end}
              group by 1, 2, 3, 4) s
        group by grouping sets ((platform, category, w), (age_band, category, w))`,
  )) as unknown as {
    rows: { platform: string | null; age_band: string | null; category: string; w: number; n: number }[];
  };
  // weeks[0] is the checked week, weeks[1..8] the baseline (newest first).
  const series = new Map<string, { dimension: string; series: string; weeks: number[] }>();
  for (const r of result.rows) {
    const dimension = r.platform !== null ? 'platform×category' : 'ageBand×category';
    const key = `${r.platform ?? r.age_band}|${r.category}`;
    const id = `${dimension}:${key}`;
    const entry = series.get(id) ?? {
      dimension,
      series: key,
      weeks: new Array<number>(BASELINE_WEEKS + 1).fill(0),
    };
    series.set(id, entry);
    const w = Number(r.w);
    if (w >= 0 && w <= BASELINE_WEEKS) entry.weeks[w] = (entry.weeks[w] ?? 0) + Number(r.n);
  }
  const rises: Rise[] = [];
  for (const s of series.values()) {
    const baseline = s.weeks.slice(1).reverse();
    const check = checkForRise(baseline, s.weeks[0] ?? 0, rule);
    if (check.flagged)
      rises.push({
        dimension: s.dimension,
        series: s.series,
        current: check.current,
        expected: check.expected,
        pValue: check.pValue,
      });
  }
  return rises;
}

/** Runs the check and keeps new rises (a second run on the same day adds none). Returns those new. */
export async function recordRises(db: Db, helplineId: string, now: Date): Promise<Rise[]> {
  const periodEnd = weekEnd(now);
  const added: Rise[] = [];
  for (const rise of await detectRises(db, helplineId, now)) {
    const inserted = await db
      .insert(earlyWarnings)
      .values({ id: randomUUID(), helplineId, periodEnd, ...rise })
      .onConflictDoNothing()
      .returning({ id: earlyWarnings.id });
    if (inserted.length > 0) added.push(rise);
  }
  return added;
}

export async function openRises(db: Db, helplineId: string) {
  return db
    .select()
    .from(earlyWarnings)
    .where(and(eq(earlyWarnings.helplineId, helplineId), eq(earlyWarnings.status, 'open')))
    .orderBy(desc(earlyWarnings.periodEnd), earlyWarnings.pValue);
}

/** Plans today's check under a stable id, so replicas planning it every minute run it once a day. */
export async function scheduleEarlyWarnings(db: Db, now = new Date()): Promise<boolean> {
  const day = now.toISOString().slice(0, 10);
  return (
    await enqueueJob(db, EARLY_WARNING_QUEUE, {}, { id: `early-warning:${day}`, runAt: now, maxAttempts: 3 })
  ).created;
}

/**
 * The daily check, then the e-mail to supervisors about rises nobody was told of; and the prevention
 * signals a release queued. Without `notify` (no public address known) rises reach the console only.
 */
export function earlyWarningHandlers(
  db: Db,
  pack: ActivePack,
  notify?: RiseNotify,
): Record<string, JobHandler> {
  return {
    [EARLY_WARNING_QUEUE]: async (_job, now) => {
      const helplineId = await ensureHelpline(db, pack);
      await recordRises(db, helplineId, now);
      if (notify) await mailSupervisorsAboutRises(db, helplineId, notify, now);
    },
    [PREVENTION_SIGNAL_QUEUE]: preventionSignalHandler(
      db,
      pack.countryPack,
      minCellOf(pack),
      pack.helplineName,
      notify ?? { publicUrl: '' },
    ),
  };
}
