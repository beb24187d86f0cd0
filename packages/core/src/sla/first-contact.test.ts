import { describe, expect, it } from 'vitest';
import { DEFAULT_STATUS_TRANSITIONS, type StatusTransition } from '../permissions/status-change.ts';
import type { ReportState } from '../report-metadata.ts';
import { statusAfterFirstContact, summariseFirstContacts } from './first-contact.ts';

const nlWorkflow: StatusTransition[] = [
  { from: ['new'], to: 'contacted' },
  { from: ['new', 'contacted', 'referred'], to: 'in-progress' },
  { from: ['new', 'contacted', 'in-progress'], to: 'referred', requires: ['serviceId', 'consent'] },
  { from: ['new', 'contacted', 'in-progress', 'referred'], to: 'closed', requires: ['reason'] },
];
const needsReason: StatusTransition[] = [{ from: ['new'], to: 'contacted', requires: ['reason'] }];
const noContactStep: StatusTransition[] = [{ from: ['new'], to: 'in-progress' }];

describe('status after first contact', () => {
  it.each<[string, ReportState, readonly StatusTransition[], ReportState | null]>([
    ['new moves on (NL workflow)', 'new', nlWorkflow, 'contacted'],
    ['new moves on (default workflow)', 'new', DEFAULT_STATUS_TRANSITIONS, 'contacted'],
    ['already contacted stays', 'contacted', nlWorkflow, null],
    ['in progress stays', 'in-progress', nlWorkflow, null],
    ['referred stays', 'referred', nlWorkflow, null],
    ['closed stays', 'closed', nlWorkflow, null],
    ['a step that needs fields is not taken', 'new', needsReason, null],
    ['a pack without the step keeps new', 'new', noContactStep, null],
    ['awaiting evidence is never moved', 'awaiting-evidence', nlWorkflow, null],
  ])('%s', (_why, from, workflow, to) => {
    expect(statusAfterFirstContact(from, workflow)).toBe(to);
  });
});

describe('first-contact figures', () => {
  const t0 = new Date('2026-11-24T10:00:00.000Z');
  const after = (minutes: number) => new Date(t0.getTime() + minutes * 60_000);
  it.each([
    ['no cases', [], { cases: 0, contacted: 0, medianMs: null, withinTarget: null }],
    [
      'one waiting',
      [{ visibleAt: t0, firstContactAt: null, target: 'PT24H' }],
      { cases: 1, contacted: 0, medianMs: null, withinTarget: null },
    ],
    [
      'two in time, one late',
      [
        { visibleAt: t0, firstContactAt: after(30), target: 'PT1H' },
        { visibleAt: t0, firstContactAt: after(90), target: 'PT1H' },
        { visibleAt: t0, firstContactAt: after(600), target: 'PT24H' },
      ],
      { cases: 3, contacted: 3, medianMs: 90 * 60_000, withinTarget: 2 / 3 },
    ],
    [
      'exactly on target counts, even count takes the middle two',
      [
        { visibleAt: t0, firstContactAt: after(60), target: 'PT1H' },
        { visibleAt: t0, firstContactAt: after(20), target: 'PT1H' },
        { visibleAt: t0, firstContactAt: null, target: 'PT1H' },
      ],
      { cases: 3, contacted: 2, medianMs: 40 * 60_000, withinTarget: 1 },
    ],
  ])('%s', (_why, cases, figures) => {
    expect(summariseFirstContacts(cases)).toEqual(figures);
  });
});
