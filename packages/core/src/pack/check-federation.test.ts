import { describe, expect, it } from 'vitest';
import { checkFederation } from './check-federation.ts';
import type { FederationPeer } from './schema.ts';

const peer = (over: Partial<FederationPeer> = {}): FederationPeer => ({
  id: 'be-vl',
  country: 'BE-VL',
  helplineName: 'Child Focus',
  url: 'https://vangnet.example.be',
  publicKey: 'ab'.repeat(32),
  recipient: `age1${'q'.repeat(58)}`,
  leadTimes: { firstContact: 'PT24H', handover: 'PT4H' },
  ...over,
});
const pack = (peers: FederationPeer[]) => ({
  meta: { code: 'NL' },
  services: [{ id: 'helpwanted' }] as never,
  federation: peers,
});

describe('checkFederation', () => {
  it.each([
    ['an https peer', [peer()], []],
    ['no federation.yaml', undefined, []],
    ['http on loopback (tests)', [peer({ url: 'http://127.0.0.1:8080' })], []],
    ['http on localhost (tests)', [peer({ url: 'http://localhost:8080' })], []],
    ['http anywhere else', [peer({ url: 'http://vangnet.example.be' })], ['peers.0.url']],
    [
      'http on a name that starts like localhost',
      [peer({ url: 'http://localhost.example.be' })],
      ['peers.0.url'],
    ],
    ['a trailing slash', [peer({ url: 'https://vangnet.example.be/' })], ['peers.0.url']],
    ['its own country', [peer({ country: 'NL' })], ['peers.0.country']],
    ['a service id', [peer({ id: 'helpwanted' })], ['peers.0.id']],
    [
      'two peers with one key',
      [peer(), peer({ id: 'ie', country: 'IE', url: 'https://vangnet.example.ie' })],
      ['peers.1.publicKey'],
    ],
    [
      'two peers for one country',
      [peer(), peer({ id: 'be-vl2', url: 'https://x.example.be', publicKey: 'cd'.repeat(32) })],
      ['peers.1.country'],
    ],
  ])('%s', (_name, peers, paths) => {
    const input = peers === undefined ? { meta: { code: 'NL' }, services: [] } : pack(peers);
    expect(checkFederation(input).map((p) => p.path)).toEqual(paths);
  });
});
