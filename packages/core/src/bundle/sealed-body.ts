import { canonicalJson } from '../audit/canonical-json.ts';
import type { BundleProblem } from './verify.ts';

/**
 * The one link `verifyBundle` cannot check without a key: that report.json is what the reporter
 * sealed. Whoever holds the helpline identity opens sealed/body.age (its hash is in the signed receipt)
 * and hands the opened body here; any difference in the manifest, text or links is named.
 */
export function compareSealedBody(report: unknown, opened: unknown): BundleProblem[] {
  const r = (report ?? {}) as Record<string, unknown>;
  const o = (opened ?? {}) as Record<string, unknown>;
  const problems: BundleProblem[] = [];
  for (const field of ['manifest', 'description', 'links', 'language'] as const) {
    if (canonicalJson(r[field] ?? null) !== canonicalJson(o[field] ?? null)) {
      problems.push({
        code: 'report.differs-from-sealed',
        subject: `report.json ${field}`,
        message: `report.json ${field} differs from what the reporter sealed`,
      });
    }
  }
  return problems;
}
