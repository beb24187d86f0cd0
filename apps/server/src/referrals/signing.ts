import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Webhook signatures: `Vangnet-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">`, the
 * scheme most webhook senders use, so a partner can verify with a few lines in any language. The
 * timestamp lets the receiver refuse replays older than a few minutes.
 */
export const SIGNATURE_HEADER = 'vangnet-signature';
/** The same referral sent again after a lost response carries the same id: the receiver drops duplicates. */
export const DELIVERY_ID_HEADER = 'vangnet-delivery-id';

export function signWebhook(secret: string, body: string, at: Date): string {
  const t = Math.floor(at.getTime() / 1000);
  const mac = createHmac('sha256', secret).update(`${t}.${body}`).digest('hex');
  return `t=${t},v1=${mac}`;
}

/** What a partner runs on receipt (also used by the tests' receiver). */
export function verifyWebhook(
  secret: string,
  body: string,
  header: string | undefined,
  now: Date,
  toleranceSeconds = 300,
): boolean {
  const parts = Object.fromEntries((header ?? '').split(',').map((p) => p.split('=', 2) as [string, string]));
  const t = Number(parts.t);
  if (!Number.isInteger(t) || !parts.v1 || Math.abs(now.getTime() / 1000 - t) > toleranceSeconds)
    return false;
  const expected = createHmac('sha256', secret).update(`${t}.${body}`).digest();
  const given = Buffer.from(parts.v1, 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/**
 * The key for partner links, derived from the server's signing key with a fixed label so it is never
 * the signing key itself.
 */
export function deriveLinkKey(serverSecretHex: string): Buffer {
  return createHash('sha256').update('vangnet/partner-link/v1\0').update(serverSecretHex).digest();
}

/** A partner link's token: HMAC over the referral id, so only the partner who got the package can answer. */
export function partnerToken(linkKey: Buffer, referralId: string): string {
  return createHmac('sha256', linkKey).update(`referral:${referralId}`).digest('base64url');
}

export function checkPartnerToken(linkKey: Buffer, referralId: string, token: string): boolean {
  const expected = Buffer.from(partnerToken(linkKey, referralId));
  const given = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
