import { randomBytes } from 'node:crypto';
import { AGE_BANDS, CATEGORY_CODES, leadTimeMs, ROLES } from '@vangnet/core';
import { type AccessToken, accessTokenHash, generateIdentity, sealJson, toBase64 } from '@vangnet/crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { jobs, platformNotices } from '../src/db/schema/index.ts';
import { REFERRAL_QUEUE } from '../src/referrals/referrals.ts';
import { ensureHelpline } from '../src/services/helpline.ts';
import { changeCaseStatus, recordContact } from '../src/staff/case-actions.ts';
import { staffPolicyOf } from '../src/staff/staff-policy.ts';
import type { PublicStatistics } from '../src/statistics/public-statistics.ts';
import { CSV_HEADER } from '../src/statistics/statistics-csv.ts';
import { addHelpline, addWorker } from './staff-fixtures.ts';
import { databaseKinds } from './support/databases.ts';
import { startTestApp, type TestApp } from './support/test-app.ts';

/**
 * "Every published figure equals an independent recomputation in SQL" (issue 12): 5,000 reports with known
 * timestamps over 12 months go through the real intake route (POST /api/v1/reports) with the clock moved
 * forward report by report; two thirds get a first contact through the staff service; about one in ten is
 * closed and its reporter answers "did this help?" through the follow-up route (PUT /reports/self/feedback)
 * days later. Then each published count, lead time and answer count is checked against plain per-period
 * queries (date ranges, no grouping sets), and every count the rules hide or show is checked against k.
 */
const REPORTS = Number(process.env.STATS_REPORTS ?? 5000);
const NOW = new Date('2026-11-30T12:00:00Z');
const START = Date.parse('2025-12-01T00:00:00Z');
const SPAN = NOW.getTime() - START;

/** A small deterministic generator, so a failure can be replayed. */
function generator(seed: number) {
  let s = seed >>> 0;
  const next = () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
  const pick = <T>(list: readonly T[], weights?: readonly number[]): T => {
    if (!weights) return list[Math.floor(next() * list.length)] as T;
    const total = weights.reduce((a, b) => a + b, 0);
    let r = next() * total;
    for (let i = 0; i < list.length; i++) {
      r -= weights[i] as number;
      if (r < 0) return list[i] as T;
    }
    return list[list.length - 1] as T;
  };
  return { next, pick };
}

const PLATFORMS = [
  'instagram',
  'tiktok',
  'snapchat',
  'whatsapp',
  'youtube',
  'discord',
  'roblox',
  'x',
  'facebook',
  'other',
];

type Period = { id: string; from: Date; to: Date };
function periodsOf(doc: PublicStatistics): Period[] {
  const monthStart = (m: string) => new Date(`${m}-01T00:00:00Z`);
  const after = (m: string) => {
    const d = monthStart(m);
    return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1));
  };
  const months = doc.periods.months;
  const out: Period[] = months.map((m) => ({ id: m, from: monthStart(m), to: after(m) }));
  for (const q of doc.periods.quarters) {
    const inQ = months.filter(
      (m) => `${m.slice(0, 4)}-Q${Math.floor((Number(m.slice(5, 7)) - 1) / 3) + 1}` === q,
    );
    out.push({ id: q, from: monthStart(inQ[0]!), to: after(inQ[inQ.length - 1]!) });
  }
  for (const y of doc.periods.years) {
    const inY = months.filter((m) => m.startsWith(y));
    out.push({ id: y, from: monthStart(inY[0]!), to: after(inY[inY.length - 1]!) });
  }
  return out;
}

