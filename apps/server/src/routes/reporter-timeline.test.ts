import { describe, expect, it } from 'vitest';
import { reporterTimelineEntry } from './reporter-timeline.ts';

const at = new Date('2026-12-02T09:30:00.000Z');

describe('what the reporter sees of a timeline event', () => {
  it.each([
    ['received', null, { at: at.toISOString(), event: 'received' }],
    ['helpline-read', null, { at: at.toISOString(), event: 'helpline-read' }],
    [
      'status-changed',
      { status: 'contacted', workerId: 'w1' },
      { at: at.toISOString(), event: 'status-changed', detail: { status: 'contacted' } },
    ],
    [
      'handed-over',
      { serviceId: 'politie', service: 'Politie', referralId: 'r1' },
      { at: at.toISOString(), event: 'handed-over', detail: { serviceId: 'politie' } },
    ],
    [
      'partner-outcome',
      { serviceId: 'politie', service: 'Politie', outcome: 'accepted' },
      {
        at: at.toISOString(),
        event: 'partner-outcome',
        detail: { serviceId: 'politie', outcome: 'accepted' },
      },
    ],
    ['sla.escalated', { caseId: 'x' }, null],
    ['status-changed', { status: 3 }, { at: at.toISOString(), event: 'status-changed' }],
  ])('%s %j', (event, detail, shown) => {
    expect(reporterTimelineEntry({ at, event, detail })).toEqual(shown);
  });
});
