import { z } from 'zod/mini';
import { AGE_BANDS, CATEGORY_CODES, CHANNELS, ROLES } from './taxonomy.ts';

/**
 * The clear metadata of a report: the only fields the server may read (DESIGN.md, trust model).
 * Nothing here may identify a person. Everything else travels sealed.
 * `strictObject` so an extra field (say, a name) is rejected instead of silently stored.
 */
export const countryCodeSchema = z.string().check(z.regex(/^[A-Z]{2}(-[A-Z]{2,3})?$/));
export const platformIdSchema = z.string().check(z.regex(/^[a-z0-9][a-z0-9-]{0,39}$/));

export const urgencyFlagsSchema = z.strictObject({
  ongoing: z.boolean(),
  danger: z.boolean(),
  selfHarm: z.boolean(),
  imageAbuse: z.boolean(),
});
export type UrgencyFlags = z.infer<typeof urgencyFlagsSchema>;

/**
 * Hashes of an intimate image or video, computed on the reporter's device (docs/hash-only-reports.md).
 * They travel in the clear for the hash-only route only, so the server can match them against
 * known-image lists without opening anything; the picture itself never leaves the phone.
 */
const hexOf = (digits: number) => z.string().check(z.regex(new RegExp(`^[0-9a-f]{${digits}}$`)));
export const MAX_REPORT_HASHES = 20;
export const reportHashSchema = z
  .strictObject({
    kind: z.enum(['image', 'video']),
    /** PDQ, 64 hex digits; images only. */
    pdq: z.optional(hexOf(64)),
    pdqQuality: z.optional(z.number().check(z.int(), z.minimum(0), z.maximum(100))),
    md5: z.optional(hexOf(32)),
    sha256: z.optional(hexOf(64)),
  })
  .check(
    z.refine((h) => h.pdq !== undefined || h.md5 !== undefined || h.sha256 !== undefined, {
      message: 'at least one of pdq, md5, sha256',
    }),
    z.refine((h) => h.pdq === undefined || h.kind === 'image', { message: 'pdq is for images only' }),
    z.refine((h) => (h.pdq === undefined) === (h.pdqQuality === undefined), {
      message: 'pdq and pdqQuality go together',
    }),
  );
export type ReportHash = z.infer<typeof reportHashSchema>;

/** The hash-only route: image abuse, sextortion, or the reporter says an image shows them. */
export const HASH_ONLY_CATEGORIES = ['image-abuse', 'sextortion'] as const;
export function isHashOnlyRoute(metadata: Pick<ReportMetadata, 'category' | 'flags'>): boolean {
  return (HASH_ONLY_CATEGORIES as readonly string[]).includes(metadata.category) || metadata.flags.imageAbuse;
}

export const reportMetadataSchema = z
  .strictObject({
    country: countryCodeSchema,
    category: z.enum(CATEGORY_CODES),
    platform: platformIdSchema,
    channel: z.optional(z.enum(CHANNELS)),
    role: z.enum(ROLES),
    ageBand: z.enum(AGE_BANDS),
    flags: urgencyFlagsSchema,
    hashes: z.optional(z.array(reportHashSchema).check(z.minLength(1), z.maxLength(MAX_REPORT_HASHES))),
  })
  .check(
    z.refine((m) => m.hashes === undefined || isHashOnlyRoute(m), {
      message: 'hashes travel only with image abuse, sextortion or the imageAbuse flag',
      path: ['hashes'],
    }),
  );
export type ReportMetadata = z.infer<typeof reportMetadataSchema>;

/** Report lifecycle as the server stores it. Country packs define the workflow between the open states. */
export const REPORT_STATES = [
  'awaiting-evidence',
  'new',
  'contacted',
  'in-progress',
  'referred',
  'closed',
] as const;
export type ReportState = (typeof REPORT_STATES)[number];

/**
 * What a helpline hands a hotline for a hash-only case (docs/hash-only-reports.md, "Hand-over"): the
 * hashes and the URLs a case worker checked, never an image. The console seals it to the hotline and
 * sends it as the sealed part of an ordinary warm referral; `type` tells the partner what it holds.
 */
export const hashSubmissionSchema = z.strictObject({
  type: z.literal('vangnet.hash-submission'),
  version: z.literal(1),
  country: countryCodeSchema,
  category: z.enum(CATEGORY_CODES),
  ageBand: z.enum(AGE_BANDS),
  hashes: z.array(reportHashSchema).check(z.minLength(1), z.maxLength(MAX_REPORT_HASHES)),
  /** Where the picture was seen, as confirmed by the case worker. */
  urls: z.array(z.url({ protocol: /^https?$/ })).check(z.maxLength(50)),
  /** Known-hash lists it matched on arrival: list names and distances, no hashes of the lists. */
  matches: z
    .array(
      z.strictObject({
        source: z.string(),
        version: z.number(),
        kind: z.enum(['pdq', 'md5']),
        hashIndex: z.number(),
        distance: z.number(),
      }),
    )
    .check(z.maxLength(100)),
});
export type HashSubmission = z.infer<typeof hashSubmissionSchema>;
