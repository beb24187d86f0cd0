import { createHmac } from 'node:crypto';
import { normalizeIP } from '@fastify/rate-limit';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * What the abuse limits count by instead of a client's address: an HMAC of the address (IPv6 grouped
 * by subnet, as the rate limiter does) under a random key of the UTC day. The key comes from the shared
 * limits (shared-limits/): one process keeps it in memory, replicas share it through PostgreSQL or
 * Redis so that one client is one key on every replica. It is replaced every day and the old one is
 * deleted, so yesterday's keys cannot be recomputed by anyone and a key cannot be matched against a
 * list of addresses later. Limits reset once at midnight UTC: the longest window is an hour, so at
 * most one window's worth of extra attempts.
 */
export function createClientKeyer(
  secretOfDay: (day: number) => Promise<Uint8Array>,
  now: () => number = Date.now,
): (address: string) => Promise<string> {
  let day = Number.NaN;
  let key: Promise<Uint8Array> | undefined;
  return async (address) => {
    const today = Math.floor(now() / DAY_MS);
    if (today !== day || !key) {
      day = today;
      key = secretOfDay(today);
      // A failed read is tried again on the next request rather than kept.
      key.catch(() => {
        if (day === today) key = undefined;
      });
    }
    const secret = await key;
    return `client:${createHmac('sha256', secret).update(normalizeIP(address)).digest('base64url').slice(0, 22)}`;
  };
}
