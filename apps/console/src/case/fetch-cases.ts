import { getJson } from '../lib/api.ts';
import type { CaseSummary } from '../lib/types.ts';

const PAGE = 500;
const MAX = 50_000;

/**
 * Every case the queue may show (the server leaves closed ones out unless asked), page by page.
 * `onPage` sees the first page when more follow, so a long queue shows its first (most urgent, oldest)
 * cases while the rest arrives.
 */
export async function fetchAllCases(
  status?: string,
  onPage?: (soFar: CaseSummary[], done: boolean) => void,
  /** Stops between pages (the queue was left), so an abandoned load does not keep the server busy. */
  stopped: () => boolean = () => false,
): Promise<CaseSummary[]> {
  const all: CaseSummary[] = [];
  let cursor: string | null = null;
  do {
    const params = new URLSearchParams({ limit: String(PAGE) });
    if (status) params.set('status', status);
    if (cursor) params.set('cursor', cursor);
    const page: { cases: CaseSummary[]; nextCursor: string | null } = await getJson(`/staff/cases?${params}`);
    all.push(...page.cases);
    cursor = page.nextCursor;
    // Once, after the first page: re-sorting a growing list on every page would cost more than it shows.
    if (cursor && onPage && all.length === page.cases.length) onPage([...all], false);
  } while (cursor && all.length < MAX && !stopped());
  return all;
}
