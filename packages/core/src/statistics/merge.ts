import type { PublishedBreakdown, PublishedCount } from './publish.ts';

/**
 * Adds up one breakdown published by several instances (`vangnet stats merge`, docs/disclosure-control.md
 * "Merging files"). A figure is shown only when every file shows it, so a cell hidden in any file stays
 * hidden in the sum. Why that is enough: each shown sum is a sum of figures that are 0 or ≥ k, so it is 0
 * or ≥ k itself; and any combination of shown sums is a combination of figures the files already publish,
 * so the merged table lets a reader work out nothing the files did not already give away.
 * A value a file does not list (a platform it has no entry for, or merged into its catch-all) counts as
 * hidden in that file: its count is unknown, so the sum is too.
 */
export function mergeBreakdowns(files: readonly PublishedBreakdown[]): PublishedBreakdown {
  const values: string[] = [];
  for (const f of files) for (const v of f.values) if (!values.includes(v)) values.push(v);
  const merged: Record<string, string> = {};
  for (const f of files) Object.assign(merged, f.merged);
  const periods = new Set(files.flatMap((f) => Object.keys(f.rows)));
  const rows: Record<string, Record<string, PublishedCount>> = {};
  for (const period of periods) {
    const row: Record<string, PublishedCount> = {};
    for (const v of [...values, 'total']) {
      let sum: number | null = 0;
      for (const f of files) {
        const value = f.values.includes(v) || v === 'total' ? f.rows[period]?.[v] : null;
        if (value === null || value === undefined) {
          sum = null;
          break;
        }
        sum += value;
      }
      row[v] = sum;
    }
    rows[period] = row;
  }
  return { values, merged, rows };
}
