import { z } from 'zod';

/**
 * The open-data document's schema: the route's response schema (so nothing undeclared is ever serialised)
 * and, as JSON Schema, the published contract docs/public-statistics.schema.json (a test keeps them equal).
 */
const count = z
  .number()
  .int()
  .nonnegative()
  .nullable()
  .describe('A count, or null when hidden (fewer than k, or hidden to protect another)');
const period = z.string().regex(/^\d{4}(-\d{2}|-Q[1-4])?$/);
const breakdown = z.object({
  values: z.array(z.string()).describe('Values in the order they are listed'),
  merged: z.record(z.string(), z.string()).describe('Rare values and the catch-all they were counted under'),
  rows: z
    .record(period, z.record(z.string(), count))
    .describe('Per period (month, quarter, year), per value and "total"'),
});
const leadTime = z
  .object({
    medianMs: z.number().nonnegative(),
    p90Ms: z.number().nonnegative(),
    withinTarget: z.number().min(0).max(1).nullable(),
  })
  .nullable()
  .describe('Milliseconds; null when fewer than k cases were measured');
const leadTimes = z.record(period, leadTime);
const tdbLabel = z.object({ category: z.string(), keyword: z.string() });
const duration = z.string().describe('ISO 8601 duration, e.g. PT24H');

export const publicStatisticsSchema = z
  .object({
    $schema: z.string(),
    version: z.literal(1),
    instance: z.object({ country: z.string(), packVersion: z.string() }),
    generatedAt: z.string(),
    k: z.number().int().positive().describe('No figure from fewer than k reports is shown'),
    periods: z.object({
      months: z.array(z.string()),
      quarters: z.array(z.string()),
      years: z.array(z.string()),
    }),
    taxonomy: z.object({
      tdb: z.object({ source: z.string(), version: z.string() }),
      categories: z.array(z.object({ code: z.string(), adult: tdbLabel, minor: tdbLabel.optional() })),
    }),
    reports: z.object({ category: breakdown, platform: breakdown, ageBand: breakdown, role: breakdown }),
    firstContact: z.object({
      target: z.object({ default: duration, urgent: duration }),
      all: leadTimes,
      urgent: leadTimes,
    }),
    referrals: z.object({
      count: breakdown,
      services: z.array(
        z.object({
          id: z.string(),
          target: z.object({ handover: duration, confirmation: duration }),
          handover: leadTimes,
          confirmation: leadTimes,
        }),
      ),
    }),
    feedback: z.object({ heard: breakdown, helped: breakdown, fastEnough: breakdown }),
    platforms: z
      .object({
        rows: z.array(
          z.object({
            platform: z.string(),
            category: z.string(),
            tdb: tdbLabel,
            sent: z
              .number()
              .int()
              .describe('Notices sent as trusted flagger; rows with fewer than k are left out'),
            answeredShare: z.number().min(0).max(1),
            medianHours: z
              .number()
              .nullable()
              .describe('Hours from sending to the decision; null below k answers'),
            p90Hours: z.number().nullable(),
            actedShare: z
              .number()
              .min(0)
              .max(1)
              .nullable()
              .describe('Removed or restricted, of those answered'),
          }),
        ),
      })
      .describe(
        'Platform response figures (DSA notices) over the published months, per platform and category',
      ),
  })
  .describe('Vangnet public statistics: aggregate, k-anonymous figures from clear report metadata');

export function statisticsJsonSchema(): unknown {
  return {
    ...z.toJSONSchema(publicStatisticsSchema, { target: 'draft-2020-12' }),
    $id: 'https://vangnet.example/schemas/public-statistics/v1.json',
    title: 'Vangnet public statistics, version 1',
  };
}
