import { describe, expect, it } from 'vitest';
import type { Service } from '../pack/schema.ts';
import { leadTimesUnverified, referralReach } from './referral-reach.ts';

const recipient = 'age1mlc5c8rq0fn3cge64gyn4dgf86kxenmjg63gwqnse9urym6qc3eq57ee7w';

describe('referralReach', () => {
  it.each<[string, Pick<Service, 'kind' | 'connector'>, string]>([
    [
      'a webhook partner',
      { kind: 'other', connector: { type: 'webhook', url: 'https://p.test', secretEnv: 'S', recipient } },
      'webhook',
    ],
    [
      'an e-mail partner',
      { kind: 'police', connector: { type: 'email', to: 'a@p.test', recipient } },
      'email',
    ],
    [
      'a hotline with a webhook',
      { kind: 'hotline', connector: { type: 'webhook', url: 'https://h.test', secretEnv: 'S', recipient } },
      'hash-submission',
    ],
    ['a hotline without a connector', { kind: 'hotline', connector: { type: 'none' } }, 'hash-submission'],
    ['a crisis line', { kind: 'crisis', connector: { type: 'none' } }, 'call-together'],
    ['a school', { kind: 'school', connector: { type: 'none' } }, 'call-together'],
  ])('%s', (_name, service, reach) => {
    expect(referralReach(service)).toBe(reach);
  });
});

describe('leadTimesUnverified', () => {
  it.each<[Service['unverified'], boolean]>([
    [undefined, false],
    [[], false],
    [['hours'], false],
    [['leadTimes', 'connector'], true],
  ])('%j → %s', (unverified, expected) => {
    expect(leadTimesUnverified(unverified ? { unverified } : {})).toBe(expected);
  });
});
