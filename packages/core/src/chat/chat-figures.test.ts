import { describe, expect, it } from 'vitest';
import { chatFigures, expectedWaitMinutes, quantile } from './chat-figures.ts';

const at = (s: number) => new Date(Date.UTC(2026, 11, 1, 12, 0, s));
const chat = (wait: number | null, length: number | null, status = 'closed') => ({
  createdAt: at(0),
  takenAt: wait === null ? null : at(wait),
  closedAt: wait === null || length === null ? null : at(wait + length),
  status,
});

describe('quantile (nearest rank)', () => {
  it.each([
    [[], 0.5, null],
    [[7], 0.9, 7],
    [[1, 2, 3, 4], 0.5, 2],
    [[4, 3, 2, 1, 5, 6, 7, 8, 9, 10], 0.9, 9],
    [[10, 20, 30], 0.9, 30],
  ])('%j at %d is %j', (values, q, expected) => {
    expect(quantile(values, q)).toBe(expected);
  });
});

describe('chatFigures', () => {
  it.each([
    ['no chats', [], { answered: 0, abandoned: 0, waitMedian: null, waitP90: null, lengthMedian: null }],
    [
      'answered and abandoned',
      [chat(10, 300), chat(30, 600), chat(20, 100), chat(null, null, 'abandoned')],
      { answered: 3, abandoned: 1, waitMedian: 20, waitP90: 30, lengthMedian: 300 },
    ],
    [
      'a chat still running counts as answered, not in the length',
      [chat(5, null, 'active'), chat(50, 60)],
      { answered: 2, abandoned: 0, waitMedian: 5, waitP90: 50, lengthMedian: 60 },
    ],
    [
      'a chat still waiting is neither',
      [chat(null, null, 'waiting')],
      { answered: 0, abandoned: 0, waitMedian: null, waitP90: null, lengthMedian: null },
    ],
  ])('%s', (_what, chats, expected) => {
    expect(chatFigures(chats)).toEqual(expected);
  });
});

describe('expectedWaitMinutes', () => {
  it.each([
    ['too little history', [60, 60], 0, 1, null],
    ['nobody online', [60, 60, 60, 60, 60], 0, 0, null],
    ['first in line: the median wait', [60, 120, 120, 180, 600], 0, 1, 2],
    ['two ahead, two counsellors: twice the median', [60, 120, 120, 180, 600], 2, 2, 4],
    ['never less than a minute', [1, 1, 1, 1, 1], 0, 3, 1],
  ])('%s', (_what, waits, ahead, counsellors, expected) => {
    expect(expectedWaitMinutes(waits, ahead, counsellors)).toBe(expected);
  });
});
