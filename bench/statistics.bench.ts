// Time to compute the public statistics (issue 12) for 1,000,000 reports on PostgreSQL, next to a
// reference measured in the same run: one plain `count(*)` over the same rows (what reading them costs).
// Reports are inserted with generate_series (clear metadata only; the bench measures the figures, not
// intake). The plans of the statistics queries are printed whole (EXPLAIN ANALYZE, buffers) with a line
// naming any sequential scan they use: `reports_statistics_idx` (helpline, visible_at and the four
// dimensions) lets the counts and the early-warning check read the index alone, no table pages.
// `npm run bench -- statistics` (BENCH_REPORTS to change the number).
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { loadActivePack } from '../apps/server/src/active-pack.ts';
import { repoRoot } from '../apps/server/src/config.ts';
import { openDatabase } from '../apps/server/src/db/open-database.ts';
import { ensureHelpline } from '../apps/server/src/services/helpline.ts';
import { computePublicStatistics } from '../apps/server/src/statistics/public-statistics.ts';

const REPORTS = Number(process.env.BENCH_REPORTS ?? 1_000_000);
const dataDir = mkdtempSync(join(tmpdir(), 'vangnet-bench-stats-'));
const pgSchema = `bench_${randomBytes(4).toString('hex')}`;
const databaseUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const database = await openDatabase({ dataDir, databaseUrl, pgSchema });
const db = database.db;
const pack = await loadActivePack(join(repoRoot, 'country-packs/NL'));
const now = new Date('2026-11-30T12:00:00Z');
try {
  const helplineId = await ensureHelpline(db, pack);
  const started = performance.now();
  await db.execute(sql`
    insert into reports (id, helpline_id, country, category, platform, role, age_band, flags, status,
                         reporter_recipient, access_token_hash, body, body_sha256, created_at, visible_at, first_contact_at)
    select 'r' || i, ${helplineId}, 'NL',
           (array['harassment','threats','exclusion','impersonation','exposure','image-abuse','sextortion','hate','deepfake','grooming','self-harm','harmful-content','other'])[1 + (i * 7) % 13],
           (array['instagram','tiktok','snapchat','whatsapp','youtube','discord','roblox','x','facebook','other'])[1 + (i * 3) % 10],
           (array['self','friend','parent','professional','adult'])[1 + i % 5],
           (array['under-10','10-12','13-15','16-17','18-plus','unknown'])[1 + (i * 11) % 6],
           jsonb_build_object('ongoing', true, 'danger', i % 13 = 0, 'selfHarm', false, 'imageAbuse', false),
           'new', 'age1bench', 'h' || i, '\\x00'::bytea, 'x',
           t, t, case when i % 3 = 0 then null else t + (i % 1440) * interval '1 minute' end
    from (select i, timestamptz '2025-12-01' + (i::float8 / ${REPORTS}) * interval '364 days' as t
          from generate_series(1, ${REPORTS}) as i) s`);
  // What autovacuum does on a live database: table statistics and the visibility map (index-only scans need it).
  await db.execute(sql`vacuum analyze reports`);
  console.log(`inserted ${REPORTS} reports in ${((performance.now() - started) / 1000).toFixed(1)} s`);

  const time = async (fn: () => Promise<unknown>) => {
    const t0 = performance.now();
    await fn();
    return performance.now() - t0;
  };
  // Warm once (plans, caches), then measure three runs each.
  await computePublicStatistics(db, pack, helplineId, now);
  const runs: number[] = [];
  const refs: number[] = [];
  for (let i = 0; i < 3; i++) {
    refs.push(
      await time(() =>
        db.execute(
          sql`select count(*) from reports where helpline_id = ${helplineId} and visible_at >= '2025-12-01' and visible_at < '2026-12-01'`,
        ),
      ),
    );
    runs.push(await time(() => computePublicStatistics(db, pack, helplineId, now)));
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[1] as number;
  const stats = median(runs);
  const ref = median(refs);
  console.log(`statistics for ${REPORTS} reports: ${(stats / 1000).toFixed(2)} s (median of 3)`);
  console.log(
    `reference, count(*) over the same rows: ${(ref / 1000).toFixed(2)} s; ratio ${(stats / ref).toFixed(1)}x`,
  );

  const plan = async (label: string, q: ReturnType<typeof sql>) => {
    const rows = (
      (await db.execute(sql`explain (analyze, buffers, costs off) ${q}`)) as unknown as {
        rows: { 'QUERY PLAN': string }[];
      }
    ).rows;
    const text = rows.map((r) => r['QUERY PLAN']);
    const seq = text.filter((l) => l.includes('Seq Scan'));
    console.log(
      `plan ${label}: ${seq.length === 0 ? 'no sequential scan' : seq.map((l) => l.trim()).join('; ')}`,
    );
    for (const line of text) console.log(`  | ${line}`);
  };
  const range = sql`r.helpline_id = ${helplineId} and r.visible_at >= '2025-12-01' and r.visible_at < '2026-12-01'`;
  // The same shapes as count-metadata.ts and early-warnings.ts.
  await plan(
    'reports by dimension (countReports)',
    sql`select to_char(s.mt, 'YYYY-MM') as m, category, platform, age_band, role, sum(s.n)
        from (select date_trunc('month', r.visible_at at time zone 'UTC') as mt, r.category, r.platform,
                     r.age_band, r.role, count(*) as n
              from reports r where ${range} group by 1, 2, 3, 4, 5) s
        group by grouping sets ((s.mt, category), (s.mt, platform), (s.mt, age_band), (s.mt, role))`,
  );
  await plan(
    'first contact (measureFirstContact)',
    sql`select percentile_cont(0.5) within group (order by extract(epoch from r.first_contact_at - r.visible_at)) from reports r where ${range} and r.first_contact_at is not null`,
  );
  await plan(
    'early-warning check, nine weeks (detectRises)',
    sql`select platform, age_band, category, w, sum(n)
        from (select r.platform, r.age_band, r.category,
                     floor(extract(epoch from (timestamptz '2026-11-30' - r.visible_at)) / 604800)::int as w, count(*) as n
              from reports r
              where r.helpline_id = ${helplineId} and r.visible_at >= timestamptz '2026-09-28' and r.visible_at < timestamptz '2026-11-30'
              group by 1, 2, 3, 4) s
        group by grouping sets ((platform, category, w), (age_band, category, w))`,
  );
} finally {
  await db.execute(sql`drop schema ${sql.identifier(pgSchema)} cascade`);
  await database.close();
  rmSync(dataDir, { recursive: true, force: true });
}
