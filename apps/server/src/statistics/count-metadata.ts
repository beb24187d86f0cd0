import { type CountryPack, type LeadTimeInput, leadTimeMs } from '@vangnet/core';
import { type SQL, sql } from 'drizzle-orm';
import type { Db } from '../db/open-database.ts';
import { REFERRAL_QUEUE } from '../referrals/referrals.ts';
import type { StaffPolicy } from '../staff/staff-policy.ts';

/**
 * The SQL side of the public figures: counts and lead-time percentiles from clear metadata only (country,
 * category, platform, role, age band, flags, timestamps, referral timestamps, "did this help?" answers).
 * Every query is one grouped aggregate over an index range; nothing here is published as is:
 * `publishStatistics` in core decides what may be shown. Months are UTC calendar months of `visible_at`
 * (when the helpline could see the complete report).
 */

export type Range = { from: Date; to: Date };

/** `YYYY-MM|value` → count, per dimension. */
export type CellCounts = Map<string, Map<string, number>>;

const month = (column: SQL) => sql`to_char(${column} at time zone 'UTC', 'YYYY-MM')`;
const quarter = (column: SQL) =>
  sql`to_char(${column} at time zone 'UTC', 'YYYY') || '-Q' || to_char(${column} at time zone 'UTC', 'Q')`;
const year = (column: SQL) => sql`to_char(${column} at time zone 'UTC', 'YYYY')`;

type Row = Record<string, unknown>;
async function rows(db: Db, query: SQL): Promise<Row[]> {
  return ((await db.execute(query)) as unknown as { rows: Row[] }).rows;
}
const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

function addCell(out: CellCounts, dimension: string, cell: string, n: number) {
  const m = out.get(dimension) ?? new Map<string, number>();
  out.set(dimension, m);
  m.set(cell, (m.get(cell) ?? 0) + n);
}

/**
 * Reports per month by category, platform, age band and role: one scan, hashed into at most a few
 * thousand (month × four dimensions) groups first, then the four grouping sets over those. Sorting every
 * row for the grouping sets instead cost most of the time at a million reports (bench/statistics.bench.ts).
 */
export async function countReports(db: Db, helplineId: string, range: Range): Promise<CellCounts> {
  const result = await rows(
    db,
    sql`select to_char(s.mt, 'YYYY-MM') as m, category, platform, age_band, role, sum(s.n)::int as n
        from (select date_trunc('month', r.visible_at at time zone 'UTC') as mt, r.category, r.platform,
                     r.age_band, r.role, count(*) as n
              from reports r
              where r.helpline_id = ${helplineId} and r.visible_at >= ${range.from} and r.visible_at < ${range.to}
              group by 1, 2, 3, 4, 5) s
        group by grouping sets ((s.mt, category), (s.mt, platform), (s.mt, age_band), (s.mt, role))`,
  );
  const out: CellCounts = new Map();
  for (const r of result) {
    const n = Number(r.n);
    if (r.category !== null) addCell(out, 'category', `${r.m}|${r.category}`, n);
    else if (r.platform !== null) addCell(out, 'platform', `${r.m}|${r.platform}`, n);
    else if (r.age_band !== null) addCell(out, 'ageBand', `${r.m}|${r.age_band}`, n);
    else if (r.role !== null) addCell(out, 'role', `${r.m}|${r.role}`, n);
  }
  return out;
}

/** SQL for "this report is urgent" by the pack's rules (the same rule as `isUrgent` in core). */
function urgentExpression(policy: Pick<StaffPolicy, 'urgentWhen' | 'urgentCategories'>): SQL {
  const parts: SQL[] = policy.urgentWhen.map((flag) => sql`coalesce((r.flags ->> ${flag})::boolean, false)`);
  if (policy.urgentCategories.length > 0)
    parts.push(
      sql`r.category in (${sql.join(
        policy.urgentCategories.map((c) => sql`${c}`),
        sql`, `,
      )})`,
    );
  return parts.length === 0 ? sql`false` : sql.join(parts, sql` or `);
}

export type LeadTimesByPeriod = Record<string, LeadTimeInput>;

/**
 * Time from `visible_at` to the first human contact, per month, quarter and year, for all contacted cases
 * and for urgent ones: median and 90th percentile (`percentile_cont`, linear interpolation) and the share
 * within the case's own target.
 */
export async function measureFirstContact(
  db: Db,
  helplineId: string,
  policy: Pick<StaffPolicy, 'urgentWhen' | 'urgentCategories' | 'firstContact'>,
  range: Range,
): Promise<{ all: LeadTimesByPeriod; urgent: LeadTimesByPeriod }> {
  const v = sql`r.visible_at`;
  const defaultMs = leadTimeMs(policy.firstContact.default);
  const urgentMs = leadTimeMs(policy.firstContact.urgent);
  const result = await rows(
    db,
    sql`with spans as (
          select ${month(v)} as m, ${quarter(v)} as q, ${year(v)} as y, (${urgentExpression(policy)}) as urgent,
                 greatest(0, extract(epoch from (r.first_contact_at - r.visible_at)) * 1000) as ms
          from reports r
          where r.helpline_id = ${helplineId} and r.visible_at >= ${range.from} and r.visible_at < ${range.to}
            and r.first_contact_at is not null)
        select coalesce(m, q, y) as period, urgent, count(*)::int as n,
               percentile_cont(0.5) within group (order by ms) as median,
               percentile_cont(0.9) within group (order by ms) as p90,
               avg(case when ms <= (case when urgent then ${urgentMs}::float8 else ${defaultMs}::float8 end)
                        then 1.0 else 0.0 end)::float8 as within
        from spans
        group by grouping sets ((m), (q), (y), (m, urgent), (q, urgent), (y, urgent))`,
  );
  const all: LeadTimesByPeriod = {};
  const urgent: LeadTimesByPeriod = {};
  for (const r of result) {
    const figure = {
      n: Number(r.n),
      medianMs: num(r.median),
      p90Ms: num(r.p90),
      withinTarget: num(r.within),
    };
    // A row grouped by urgency carries true/false; the overall row carries null.
    if (r.urgent === null) all[String(r.period)] = figure;
    else if (r.urgent === true || r.urgent === 't') urgent[String(r.period)] = figure;
  }
  return { all, urgent };
}