describe.each(databaseKinds())('public statistics on %s', (kind) => {
  let t: TestApp;
  let doc: PublicStatistics;
  let helplineId: string;

  const query = async (q: ReturnType<typeof sql>) =>
    ((await t.deps.db.execute(q)) as unknown as { rows: Record<string, unknown>[] }).rows;

  beforeAll(async () => {
    t = await startTestApp(kind, {
      limits: {
        perIpPerMinute: 1e9,
        submissionsPerIpPerHour: 1e9,
        followUpPerIpPerMinute: 1e9,
        followUpPerTokenPerMinute: 1e9,
      },
      statisticsCacheMs: 0,
    });
    helplineId = await ensureHelpline(t.deps.db, t.deps.pack);
    const helpline = await addHelpline(t.deps.db, 'NL', helplineId);
    const worker = await addWorker(t.deps.db, helpline, 'caseworker');
    const policy = staffPolicyOf(t.deps.pack.countryPack ?? t.deps.pack);
    // One sealed body for all (the server cannot read it anyway); a fresh access token per report.
    const reporter = await generateIdentity();
    const body = toBase64(
      await sealJson(
        { version: 1, description: 'x', links: [], language: 'nl', manifest: { version: 1, items: [] } },
        [helpline.recipient, reporter.recipient],
      ),
    );
    const g = generator(12);
    const times = Array.from({ length: REPORTS }, () => START + Math.floor(g.next() * SPAN)).sort(
      (a, b) => a - b,
    );
    const contacts: { id: string; at: Date }[] = [];
    // Who answers "did this help?", from a generator of its own so the reports' mix stays as it was.
    const f = generator(7);
    const answering: { id: string; token: string; at: number }[] = [];
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      for (const at of times) {
        vi.setSystemTime(at);
        const token = randomBytes(32).toString('hex');
        const category = g.pick(CATEGORY_CODES, [40, 10, 8, 5, 5, 3, 4, 6, 1, 2, 3, 10, 3]);
        const imageAbuse = g.next() < 0.03;
        const res = await t.app.inject({
          method: 'POST',
          url: '/api/v1/reports',
          headers: { 'idempotency-key': randomBytes(16).toString('hex') },
          payload: {
            metadata: {
              country: 'NL',
              category,
              platform: g.pick(PLATFORMS, [30, 25, 15, 10, 8, 5, 4, 0.1, 2, 1]),
              role: g.pick(ROLES, [60, 20, 12, 6, 2]),
              ageBand: g.pick(AGE_BANDS, [3, 25, 40, 20, 5, 7]),
              flags: { ongoing: g.next() < 0.5, danger: g.next() < 0.08, selfHarm: false, imageAbuse },
            },
            reporter: {
              recipient: reporter.recipient,
              accessTokenHash: accessTokenHash(token as AccessToken),
            },
            body,
            items: [],
          },
        });
        expect(res.statusCode).toBe(201);
        const answerAt = at + (1 + f.next() * 20) * 86_400_000;
        if (f.next() < 0.1 && answerAt < NOW.getTime())
          answering.push({ id: (res.json() as { reportId: string }).reportId, token, at: answerAt });
        // Two in three are reached: most within hours, some after days.
        if (g.next() < 0.67) {
          const after = g.next() < 0.85 ? g.next() * 20 * 3_600_000 : g.next() * 5 * 86_400_000;
          contacts.push({
            id: (res.json() as { reportId: string }).reportId,
            at: new Date(at + 60_000 + after),
          });
        }
      }
    } finally {
      vi.useRealTimers();
    }
    for (const c of contacts) {
      const r = await recordContact(
        t.deps.db,
        policy,
        { helplineId, caseId: c.id, workerId: worker.id, via: 'phone' },
        c.at,
      );
      expect(r).toMatchObject({ ok: true });
    }
    // Closed by the worker, then answered by the reporter at the answer's own time (one to 21 days later).
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      for (const a of answering.sort((x, y) => x.at - y.at)) {
        vi.setSystemTime(a.at - 3_600_000);
        const closed = await changeCaseStatus(t.deps.db, policy, {
          helplineId,
          caseId: a.id,
          workerId: worker.id,
          to: 'closed',
          fields: { reason: 'resolved' },
        });
        expect(closed.ok).toBe(true);
        vi.setSystemTime(a.at);
        const answer = () => f.pick(['yes', 'yes', 'partly', 'no', undefined] as const);
        const res = await t.app.inject({
          method: 'PUT',
          url: '/api/v1/reports/self/feedback',
          headers: { authorization: `Bearer ${a.token}` },
          payload: { heard: answer(), helped: answer(), fastEnough: answer() },
        });
        expect(res.statusCode).toBe(200);
      }
    } finally {
      vi.useRealTimers();
    }
    // Trusted-flagger notices (issue 11), as the console records them: 14 to TikTok about threats (12
    // answered, hours apart) and 6 to Snapchat (fewer than k: never published).
    const notices = [
      ...Array.from({ length: 14 }, (_, i) => ({
        platform: 'tiktok',
        category: 'threats',
        i,
        answered: i < 12,
      })),
      ...Array.from({ length: 6 }, (_, i) => ({
        platform: 'snapchat',
        category: 'harassment',
        i,
        answered: true,
      })),
    ];
    await t.deps.db.insert(platformNotices).values(
      notices.map((n) => {
        const sentAt = new Date(Date.parse('2026-09-01T09:00:00Z') + n.i * 86_400_000);
        return {
          id: `notice-${n.platform}-${n.i}`,
          helplineId,
          idempotencyKey: `stats-${n.platform}-${n.i}`,
          platform: n.platform,
          category: n.category,
          tdbCategory: 'STATEMENT_CATEGORY_ILLEGAL_OR_HARMFUL_SPEECH',
          tdbKeyword: 'KEYWORD_OTHER',
          channel: 'email',
          workerId: worker.id,
          consentAt: sentAt,
          sentAt,
          ...(n.answered
            ? {
                decidedAt: new Date(sentAt.getTime() + (6 + 5 * n.i) * 3_600_000),
                outcome: n.i % 3 ? 'removed' : 'no-action',
              }
            : {}),
        };
      }),
    );
    // Warm referrals as the delivery job leaves them once done (referrals/referrals.ts: ids and times,
    // the sealed package gone): 900 over the year to five partners, one of them rare (below k a month).
    // Seeded straight into the jobs table: the hand-over path itself is tested in the referral tests.
    const r = generator(31);
    const services = ['helpwanted', 'politie', 'offlimits', 'kindertelefoon', 'veilig-thuis'];
    await t.deps.db.insert(jobs).values(
      Array.from({ length: 900 }, (_, i) => {
        const created = START + Math.floor(r.next() * (SPAN - 7 * 86_400_000));
        const delivered =
          r.next() < 0.03
            ? null
            : created + (r.next() < 0.9 ? r.next() * 2 * 3_600_000 : r.next() * 3 * 86_400_000);
        const acknowledged =
          delivered === null || r.next() < 0.2 ? null : delivered + r.next() * 5 * 86_400_000;
        const iso = (ms: number | null) => (ms === null ? undefined : new Date(ms).toISOString());
        return {
          id: `referral-stats-${i}`,
          queue: REFERRAL_QUEUE,
          payload: {
            helplineId,
            serviceId: r.pick(services, [40, 30, 20, 8, 2]),
            createdAt: iso(created),
            deliveredAt: iso(delivered),
            acknowledgedAt: iso(acknowledged),
          },
          runAt: new Date(created),
          createdAt: new Date(created),
          ...(delivered === null
            ? { deadAt: new Date(created + 86_400_000) }
            : { doneAt: new Date(delivered) }),
        };
      }),
    );
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(NOW);
    try {
      const res = await t.app.inject({ url: '/api/v1/public/statistics' });
      expect(res.statusCode).toBe(200);
      doc = res.json() as PublicStatistics;
    } finally {
      vi.useRealTimers();
    }
  }, 600_000);
  afterAll(async () => {
    await t?.close();
  });

  it('platform response figures equal a plain SQL recomputation, and a platform with fewer than k notices is left out', async () => {
    expect(doc.platforms.rows.map((r) => r.platform)).toEqual(['tiktok']);
    const [row] = doc.platforms.rows;
    const plain = (
      (await t.deps.db.execute(sql`
        select count(*)::int as sent,
               count(decided_at)::float / count(*) as answered_share,
               percentile_disc(0.5) within group (order by extract(epoch from decided_at - sent_at) / 3600)
                 filter (where decided_at is not null) as median_hours,
               percentile_disc(0.9) within group (order by extract(epoch from decided_at - sent_at) / 3600)
                 filter (where decided_at is not null) as p90_hours,
               count(*) filter (where outcome in ('removed', 'restricted'))::float / count(decided_at) as acted_share
        from platform_notices where platform = 'tiktok'`)) as unknown as { rows: Record<string, unknown>[] }
    ).rows[0]!;
    expect(row).toMatchObject({ platform: 'tiktok', category: 'threats', sent: Number(plain.sent) });
    expect(row!.answeredShare).toBeCloseTo(Number(plain.answered_share), 9);
    expect(row!.medianHours).toBeCloseTo(Number(plain.median_hours), 6);
    expect(row!.p90Hours).toBeCloseTo(Number(plain.p90_hours), 6);
    expect(row!.actedShare).toBeCloseTo(Number(plain.acted_share), 9);
  });

  it('publishes twelve months, their quarters and years, with the pack k', () => {
    expect(doc.periods.months).toHaveLength(12);
    expect(doc.periods.months[0]).toBe('2025-12');
    expect(doc.periods.months[11]).toBe('2026-11');
    expect(doc.periods.quarters).toEqual(['2025-Q4', '2026-Q1', '2026-Q2', '2026-Q3', '2026-Q4']);
    expect(doc.k).toBe(10);
  });

  it('every count equals a plain SQL count, and only counts of 0 or at least k are shown', async () => {
    const columns = {
      category: 'category',
      platform: 'platform',
      ageBand: 'age_band',
      role: 'role',
    } as const;
    let shown = 0;
    let hidden = 0;
    for (const [dimension, column] of Object.entries(columns)) {
      const published = doc.reports[dimension as keyof typeof columns];
      const into = (v: string) => published.merged[v] ?? v;
      for (const p of periodsOf(doc)) {
        const rows = await query(
          sql`select ${sql.identifier(column)} as v, count(*)::int as n from reports
              where helpline_id = ${helplineId} and visible_at >= ${p.from} and visible_at < ${p.to}
              group by ${sql.identifier(column)}`,
        );
        const expected = new Map<string, number>();
        let total = 0;
        for (const r of rows) {
          const v = into(String(r.v));
          expected.set(v, (expected.get(v) ?? 0) + Number(r.n));
          total += Number(r.n);
        }
        expected.set('total', total);
        for (const v of [...published.values, 'total']) {
          const value = published.rows[p.id]?.[v] ?? null;
          const truth = expected.get(v) ?? 0;
          if (value === null) {
            hidden++;
          } else {
            shown++;
            expect(value, `${dimension} ${v} ${p.id}`).toBe(truth);
            expect(value === 0 || value >= doc.k).toBe(true);
          }
          if (truth > 0 && truth < doc.k) expect(value, `${dimension} ${v} ${p.id} is below k`).toBeNull();
        }
      }
    }
    // The seeded mix has rare cells (deepfakes, platform x), so suppression did real work.
    expect(hidden).toBeGreaterThan(0);
    expect(shown).toBeGreaterThan(hidden);
    expect(doc.reports.platform.merged).toEqual({ x: 'other' });
    const years = doc.periods.years.map((y) => doc.reports.category.rows[y]?.total ?? 0);
    expect(years.reduce((a, b) => a + b, 0)).toBe(REPORTS);
  });

  it('every "did this help?" count equals a plain SQL count of the answers, and only 0 or at least k are shown', async () => {
    let shown = 0;
    let hidden = 0;
    const columns = { heard: 'heard', helped: 'helped', fastEnough: 'fast_enough' } as const;
    for (const [question, column] of Object.entries(columns)) {
      const published = doc.feedback[question as keyof typeof columns];
      for (const p of periodsOf(doc)) {
        const rows = await query(
          sql`select f.${sql.identifier(column)} as v, count(*)::int as n
              from case_feedback f join reports r on r.id = f.report_id
              where r.helpline_id = ${helplineId} and f.answered_at >= ${p.from} and f.answered_at < ${p.to}
                and f.${sql.identifier(column)} is not null
              group by 1`,
        );
        const expected = new Map(rows.map((r) => [String(r.v), Number(r.n)]));
        expected.set(
          'total',
          rows.reduce((a, r) => a + Number(r.n), 0),
        );
        for (const v of [...published.values, 'total']) {
          const value = published.rows[p.id]?.[v] ?? null;
          const truth = expected.get(v) ?? 0;
          if (value === null) hidden++;
          else {
            shown++;
            expect(value, `${question} ${v} ${p.id}`).toBe(truth);
            expect(value === 0 || value >= doc.k).toBe(true);
          }
          if (truth > 0 && truth < doc.k) expect(value, `${question} ${v} ${p.id} is below k`).toBeNull();
        }
      }
    }
    // Some hundreds of answers over a year: monthly cells are often small, quarters and the year are not.
    expect(hidden).toBeGreaterThan(0);
    expect(shown).toBeGreaterThan(0);
    const [answers] = await query(sql`select count(*)::int as n from case_feedback`);
    expect(Number(answers?.n)).toBeGreaterThan(250);
  });

  it('first-contact median, 90th percentile and share within target equal plain SQL per period', async () => {
    const urgent = sql`(coalesce((flags->>'danger')::boolean, false) or coalesce((flags->>'selfHarm')::boolean, false)
                        or coalesce((flags->>'imageAbuse')::boolean, false) or category = 'self-harm')`;
    let compared = 0;
    for (const group of ['all', 'urgent'] as const) {
      for (const p of periodsOf(doc)) {
        const [r] = await query(
          sql`select count(*)::int as n,
                percentile_cont(0.5) within group (order by extract(epoch from first_contact_at - visible_at) * 1000) as median,
                percentile_cont(0.9) within group (order by extract(epoch from first_contact_at - visible_at) * 1000) as p90,
                count(*) filter (where first_contact_at - visible_at <= case when ${urgent} then interval '1 hour' else interval '24 hours' end)::int as within
              from reports where helpline_id = ${helplineId} and first_contact_at is not null
                and visible_at >= ${p.from} and visible_at < ${p.to}
                and (${group === 'all'} or ${urgent})`,
        );
        const n = Number(r?.n);
        const published = doc.firstContact[group][p.id];
        if (n < doc.k) {
          expect(published ?? null, `${group} ${p.id}`).toBeNull();
          continue;
        }
        compared++;
        expect(published?.medianMs).toBeCloseTo(Number(r?.median), 3);
        expect(published?.p90Ms).toBeCloseTo(Number(r?.p90), 3);
        expect(published?.withinTarget).toBeCloseTo(Number(r?.within) / n, 9);
      }
    }
    expect(compared).toBeGreaterThan(20);
  });

  it('referral counts, hand-over and confirmation times per partner equal plain SQL per period', async () => {
    const jobTime = (field: string) => sql`(payload ->> ${field})::timestamptz`;
    let compared = 0;
    let hidden = 0;
    for (const p of periodsOf(doc)) {
      const counted = await query(
        sql`select payload ->> 'serviceId' as service, count(*)::int as n from jobs
            where queue = ${REFERRAL_QUEUE} and payload ->> 'helplineId' = ${helplineId}
              and ${jobTime('createdAt')} >= ${p.from} and ${jobTime('createdAt')} < ${p.to}
            group by 1`,
      );
      const truth = new Map(counted.map((c) => [String(c.service), Number(c.n)]));
      for (const service of doc.referrals.count.values) {
        const n = truth.get(service) ?? 0;
        const value = doc.referrals.count.rows[p.id]?.[service] ?? null;
        if (n > 0 && n < doc.k) expect(value, `${service} ${p.id} is below k`).toBeNull();
        if (value !== null) expect(value, `${service} ${p.id}`).toBe(n);
      }
    }
    for (const service of doc.referrals.services) {
      for (const [which, from, to, target] of [
        ['handover', 'createdAt', 'deliveredAt', service.target.handover],
        ['confirmation', 'deliveredAt', 'acknowledgedAt', service.target.confirmation],
      ] as const) {
        const targetMs = leadTimeMs(target);
        for (const p of periodsOf(doc)) {
          const span = sql`extract(epoch from (${jobTime(to)} - ${jobTime(from)})) * 1000`;
          const [row] = await query(
            sql`select count(*)::int as n,
                  percentile_cont(0.5) within group (order by ${span}) as median,
                  percentile_cont(0.9) within group (order by ${span}) as p90,
                  count(*) filter (where ${span} <= ${targetMs})::int as within
                from jobs
                where queue = ${REFERRAL_QUEUE} and payload ->> 'helplineId' = ${helplineId}
                  and payload ->> 'serviceId' = ${service.id}
                  and payload ->> ${from} is not null and payload ->> ${to} is not null
                  and ${jobTime('createdAt')} >= ${p.from} and ${jobTime('createdAt')} < ${p.to}`,
          );
          const n = Number(row?.n);
          const published = service[which][p.id];
          if (n < doc.k) {
            expect(published ?? null, `${service.id} ${which} ${p.id}`).toBeNull();
            if (n > 0) hidden++;
            continue;
          }
          compared++;
          expect(published?.medianMs, `${service.id} ${which} ${p.id}`).toBeCloseTo(Number(row?.median), 3);
          expect(published?.p90Ms).toBeCloseTo(Number(row?.p90), 3);
          expect(published?.withinTarget).toBeCloseTo(Number(row?.within) / n, 9);
        }
      }
    }
    // Both sides of the rule did work: figures compared, and the rare partner's kept back.
    expect(compared).toBeGreaterThan(40);
    expect(hidden).toBeGreaterThan(0);
  });

  it('serves the same figures as CSV, a hidden one as a dash', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(NOW);
    const res = await t.app.inject({ url: '/api/v1/public/statistics.csv' });
    vi.useRealTimers();
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    const lines = res.body.trim().split('\n');
    expect(lines[0]).toBe(CSV_HEADER);
    const cell = (group: string, period: string) =>
      lines.find((l) => l.startsWith(`reports,${group},${period},count,`))?.split(',')[4];
    for (const p of periodsOf(doc)) {
      for (const v of [...doc.reports.category.values, 'total']) {
        const value = doc.reports.category.rows[p.id]?.[v] ?? null;
        expect(cell(`category:${v}`, p.id)).toBe(value === null ? '-' : String(value));
      }
    }
  });
});
