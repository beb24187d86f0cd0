import { getJson } from '../lib/api.ts';
import type { CaseSummary } from '../lib/types.ts';

const PAGE = 500;
const MAX = 50_000;

/** Every case the queue may show (the server leaves closed ones out unless asked), page by page. */
export async function fetchAllCases(status?: string): Promise<CaseSummary[]> {
  const all: CaseSummary[] = [];
  let cursor: string | null = null;
  do {
    const params = new URLSearchParams({ limit: String(PAGE) });
    if (status) params.set('status', status);
    if (cursor) params.set('cursor', cursor);
    const page: { cases: CaseSummary[]; nextCursor: string | null } = await getJson(`/staff/cases?${params}`);
    all.push(...page.cases);
    cursor = page.nextCursor;
  } while (cursor && all.length < MAX);
  return all;
}
