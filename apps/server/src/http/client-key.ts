import { createHmac, randomBytes } from 'node:crypto';
import { normalizeIP } from '@fastify/rate-limit';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * What the abuse limits count by instead of a client's address: an HMAC of the address (IPv6 grouped
 * by subnet, as the rate limiter does) under a random key that lives in this process's memory only
 * and is replaced every UTC day. The limiter's memory then holds no address, nothing here is ever
 * written anywhere, and yesterday's keys cannot be recomputed by anyone (the old key is gone), so a
 * key cannot be matched against a list of addresses later. Limits reset once at midnight UTC: the
 * longest window is an hour, so at most one window's worth of extra attempts.
 */
export function createClientKeyer(now: () => number = Date.now): (address: string) => string {
  let day = Number.NaN;
  let key = randomBytes(32);
  return (address) => {
    const today = Math.floor(now() / DAY_MS);
    if (today !== day) {
      day = today;
      key = randomBytes(32);
    }
    return `client:${createHmac('sha256', key).update(normalizeIP(address)).digest('base64url').slice(0, 22)}`;
  };
}
