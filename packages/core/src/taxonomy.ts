/**
 * The common taxonomy (DESIGN.md, "Common taxonomy"). Codes are stable identifiers shared by every
 * member state so figures can be compared; wording lives in the message catalogs, not here.
 */
export const CATEGORY_CODES = [
  'harassment',
  'threats',
  'exclusion',
  'impersonation',
  'exposure',
  'image-abuse',
  'sextortion',
  'hate',
  'deepfake',
  'grooming',
  'self-harm',
  'harmful-content',
  'other',
] as const;
export type CategoryCode = (typeof CATEGORY_CODES)[number];

/** Who is reporting, relative to the person harmed. */
export const ROLES = ['self', 'friend', 'parent', 'professional', 'adult'] as const;
export type Role = (typeof ROLES)[number];

/** Age of the person harmed, in bands wide enough that nobody is identified by it. */
export const AGE_BANDS = ['under-10', '10-12', '13-15', '16-17', '18-plus', 'unknown'] as const;
export type AgeBand = (typeof AGE_BANDS)[number];

/** Where on a platform it happened. */
export const CHANNELS = ['post', 'dm', 'group', 'game', 'stream', 'other'] as const;
export type Channel = (typeof CHANNELS)[number];

/**
 * Urgency flags the reporter answers in the flow. They are clear (not sealed) because routing and
 * the first-contact target depend on them.
 */
export const URGENCY_FLAGS = ['ongoing', 'danger', 'selfHarm', 'imageAbuse'] as const;
export type UrgencyFlag = (typeof URGENCY_FLAGS)[number];

/**
 * DSA Transparency Database mapping (statement category + keyword), so helpline figures can be set
 * next to platforms' published decisions. `minor` picks the variant for reports about under-18s.
 */
export const TDB_MAPPING: Record<
  CategoryCode,
  { category: string; keyword?: string; keywordIfMinor?: string }
> = {
  harassment: { category: 'STATEMENT_CATEGORY_CYBER_VIOLENCE', keyword: 'KEYWORD_CYBER_HARASSMENT' },
  threats: { category: 'STATEMENT_CATEGORY_CYBER_VIOLENCE', keyword: 'KEYWORD_CYBER_BULLYING_INTIMIDATION' },
  exclusion: { category: 'STATEMENT_CATEGORY_CYBER_VIOLENCE' },
  impersonation: {
    category: 'STATEMENT_CATEGORY_DATA_PROTECTION_AND_PRIVACY_VIOLATIONS',
    keyword: 'KEYWORD_IMPERSONATION_ACCOUNT_HIJACKING',
  },
  exposure: { category: 'STATEMENT_CATEGORY_CYBER_VIOLENCE', keyword: 'KEYWORD_CYBER_HARASSMENT' },
  'image-abuse': {
    category: 'STATEMENT_CATEGORY_CYBER_VIOLENCE',
    keyword: 'KEYWORD_NON_CONSENSUAL_IMAGE_SHARING',
    keywordIfMinor: 'KEYWORD_CHILD_SEXUAL_ABUSE_MATERIAL',
  },
  sextortion: {
    category: 'STATEMENT_CATEGORY_PROTECTION_OF_MINORS',
    keyword: 'KEYWORD_GROOMING_SEXUAL_ENTICEMENT_MINORS',
  },
  hate: { category: 'STATEMENT_CATEGORY_ILLEGAL_OR_HARMFUL_SPEECH', keyword: 'KEYWORD_HATE_SPEECH' },
  deepfake: {
    category: 'STATEMENT_CATEGORY_CYBER_VIOLENCE',
    keyword: 'KEYWORD_NON_CONSENSUAL_MATERIAL_DEEPFAKE',
    keywordIfMinor: 'KEYWORD_CHILD_SEXUAL_ABUSE_MATERIAL_DEEPFAKE',
  },
  grooming: {
    category: 'STATEMENT_CATEGORY_PROTECTION_OF_MINORS',
    keyword: 'KEYWORD_GROOMING_SEXUAL_ENTICEMENT_MINORS',
  },
  'self-harm': { category: 'STATEMENT_CATEGORY_SELF_HARM', keyword: 'KEYWORD_SUICIDE' },
  'harmful-content': { category: 'STATEMENT_CATEGORY_OTHER_VIOLATION_TC' },
  other: { category: 'STATEMENT_CATEGORY_NOT_SPECIFIED_NOTICE' },
};
