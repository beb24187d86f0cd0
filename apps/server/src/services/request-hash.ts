import { createHash } from 'node:crypto';
import { canonicalJson } from '@vangnet/crypto';

/** SHA-256 of a request's canonical JSON: tells a true retry from the same key with another body. */
export function requestHash(value: unknown): string {
  return createHash('sha256').update(canonicalJson(value)).digest('hex');
}
