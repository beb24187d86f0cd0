import type { ReportBody } from '../report-body.ts';
import type { ReportMetadata } from '../report-metadata.ts';

/**
 * The parts of a report a worker may hand over, each only with the reporter's consent. Evidence goes as
 * fingerprints (SHA-256, type, size) so the partner can match what the reporter shows them; the files
 * themselves stay with the helpline.
 */
export const SHARED_PARTS = ['description', 'links', 'contact', 'evidence-hashes'] as const;
export type SharedPart = (typeof SHARED_PARTS)[number];

/** What the console seals to the partner's age recipient; the server only ever carries the ciphertext. */
export type PartnerContent = {
  version: 1;
  kind: 'vangnet-referral-content';
  helpline: string;
  service: { id: string; name: string };
  metadata: Pick<ReportMetadata, 'category' | 'platform' | 'role' | 'ageBand' | 'flags'>;
  /** The reporter's language, so the partner knows how to talk to them. */
  language: string;
  shared: SharedPart[];
  consent: { recordedAt: string };
  description?: string;
  links?: string[];
  contact?: NonNullable<ReportBody['contact']>;
  evidence?: { id: string; kind: string; mediaType: string; size: number; sha256: string }[];
};

/** Parts the report actually has: no contact part when the reporter stayed anonymous, and so on. */
export function availableParts(body: ReportBody): SharedPart[] {
  return SHARED_PARTS.filter((part) => {
    if (part === 'description') return body.description.trim() !== '';
    if (part === 'links') return body.links.length > 0;
    if (part === 'contact') return body.contact !== undefined && Object.keys(body.contact).length > 0;
    return body.manifest.items.length > 0;
  });
}

/** Only the chosen parts the report has go in; anything not chosen is left out, not blanked. */
export function partnerContent(input: {
  helpline: string;
  service: { id: string; name: string };
  metadata: ReportMetadata;
  body: ReportBody;
  shared: readonly SharedPart[];
  consentAt: Date;
}): PartnerContent {
  const { body, metadata } = input;
  const shared = availableParts(body).filter((p) => input.shared.includes(p));
  const content: PartnerContent = {
    version: 1,
    kind: 'vangnet-referral-content',
    helpline: input.helpline,
    service: input.service,
    metadata: {
      category: metadata.category,
      platform: metadata.platform,
      role: metadata.role,
      ageBand: metadata.ageBand,
      flags: metadata.flags,
    },
    language: body.language,
    shared,
    consent: { recordedAt: input.consentAt.toISOString() },
  };
  if (shared.includes('description')) content.description = body.description;
  if (shared.includes('links')) content.links = [...body.links];
  if (shared.includes('contact') && body.contact) content.contact = { ...body.contact };
  if (shared.includes('evidence-hashes')) {
    content.evidence = body.manifest.items.map(({ id, kind, mediaType, size, sha256 }) => ({
      id,
      kind,
      mediaType,
      size,
      sha256,
    }));
  }
  return content;
}

/** The sealed content's tag: a case another member state's instance handed over is sealed this way. */
const isPartnerContent = (value: unknown): value is PartnerContent =>
  typeof value === 'object' &&
  value !== null &&
  (value as { kind?: unknown }).kind === 'vangnet-referral-content' &&
  (value as { version?: unknown }).version === 1;

/**
 * A case from a peer instance (docs/federation.md) carries a `PartnerContent` as its sealed body: the
 * console reads it as a report body with what was shared. The evidence stays with the sending helpline,
 * so the manifest is empty; its fingerprints are listed after the description so a worker can match
 * what the reporter shows them. Anything else is returned as it came, for the report body schema to judge.
 */
export function reportBodyOfSealed(value: unknown): unknown {
  if (!isPartnerContent(value)) return value;
  const fingerprints = (value.evidence ?? []).map(
    (e) => `${e.kind} ${e.mediaType} ${e.size} B sha256:${e.sha256}`,
  );
  const description = [value.description ?? '', ...fingerprints].filter((line) => line !== '').join('\n');
  return {
    version: 1,
    description: description.slice(0, 20_000),
    links: Array.isArray(value.links) ? value.links.slice(0, 50) : [],
    ...(value.contact ? { contact: value.contact } : {}),
    language: typeof value.language === 'string' ? value.language.slice(0, 20) : '',
    manifest: { version: 1, items: [] },
  };
}
