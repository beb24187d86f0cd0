import { z } from 'zod';

/**
 * Standard base64 with its padding, in the one form that decodes: whole groups of four, and in a padded
 * last group only the bits that carry data. A looser pattern (`[A-Za-z0-9+/]*={0,2}`) lets through
 * text such as `AB==` that the decoder then refuses, which would surface inside a handler as a 500.
 */
const CANONICAL_BASE64 =
  /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/][AQgw]==|[A-Za-z0-9+/]{2}[AEIMQUYcgkosw048]=)?$/;

export const base64Schema = z.string().regex(CANONICAL_BASE64, 'base64');
