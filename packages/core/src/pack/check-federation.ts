import type { PackProblem } from './check.ts';
import type { CountryPack } from './schema.ts';

/** `http://` is for tests on one machine only: a peer anywhere else is reached over https. */
const LOOPBACK_HTTP = /^http:\/\/(127\.\d{1,3}\.\d{1,3}\.\d{1,3}|localhost|\[::1\])(:\d{1,5})?(\/|$)/;

/**
 * Errors in federation.yaml beyond its schema: a peer reached over plain http (allowed on loopback only,
 * for tests), a peer for the pack's own country, two peers with the same id, country, address or key, or
 * a peer id that is also a service id (referrals name their target by id).
 */
export function checkFederation(
  pack: Pick<CountryPack, 'federation' | 'services'> & { meta: Pick<CountryPack['meta'], 'code'> },
): Omit<PackProblem, 'severity'>[] {
  const problems: Omit<PackProblem, 'severity'>[] = [];
  const peers = pack.federation ?? [];
  const problem = (i: number, field: string, message: string) =>
    problems.push({ file: 'federation.yaml', path: `peers.${i}.${field}`, message });
  const serviceIds = new Set(pack.services.map((s) => s.id));
  const seen = {
    id: new Set<string>(),
    country: new Set<string>(),
    url: new Set<string>(),
    key: new Set<string>(),
  };
  peers.forEach((peer, i) => {
    if (!peer.url.startsWith('https://') && !LOOPBACK_HTTP.test(peer.url)) {
      problem(i, 'url', 'a peer is reached over https:// (http only on loopback, for tests)');
    }
    if (peer.url.endsWith('/')) problem(i, 'url', 'the base address without a trailing /');
    if (peer.country === pack.meta.code) problem(i, 'country', 'a peer is another member state’s instance');
    if (serviceIds.has(peer.id)) problem(i, 'id', `"${peer.id}" is also a service id in services.yaml`);
    const url = peer.url.toLowerCase();
    for (const [field, value, set] of [
      ['id', peer.id, seen.id],
      ['country', peer.country, seen.country],
      ['url', url, seen.url],
      ['publicKey', peer.publicKey, seen.key],
    ] as const) {
      if (set.has(value)) problem(i, field, `another peer has the same ${field}`);
      set.add(value);
    }
  });
  return problems;
}