/**
 * Warm referrals per partner service ("Melden & Helpen" made measurable): how many per month, and per
 * period the hand-over time (referral → delivered) and the confirmation time (delivered → the partner's
 * confirmation), each with the share within the service's agreed lead time. Read from the referral
 * delivery jobs' timestamps (referrals/referrals.ts), which hold no content once delivered.
 */
export async function measureReferrals(
  db: Db,
  helplineId: string,
  pack: Pick<CountryPack, 'services'> | undefined,
  range: Range,
): Promise<{
  counts: Map<string, number>;
  handover: Record<string, LeadTimesByPeriod>;
  confirmation: Record<string, LeadTimesByPeriod>;
}> {
  const services = pack?.services ?? [];
  const target = (which: 'handover' | 'firstContact') =>
    services.length === 0
      ? sql`null::float8`
      : sql`(case s.service ${sql.join(
          services.map((s) => sql`when ${s.id} then ${leadTimeMs(s.leadTimes[which])}::float8`),
          sql` `,
        )} else null end)`;
  const created = sql`s.created`;
  const base = sql`select j.payload ->> 'serviceId' as service,
                          (j.payload ->> 'createdAt')::timestamptz as created,
                          (j.payload ->> 'deliveredAt')::timestamptz as delivered,
                          (j.payload ->> 'acknowledgedAt')::timestamptz as acknowledged
                   from jobs j
                   where j.queue = ${REFERRAL_QUEUE} and j.payload ->> 'helplineId' = ${helplineId}
                     and j.created_at >= ${range.from} and j.created_at < ${range.to}`;
  const counted = await rows(
    db,
    sql`select ${month(created)} as m, s.service, count(*)::int as n from (${base}) s group by 1, 2`,
  );
  const counts = new Map<string, number>();
  for (const r of counted) counts.set(`${r.m}|${r.service}`, Number(r.n));

  const spans = async (from: SQL, to: SQL, which: 'handover' | 'firstContact') => {
    const result = await rows(
      db,
      sql`with spans as (
            select s.service, ${month(created)} as m, ${quarter(created)} as q, ${year(created)} as y,
                   greatest(0, extract(epoch from (${to} - ${from})) * 1000) as ms, ${target(which)} as target
            from (${base}) s where ${to} is not null and ${from} is not null)
          select service, coalesce(m, q, y) as period, count(*)::int as n,
                 percentile_cont(0.5) within group (order by ms) as median,
                 percentile_cont(0.9) within group (order by ms) as p90,
                 avg(case when target is null then null when ms <= target then 1.0 else 0.0 end)::float8 as within
          from spans group by grouping sets ((service, m), (service, q), (service, y))`,
    );
    const out: Record<string, LeadTimesByPeriod> = {};
    for (const r of result) {
      const service = String(r.service);
      out[service] ??= {};
      out[service][String(r.period)] = {
        n: Number(r.n),
        medianMs: num(r.median),
        p90Ms: num(r.p90),
        withinTarget: num(r.within),
      };
    }
    return out;
  };
  return {
    counts,
    handover: await spans(sql`s.created`, sql`s.delivered`, 'handover'),
    confirmation: await spans(sql`s.delivered`, sql`s.acknowledged`, 'firstContact'),
  };
}

export const FEEDBACK_QUESTIONS = ['heard', 'helped', 'fastEnough'] as const;
export type FeedbackQuestion = (typeof FEEDBACK_QUESTIONS)[number];
export const FEEDBACK_ANSWERS = ['yes', 'partly', 'no'] as const;

/** "Did this help?" answers per month of answering, per question. */
export async function countFeedback(db: Db, helplineId: string, range: Range): Promise<CellCounts> {
  const a = sql`f.answered_at`;
  const result = await rows(
    db,
    sql`select m, heard, helped, fast_enough, count(*)::int as n
        from (select ${month(a)} as m, f.heard, f.helped, f.fast_enough
              from case_feedback f join reports r on r.id = f.report_id
              where r.helpline_id = ${helplineId} and f.answered_at >= ${range.from} and f.answered_at < ${range.to}) s
        group by grouping sets ((m, heard), (m, helped), (m, fast_enough))`,
  );
  const out: CellCounts = new Map();
  for (const r of result) {
    const n = Number(r.n);
    if (r.heard !== null) addCell(out, 'heard', `${r.m}|${r.heard}`, n);
    else if (r.helped !== null) addCell(out, 'helped', `${r.m}|${r.helped}`, n);
    else if (r.fast_enough !== null) addCell(out, 'fastEnough', `${r.m}|${r.fast_enough}`, n);
  }
  return out;
}
