import { describe, expect, it } from 'vitest';
import { consoleCatalogs } from '../i18n/compile-in-node.ts';
import { setCatalog } from '../lib/text.ts';
import type { CaseSummary } from '../lib/types.ts';
import { buildQueue, formatTimeLeft, mergeChanges, NO_FILTERS, type SlaMeta } from './queue-model.ts';

// The screens' texts in English, as the console sets them before its first render.
setCatalog('en', consoleCatalogs.en);

const pack: SlaMeta = {
  meta: {
    sla: {
      firstContact: { default: 'PT24H', urgent: 'PT1H' },
      remindBefore: 'PT15M',
      urgentWhen: ['danger', 'selfHarm'],
      urgentCategories: ['self-harm'],
    },
  },
};

const flags = { ongoing: false, danger: false, selfHarm: false, imageAbuse: false };
function c(id: string, at: string, extra: Partial<CaseSummary> = {}, danger = false): CaseSummary {
  return {
    id,
    metadata: {
      country: 'NL',
      category: 'harassment',
      platform: 'tiktok',
      role: 'self',
      ageBand: '13-15',
      flags: { ...flags, danger },
    },
    status: 'new',
    createdAt: at,
    visibleAt: at,
    assignee: null,
    ...extra,
  };
}

describe('queue order', () => {
  const cases = [
    c('old-normal', '2026-11-23T08:00:00.000Z'),
    c('contacted', '2026-11-22T08:00:00.000Z', { status: 'contacted' }),
    c('new-urgent', '2026-11-24T07:50:00.000Z', {}, true),
    c('older-urgent', '2026-11-24T06:00:00.000Z', {}, true),
    c('fresh-normal', '2026-11-24T07:59:00.000Z'),
    c('closed', '2026-11-20T08:00:00.000Z', { status: 'closed' }),
  ];

  it('puts urgent first, then least time left, contacted cases last, closed ones out', () => {
    expect(buildQueue(pack, cases, NO_FILTERS, 'w1').map((r) => r.id)).toEqual([
      'older-urgent',
      'new-urgent',
      'old-normal',
      'fresh-normal',
      'contacted',
    ]);
  });

  it('stops the countdown once first contact is met, even while the status is still new', () => {
    const rows = buildQueue(
      pack,
      [...cases, c('reached', '2026-11-24T05:00:00.000Z', { firstContactAt: '2026-11-24T05:30:00.000Z' })],
      NO_FILTERS,
      'w1',
    );
    const reached = rows.find((r) => r.id === 'reached')!;
    expect(reached).toMatchObject({ deadline: null, firstContactMet: true });
    expect(rows.find((r) => r.id === 'old-normal')).toMatchObject({ firstContactMet: false });
    // No longer waiting: it goes after the cases still waiting, among the contacted ones (oldest first).
    expect(rows.map((r) => r.id).slice(-2)).toEqual(['contacted', 'reached']);
  });

  it('moves a case with an unread reporter message to the top', () => {
    const rows = buildQueue(
      pack,
      [
        ...cases.filter((x) => x.id !== 'contacted'),
        c('contacted', '2026-11-22T08:00:00.000Z', { status: 'contacted', unread: true }),
      ],
      NO_FILTERS,
      'w1',
    );
    expect(rows.map((r) => r.id)).toEqual([
      'contacted',
      'older-urgent',
      'new-urgent',
      'old-normal',
      'fresh-normal',
    ]);
    expect(rows[0]!.unread).toBe(true);
  });

  it('gives a 1 h target to urgent cases and 24 h to others', () => {
    const rows = buildQueue(pack, cases, NO_FILTERS, 'w1');
    const urgent = rows.find((r) => r.id === 'new-urgent')!;
    const normal = rows.find((r) => r.id === 'fresh-normal')!;
    expect(urgent.deadline! - Date.parse(urgent.visibleAt!)).toBe(3_600_000);
    expect(normal.deadline! - Date.parse(normal.visibleAt!)).toBe(86_400_000);
    expect(rows.find((r) => r.id === 'contacted')!.deadline).toBeNull();
  });

  it.each([
    [{ status: 'contacted' as const }, ['contacted']],
    [{ status: 'closed' as const }, ['closed']],
    [{ assignee: 'me' }, ['old-normal']],
    [{ assignee: 'nobody' }, ['older-urgent', 'new-urgent', 'fresh-normal', 'contacted']],
    [{ category: 'threats' }, []],
  ])('filters by %j', (filter, ids) => {
    const mine = cases.map((x) => (x.id === 'old-normal' ? { ...x, assignee: { id: 'w1' } } : x));
    expect(buildQueue(pack, mine, { ...NO_FILTERS, ...filter }, 'w1').map((r) => r.id)).toEqual(ids);
  });

  it.each([
    [90 * 60_000, '1 h 30 min left', false],
    [5 * 60_000 + 59_000, '5 min left', false],
    [-12 * 60_000, 'overdue by 12 min', true],
    [-(50 * 60 + 3) * 60_000, 'overdue by 2 d 2 h', true],
  ])('writes %d ms as %s', (ms, words, breached) => {
    expect(formatTimeLeft(ms)).toEqual({ text: words, breached });
  });
});

describe('mergeChanges', () => {
  it('replaces changed cases by id, adds new ones, and leaves the list alone when nothing changed', () => {
    const a = c('a', '2026-01-01T10:00:00Z');
    const b = c('b', '2026-01-01T11:00:00Z');
    const list = [a, b];
    expect(mergeChanges(list, [])).toEqual(list);
    const taken = { ...b, assignee: 'w1' };
    const fresh = c('n', '2026-01-01T12:00:00Z');
    expect(mergeChanges(list, [taken, fresh])).toEqual([a, taken, fresh]);
    // A closed case stays in the list; the queue's filter leaves it out of the open view.
    const closed = { ...a, status: 'closed' as const };
    const merged = mergeChanges(list, [closed]);
    expect(merged).toEqual([closed, b]);
    expect(buildQueue(pack, merged, NO_FILTERS, 'me').map((r) => r.id)).toEqual(['b']);
  });
});
