import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { publishStatistics } from '@vangnet/core';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '../../..');
const cli = join(root, 'apps/cli/bin/vangnet.mjs');
const dir = mkdtempSync(join(tmpdir(), 'vangnet-stats-merge-'));

function vangnet(...args: string[]) {
  const r = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', timeout: 60_000, cwd: root });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const months = ['2026-01', '2026-02', '2026-03'];
/** A public statistics file as an instance publishes it, from per-month category counts. */
function file(country: string, counts: Record<string, number>): string {
  const p = publishStatistics({
    k: 10,
    months,
    breakdowns: {
      category: {
        family: 'reports',
        values: ['harassment', 'threats', 'other'],
        counts: new Map(Object.entries(counts)),
        catchAll: 'other',
      },
      feedback: { family: 'f', values: ['yes', 'partly', 'no'], counts: new Map() },
    },
    leadTimes: {},
  });
  const c = p.breakdowns.category!;
  const f = p.breakdowns.feedback!;
  const doc = {
    $schema: '/api/v1/public/statistics.schema.json',
    version: 1,
    instance: { country, packVersion: '2026.11.0' },
    generatedAt: '2026-03-31T12:00:00.000Z',
    k: 10,
    periods: p.periods,
    taxonomy: { tdb: { source: 's', version: 'v' }, categories: [] },
    reports: { category: c, platform: c, ageBand: c, role: c },
    firstContact: { target: { default: 'PT24H', urgent: 'PT1H' }, all: {}, urgent: {} },
    referrals: { count: f, services: [] },
    feedback: { heard: f, helped: f, fastEnough: f },
    platforms: { rows: [] },
  };
  const path = join(dir, `${country}.json`);
  writeFileSync(path, JSON.stringify(doc));
  return path;
}

describe('vangnet stats merge', () => {
  it('adds up what every file shows and keeps hidden what any file hides', () => {
    const nl = file('NL', {
      '2026-01|harassment': 30,
      '2026-01|threats': 4,
      '2026-01|other': 12,
      '2026-02|harassment': 25,
      '2026-02|threats': 15,
      '2026-02|other': 11,
      '2026-03|harassment': 40,
      '2026-03|threats': 20,
      '2026-03|other': 10,
    });
    const be = file('BE-VL', {
      '2026-01|harassment': 20,
      '2026-01|threats': 14,
      '2026-01|other': 12,
      '2026-02|harassment': 21,
      '2026-02|threats': 16,
      '2026-02|other': 13,
      '2026-03|harassment': 22,
      '2026-03|threats': 17,
      '2026-03|other': 18,
    });
    const r = vangnet('stats', 'merge', nl, be);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const merged = JSON.parse(r.stdout) as {
      instances: { country: string }[];
      reports: { category: { rows: Record<string, Record<string, number | null>> } };
    };
    expect(merged.instances.map((i) => i.country)).toEqual(['NL', 'BE-VL']);
    const rows = merged.reports.category.rows;
    // NL hides January's 4 threats (and what protects it): the sum stays hidden.
    expect(rows['2026-01']?.threats).toBeNull();
    expect(rows['2026-03']?.harassment).toBe(62);
    for (const row of Object.values(rows))
      for (const n of Object.values(row)) expect(n === null || n === 0 || n >= 10).toBe(true);
  });

  it('refuses a file that is not a statistics file, and says which', () => {
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ hello: 1 }));
    const r = vangnet('stats', 'merge', bad, bad);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('bad.json: not a public statistics file');
  });
});
