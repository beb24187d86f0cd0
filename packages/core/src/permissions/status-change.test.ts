import { describe, expect, it } from 'vitest';
import type { ReportState } from '../report-metadata.ts';
import { checkStatusChange, type StatusTransition } from './status-change.ts';

describe('checkStatusChange with the default workflow', () => {
  it.each<[ReportState, ReportState, Record<string, unknown>, ReturnType<typeof checkStatusChange>]>([
    ['new', 'contacted', {}, { ok: true }],
    ['new', 'closed', {}, { ok: true }],
    ['contacted', 'in-progress', {}, { ok: true }],
    ['in-progress', 'referred', { serviceId: 'politie' }, { ok: true }],
    [
      'in-progress',
      'referred',
      {},
      { ok: false, code: 'case.status-fields-missing', missing: ['serviceId'] },
    ],
    ['closed', 'in-progress', {}, { ok: true }],
    ['closed', 'contacted', {}, { ok: false, code: 'case.status-transition' }],
    ['contacted', 'new', {}, { ok: false, code: 'case.status-transition' }],
    ['new', 'new', {}, { ok: false, code: 'case.status-transition' }],
    ['new', 'awaiting-evidence', {}, { ok: false, code: 'case.status-not-settable' }],
    ['awaiting-evidence', 'new', {}, { ok: false, code: 'case.status-not-settable' }],
  ])('%s → %s with %j', (from, to, fields, expected) => {
    expect(checkStatusChange(from, to, fields)).toEqual(expected);
  });
});

describe('checkStatusChange with a pack workflow', () => {
  const pack: StatusTransition[] = [
    { from: ['new'], to: 'contacted' },
    { from: ['contacted'], to: 'closed', requires: ['outcome', 'reason'] },
    { from: ['new'], to: 'awaiting-evidence' },
  ];

  it.each<[ReportState, ReportState, Record<string, unknown>, ReturnType<typeof checkStatusChange>]>([
    ['new', 'contacted', {}, { ok: true }],
    ['new', 'closed', {}, { ok: false, code: 'case.status-transition' }],
    [
      'contacted',
      'closed',
      { outcome: 'helped' },
      { ok: false, code: 'case.status-fields-missing', missing: ['reason'] },
    ],
    ['contacted', 'closed', { outcome: 'helped', reason: 'resolved' }, { ok: true }],
    ['new', 'awaiting-evidence', {}, { ok: false, code: 'case.status-not-settable' }],
  ])('%s → %s with %j', (from, to, fields, expected) => {
    expect(checkStatusChange(from, to, fields, pack)).toEqual(expected);
  });
});
