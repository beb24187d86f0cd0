import { getJson } from '../lib/api.ts';
import type { CaseSummary } from '../lib/types.ts';

/** Small, so the first rows are on screen at once; the rest follows in larger pages. */
const FIRST_PAGE = 100;
const PAGE = 500;
const MAX = 50_000;

type CasePage = { cases: CaseSummary[]; nextCursor: string | null; changeCursor: string };

export type CaseList = {
  cases: CaseSummary[];
  /** Where the next `fetchChanges` starts: what changed after this list was read. */
  changeCursor: string;
};

/**
 * Every case the queue may show (the server leaves closed ones out unless asked), page by page, in the
 * queue's own order (the server sorts), so the first page is the top of the queue. `onPage` sees the
 * first page when more follow, so a long queue shows its most pressing cases while the rest arrives.
 */
export async function fetchAllCases(
  status?: string,
  onPage?: (soFar: CaseSummary[], done: boolean) => void,
  /** Stops between pages (the queue was left), so an abandoned load does not keep the server busy. */
  stopped: () => boolean = () => false,
): Promise<CaseList> {
  const all: CaseSummary[] = [];
  let cursor: string | null = null;
  let changeCursor: string | null = null;
  do {
    const params = new URLSearchParams({ order: 'queue', limit: String(all.length ? PAGE : FIRST_PAGE) });
    if (status) params.set('status', status);
    if (cursor) params.set('cursor', cursor);
    const page: CasePage = await getJson(`/staff/cases?${params}`);
    all.push(...page.cases);
    cursor = page.nextCursor;
    // The first page's: read before any page, so nothing changed during the load is missed.
    changeCursor ??= page.changeCursor;
    if (cursor && onPage && all.length === page.cases.length) onPage([...all], false);
  } while (cursor && all.length < MAX && !stopped());
  return { cases: all, changeCursor: changeCursor ?? '0' };
}

/**
 * The cases that changed since `since` (a change cursor), closed ones included: nothing at all when
 * the queue is idle, so a poll costs one small answer.
 */
export async function fetchChanges(since: string): Promise<CaseList> {
  const changed: CaseSummary[] = [];
  let cursor = since;
  for (;;) {
    const page: CasePage = await getJson(
      `/staff/cases?${new URLSearchParams({ since: cursor, limit: String(PAGE) })}`,
    );
    changed.push(...page.cases);
    cursor = page.changeCursor;
    if (page.cases.length < PAGE || changed.length >= MAX) break;
  }
  return { cases: changed, changeCursor: cursor };
}
