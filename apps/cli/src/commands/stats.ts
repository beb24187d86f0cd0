import { readFile } from 'node:fs/promises';
import { mergeBreakdowns } from '@vangnet/core';
import { publicStatisticsSchema } from '@vangnet/server/statistics/statistics-schema';
import type { z } from 'zod';

export const USAGE = `usage: vangnet stats merge <a.json> <b.json> [more.json ...]
  Adds up public statistics files of several instances (GET /api/v1/public/statistics) and prints one
  JSON file. A figure is shown only when every file shows it: a hidden cell stays hidden. Lead times
  (percentiles) cannot be added up and are left out; counts by category, platform, age band, role and
  the "did this help?" answers are merged. Category codes are the common taxonomy's in every file.`;

/** `vangnet stats merge a.json b.json`: figures of several member states side by side, summed. */
export async function run(args: string[]): Promise<number> {
  const [sub, ...files] = args;
  if (sub !== 'merge' || files.length < 2) {
    console.error(USAGE);
    return 2;
  }
  const docs: z.infer<typeof publicStatisticsSchema>[] = [];
  for (const file of files) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(await readFile(file, 'utf8'));
    } catch (error) {
      console.error(`${file}: not a JSON file (${(error as Error).message})`);
      return 1;
    }
    const checked = publicStatisticsSchema.safeParse(parsed);
    if (!checked.success) {
      const issue = checked.error.issues[0];
      console.error(`${file}: not a public statistics file (${issue?.path.join('.')}: ${issue?.message})`);
      return 1;
    }
    docs.push(checked.data);
  }
  const union = (pick: (d: (typeof docs)[number]) => string[]) => [...new Set(docs.flatMap(pick))].sort();
  const merged = {
    version: 1,
    merged: true,
    instances: docs.map((d) => ({ ...d.instance, generatedAt: d.generatedAt, k: d.k })),
    // The strictest threshold of the files: every shown sum is 0 or at least each file's k.
    k: Math.max(...docs.map((d) => d.k)),
    periods: {
      months: union((d) => d.periods.months),
      quarters: union((d) => d.periods.quarters),
      years: union((d) => d.periods.years),
    },
    taxonomy: docs[0]?.taxonomy,
    reports: {
      category: mergeBreakdowns(docs.map((d) => d.reports.category)),
      platform: mergeBreakdowns(docs.map((d) => d.reports.platform)),
      ageBand: mergeBreakdowns(docs.map((d) => d.reports.ageBand)),
      role: mergeBreakdowns(docs.map((d) => d.reports.role)),
    },
    feedback: {
      heard: mergeBreakdowns(docs.map((d) => d.feedback.heard)),
      helped: mergeBreakdowns(docs.map((d) => d.feedback.helped)),
      fastEnough: mergeBreakdowns(docs.map((d) => d.feedback.fastEnough)),
    },
  };
  console.log(JSON.stringify(merged, null, 2));
  return 0;
}
