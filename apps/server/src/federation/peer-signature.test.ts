import { generateSigningKey } from '@vangnet/crypto';
import { describe, expect, it } from 'vitest';
import { claimedSender, signPeerRequest, verifyPeerRequest } from './peer-signature.ts';

const nl = generateSigningKey();
const other = generateSigningKey();
const at = new Date('2026-12-01T10:00:00Z');
const request = { from: 'NL', to: 'BE-VL', route: 'POST /api/v1/federation/referrals', body: '{"a":1}' };
const header = signPeerRequest(request, nl.privateKey, at);
const check = (over: Partial<typeof request> = {}, key = nl.publicKey, now = at, h = header) =>
  verifyPeerRequest({ ...request, ...over, header: h }, key, now);

describe('peer request signatures', () => {
  it.each([
    ['the request as signed', () => check(), true],
    ['a few minutes later', () => check({}, nl.publicKey, new Date(at.getTime() + 240_000)), true],
    ['too late (replayed)', () => check({}, nl.publicKey, new Date(at.getTime() + 600_000)), false],
    ['another body', () => check({ body: '{"a":2}' }), false],
    ['another route', () => check({ route: 'POST /api/v1/federation/referrals/x/status' }), false],
    ['sent to another peer', () => check({ to: 'IE' }), false],
    ['another sender’s key', () => check({}, other.publicKey), false],
    ['no header', () => check({}, nl.publicKey, at, ''), false],
    ['a garbled signature', () => check({}, nl.publicKey, at, header.replace(/sig=../, 'sig=zz')), false],
    [
      'a claimed sender changed',
      () => check({}, nl.publicKey, at, header.replace('from=NL', 'from=IE')),
      false,
    ],
  ])('%s', (_name, run, expected) => {
    expect(run()).toBe(expected);
  });

  it('names the claimed sender only when it looks like a country code', () => {
    expect(claimedSender(header)).toBe('NL');
    expect(claimedSender('from=<script>,t=1')).toBeUndefined();
    expect(claimedSender(undefined)).toBeUndefined();
  });
});
