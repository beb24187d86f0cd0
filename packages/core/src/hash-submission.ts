import type { ReportBody } from './report-body.ts';
import { type HashSubmission, hashSubmissionSchema, type ReportMetadata } from './report-metadata.ts';

/** A known-hash match as the staff API lists it (`GET /staff/cases/:id/hash-matches`). */
export type CaseHashMatch = HashSubmission['matches'][number] & { listId?: string; active?: boolean };

export type HashSubmissionResult =
  | { ok: true; submission: HashSubmission }
  | { ok: false; reason: 'no-hashes' | 'bad-url' | 'invalid' };

/** Only http(s) addresses the case worker ticked go to the hotline; a ticked one that is not is refused. */
function isWebUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}

/**
 * The document a hotline receives for a hash-only case (docs/hash-only-reports.md, "Hand-over"):
 * the picture codes from the sealed body, the URLs the case worker checked, and the list names and
 * distances of the matches, without the lists' own hashes. Never an image, never the description.
 */
export function buildHashSubmission(input: {
  metadata: Pick<ReportMetadata, 'country' | 'category' | 'ageBand'>;
  body: Pick<ReportBody, 'hashes'>;
  checkedUrls: readonly string[];
  matches: readonly CaseHashMatch[];
}): HashSubmissionResult {
  const hashes = input.body.hashes ?? [];
  if (hashes.length === 0) return { ok: false, reason: 'no-hashes' };
  const urls = [...new Set(input.checkedUrls.map((u) => u.trim()))];
  if (!urls.every(isWebUrl)) return { ok: false, reason: 'bad-url' };
  const candidate = {
    type: 'vangnet.hash-submission' as const,
    version: 1 as const,
    country: input.metadata.country,
    category: input.metadata.category,
    ageBand: input.metadata.ageBand,
    hashes,
    urls,
    matches: input.matches.map(({ source, version, kind, hashIndex, distance }) => ({
      source,
      version,
      kind,
      hashIndex,
      distance,
    })),
  };
  const parsed = hashSubmissionSchema.safeParse(candidate);
  return parsed.success ? { ok: true, submission: parsed.data } : { ok: false, reason: 'invalid' };
}
