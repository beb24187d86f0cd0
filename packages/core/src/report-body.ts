import { z } from 'zod/mini';
import { MAX_REPORT_HASHES, reportHashSchema } from './report-metadata.ts';

/**
 * What a reporter's device seals: read only by the reporter (through the receipt) and the helpline.
 * The server never sees this in clear; it is defined here because the reporter app writes it and the
 * console reads it. `version` lets the format evolve.
 */
export const evidenceKinds = ['image', 'video', 'text', 'link', 'file'] as const;

export const manifestItemSchema = z.strictObject({
  /** Random id chosen on the device; also names the uploaded ciphertext. */
  id: z.string().check(z.regex(/^[A-Za-z0-9_-]{8,64}$/)),
  kind: z.enum(evidenceKinds),
  mediaType: z.string().check(z.maxLength(100)),
  name: z.optional(z.string().check(z.maxLength(255))),
  size: z.number().check(z.int(), z.nonnegative()),
  /** SHA-256 (hex) of the plaintext, taken when the item was captured on the device. */
  sha256: z.string().check(z.regex(/^[0-9a-f]{64}$/)),
  capturedAt: z.iso.datetime(),
});
export type ManifestItem = z.infer<typeof manifestItemSchema>;

export const evidenceManifestSchema = z.strictObject({
  version: z.literal(1),
  items: z.array(manifestItemSchema).check(z.maxLength(50)),
});
export type EvidenceManifest = z.infer<typeof evidenceManifestSchema>;

export const contactSchema = z.strictObject({
  name: z.optional(z.string().check(z.maxLength(200))),
  email: z.optional(z.string().check(z.maxLength(320))),
  phone: z.optional(z.string().check(z.maxLength(40))),
  preferred: z.optional(z.enum(['email', 'phone', 'chat'])),
});

export const reportBodySchema = z.strictObject({
  version: z.literal(1),
  description: z.string().check(z.maxLength(20_000)),
  links: z.array(z.string().check(z.maxLength(2_000))).check(z.maxLength(50)),
  /** Optional; anonymous by default. */
  contact: z.optional(contactSchema),
  language: z.string().check(z.maxLength(20)),
  manifest: evidenceManifestSchema,
  /**
   * Hash-only route: the codes of the pictures that stayed on the phone, also sent in clear metadata
   * for matching. The server does not keep them, so the case worker reads them here.
   */
  hashes: z.optional(z.array(reportHashSchema).check(z.maxLength(MAX_REPORT_HASHES))),
});
export type ReportBody = z.infer<typeof reportBodySchema>;

/** A chat message or case note, sealed the same way. */
export const sealedMessageBodySchema = z.strictObject({
  version: z.literal(1),
  text: z.string().check(z.maxLength(20_000)),
  /** Evidence added later through follow-up travels as manifest items with the message. */
  items: z.optional(z.array(manifestItemSchema).check(z.maxLength(20))),
});
export type SealedMessageBody = z.infer<typeof sealedMessageBodySchema>;
