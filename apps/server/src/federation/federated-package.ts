import { AGE_BANDS, CATEGORY_CODES, ROLES, SHARED_PARTS, URGENCY_FLAGS } from '@vangnet/core';
import { z } from 'zod';
import { OUTCOMES } from '../referrals/referral-package.ts';

/**
 * What one member state's instance sends another (docs/federation.md). Like a partner's package, the
 * content is sealed in the sending console to the receiving helpline's age recipient; the clear part is
 * the whitelisted metadata the receiving queue needs, and the sender's countersigned receipt of the
 * original report (the receiver verifies it with the sender's key from its peer list).
 */
const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/);
export const federatedPackageSchema = z.strictObject({
  version: z.literal(1),
  kind: z.literal('vangnet-federated-referral'),
  referralId: z.uuid(),
  from: z.strictObject({
    country: z.string().max(10),
    helplineName: z.string().min(1).max(100),
    packVersion: z.string().max(40),
  }),
  to: z.strictObject({ country: z.string().max(10) }),
  metadata: z.strictObject({
    category: z.enum(CATEGORY_CODES),
    platform: z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/),
    role: z.enum(ROLES),
    ageBand: z.enum(AGE_BANDS),
    flags: z.strictObject(
      Object.fromEntries(URGENCY_FLAGS.map((flag) => [flag, z.boolean().default(false)])) as Record<
        (typeof URGENCY_FLAGS)[number],
        z.ZodDefault<z.ZodBoolean>
      >,
    ),
  }),
  consent: z.strictObject({ recordedAt: z.iso.datetime() }),
  shared: z.array(z.enum(SHARED_PARTS)).max(SHARED_PARTS.length),
  createdAt: z.iso.datetime(),
  /** age ciphertext, base64, sealed to the receiving helpline. */
  sealed: z.base64().max(700_000),
  /** The sender's receipt of the original report and its signature; null for a report without one. */
  origin: z.strictObject({
    receipt: z
      .looseObject({
        version: z.literal(1),
        reportId: z.string().max(100),
        receivedAt: z.string().max(40),
        country: z.string().max(10),
        body: z.looseObject({ sha256: sha256Hex, size: z.number() }),
        items: z
          .array(z.looseObject({ id: z.string().max(64), sha256: sha256Hex, size: z.number() }))
          .max(50),
      })
      .nullable(),
    signature: z
      .string()
      .regex(/^[0-9a-f]{128}$/)
      .nullable(),
  }),
});
export type FederatedPackage = z.infer<typeof federatedPackageSchema>;

/** What the receiving instance reports back: received (acknowledged), then what came of it. */
export const peerStatusSchema = z.strictObject({
  acknowledgedAt: z.iso.datetime(),
  outcome: z.enum(OUTCOMES).optional(),
  /** When the receiving helpline set the outcome: a late retry of an older answer does not undo a newer one. */
  outcomeAt: z.iso.datetime().optional(),
});
export type PeerStatus = z.infer<typeof peerStatusSchema>;

export const FEDERATION_PREFIX = '/api/v1/federation';
export const referralsRoute = () => `POST ${FEDERATION_PREFIX}/referrals`;
export const statusRoute = (referralId: string) => `POST ${FEDERATION_PREFIX}/referrals/${referralId}/status`;
