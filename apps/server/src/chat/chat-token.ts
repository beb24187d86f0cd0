import { createHash, timingSafeEqual } from 'node:crypto';
import { Problem } from '../http/problem.ts';

/**
 * The child's chat secret: 32 random bytes in hex, made and kept on the device, sent as
 * `Authorization: Bearer <hex>` and never in a URL. The server stores only its SHA-256.
 */
const BEARER = /^Bearer ([0-9a-f]{64})$/;

export const chatNotFound = () => new Problem(404, 'chat.not-found', 'There is no such chat');

export function chatTokenHash(header: string | undefined): string {
  const match = BEARER.exec(header ?? '');
  if (!match)
    throw new Problem(401, 'auth.token-missing', 'Send the chat token as Authorization: Bearer <token>');
  return createHash('sha256').update(match[1]!).digest('hex');
}

/** Constant-time comparison of two hex hashes of the same length. */
export function sameHash(a: string, b: string): boolean {
  return a.length === b.length && timingSafeEqual(Buffer.from(a, 'hex'), Buffer.from(b, 'hex'));
}
