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

export const reportMetadataSchema = z.strictObject({
  country: countryCodeSchema,
  category: z.enum(CATEGORY_CODES),
  platform: platformIdSchema,
  channel: z.optional(z.enum(CHANNELS)),
  role: z.enum(ROLES),
  ageBand: z.enum(AGE_BANDS),
  flags: urgencyFlagsSchema,
});
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
