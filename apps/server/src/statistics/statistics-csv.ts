import type { PublishedBreakdown, PublishedLeadTime } from '@vangnet/core';
import type { PublicStatistics } from './public-statistics.ts';

/**
 * The same figures as the JSON, one figure per line (docs/public-statistics.md, "CSV"):
 * `table,group,period,measure,value`. A hidden figure is `-`, never left out, so files line up.
 */
export const CSV_HEADER = 'table,group,period,measure,value';

export function statisticsCsv(doc: PublicStatistics): string {
  const lines = [CSV_HEADER];
  const add = (table: string, group: string, period: string, measure: string, value: number | null) =>
    lines.push([table, group, period, measure, value === null ? '-' : String(value)].join(','));
  const periods = [...doc.periods.months, ...doc.periods.quarters, ...doc.periods.years];
  const breakdown = (table: string, dimension: string, b: PublishedBreakdown) => {
    for (const period of periods)
      for (const v of [...b.values, 'total'])
        add(table, `${dimension}:${v}`, period, 'count', b.rows[period]?.[v] ?? null);
  };
  const leadTimes = (table: string, group: string, byPeriod: Record<string, PublishedLeadTime | null>) => {
    for (const period of periods) {
      const lt = byPeriod[period] ?? null;
      add(table, group, period, 'median_ms', lt?.medianMs ?? null);
      add(table, group, period, 'p90_ms', lt?.p90Ms ?? null);
      add(table, group, period, 'within_target', lt?.withinTarget ?? null);
    }
  };
  for (const [dimension, b] of Object.entries(doc.reports)) breakdown('reports', dimension, b);
  leadTimes('first_contact', 'all', doc.firstContact.all);
  leadTimes('first_contact', 'urgent', doc.firstContact.urgent);
  breakdown('referrals', 'service', doc.referrals.count);
  for (const s of doc.referrals.services) {
    leadTimes('referral_handover', `service:${s.id}`, s.handover);
    leadTimes('referral_confirmation', `service:${s.id}`, s.confirmation);
  }
  for (const [question, b] of Object.entries(doc.feedback)) breakdown('feedback', question, b);
  // Platform responses cover the whole published window, so their period is the first to the last month.
  const window = `${doc.periods.months[0]}/${doc.periods.months[doc.periods.months.length - 1]}`;
  for (const r of doc.platforms.rows) {
    const group = `${r.platform}:${r.category}:${r.tdb.keyword}`;
    add('platform_responses', group, window, 'sent', r.sent);
    add('platform_responses', group, window, 'answered_share', r.answeredShare);
    add('platform_responses', group, window, 'median_hours', r.medianHours);
    add('platform_responses', group, window, 'p90_hours', r.p90Hours);
    add('platform_responses', group, window, 'acted_share', r.actedShare);
  }
  return `${lines.join('\n')}\n`;
}
