import { isIP } from 'node:net';
import type { FastifyServerOptions } from 'fastify';

/**
 * Which peers may tell the server a client's address (X-Forwarded-For) and scheme
 * (X-Forwarded-Proto): none, the nearest `n` proxy hops, or the proxies at these addresses. Never
 * "everyone": then any client could pick its own address and walk past every per-address limit.
 */
export type TrustProxy = false | number | string[];

const PROXY_KEYWORDS = new Set(['loopback', 'linklocal', 'uniquelocal']);
const MAX_PROXY_HOPS = 10;

function isProxyAddress(entry: string): boolean {
  if (PROXY_KEYWORDS.has(entry)) return true;
  const [address = '', prefix, extra] = entry.split('/');
  const version = isIP(address);
  if (!version || extra !== undefined) return false;
  if (prefix === undefined) return true;
  if (!/^\d{1,3}$/.test(prefix)) return false;
  return Number(prefix) <= (version === 4 ? 32 : 128);
}

/**
 * `TRUST_PROXY`: unset, `0` or `false` trust no proxy; a whole number is the count of proxy hops in
 * front of the server (`1`: one load balancer); otherwise a comma-separated list of proxy addresses
 * or CIDR ranges (`10.0.0.0/8,fd00::/8`, or `loopback`, `linklocal`, `uniquelocal`). `true` used to
 * mean "trust every X-Forwarded-For"; it is refused now, with a message naming the two safe forms.
 * Returns the setting, or a message saying what is wrong.
 */
export function parseTrustProxy(value: string | undefined): TrustProxy | string {
  const v = value?.trim().toLowerCase() ?? '';
  if (v === '' || v === 'false' || v === '0') return false;
  if (['true', 'yes', 'on', '*', 'all'].includes(v)) {
    return (
      'no longer trusts every X-Forwarded-For: give the number of proxies in front of the server ' +
      '(TRUST_PROXY=1 behind one load balancer) or their addresses (TRUST_PROXY=10.0.0.5,10.0.1.0/24)'
    );
  }
  if (/^\d+$/.test(v)) {
    const hops = Number(v);
    return hops <= MAX_PROXY_HOPS ? hops : `at most ${MAX_PROXY_HOPS} proxy hops`;
  }
  const entries = v.split(',').map((e) => e.trim());
  const bad = entries.filter((e) => !isProxyAddress(e));
  if (bad.length) return `not a proxy address or CIDR range: ${bad.map((e) => JSON.stringify(e)).join(', ')}`;
  return entries;
}

/**
 * The setting as Fastify's `trustProxy`. Hops become a function: Fastify reads a bare number as
 * "trust nobody" (it cannot check the nearest peer), but a count is what an operator behind a fixed
 * chain of proxies knows. It is only safe when clients cannot reach the server except through those
 * proxies; the README says so, and an address list is the safer choice.
 */
export function trustProxyOption(setting: TrustProxy): FastifyServerOptions['trustProxy'] {
  if (setting === false) return false;
  if (typeof setting === 'number') {
    const hops = setting;
    // proxy-addr asks about each address from the socket outwards: index 0 is the nearest peer.
    return (_address: string, index: number) => index < hops;
  }
  return [...setting];
}
