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

/** A DSA Transparency Database statement category with one of its keywords (dsa/tdb-categories.json). */
export type TdbLabel = { category: string; keyword: string };

/**
 * DSA Transparency Database mapping (statement category + keyword), so helpline figures and notices can be
 * set next to platforms' published decisions. `minor` is the variant for reports about under-18s; without
 * it the adult label holds for both. Sextortion or grooming of an adult is cyber violence, not "protection
 * of minors"; intimate images of a minor are child sexual abuse material whoever shared them.
 * Checked against the stored published list in dsa/tdb.test.ts.
 */
export const TDB_MAPPING: Record<CategoryCode, { adult: TdbLabel; minor?: TdbLabel }> = {
  harassment: {
    adult: { category: 'STATEMENT_CATEGORY_CYBER_VIOLENCE', keyword: 'KEYWORD_CYBER_HARASSMENT' },
  },
  threats: {
    adult: { category: 'STATEMENT_CATEGORY_CYBER_VIOLENCE', keyword: 'KEYWORD_CYBER_BULLYING_INTIMIDATION' },
  },
  exclusion: {
    adult: { category: 'STATEMENT_CATEGORY_CYBER_VIOLENCE', keyword: 'KEYWORD_CYBER_BULLYING_INTIMIDATION' },
  },
  impersonation: {
    adult: {
      category: 'STATEMENT_CATEGORY_SCAMS_AND_FRAUD',
      keyword: 'KEYWORD_IMPERSONATION_ACCOUNT_HIJACKING',
    },
  },
  exposure: { adult: { category: 'STATEMENT_CATEGORY_CYBER_VIOLENCE', keyword: 'KEYWORD_CYBER_HARASSMENT' } },
  'image-abuse': {
    adult: { category: 'STATEMENT_CATEGORY_CYBER_VIOLENCE', keyword: 'KEYWORD_NON_CONSENSUAL_IMAGE_SHARING' },
    minor: {
      category: 'STATEMENT_CATEGORY_PROTECTION_OF_MINORS',
      keyword: 'KEYWORD_CHILD_SEXUAL_ABUSE_MATERIAL',
    },
  },
  sextortion: {
    adult: { category: 'STATEMENT_CATEGORY_CYBER_VIOLENCE', keyword: 'KEYWORD_NON_CONSENSUAL_IMAGE_SHARING' },
    minor: {
      category: 'STATEMENT_CATEGORY_PROTECTION_OF_MINORS',
      keyword: 'KEYWORD_GROOMING_SEXUAL_ENTICEMENT_MINORS',
    },
  },
  hate: {
    adult: { category: 'STATEMENT_CATEGORY_ILLEGAL_OR_HARMFUL_SPEECH', keyword: 'KEYWORD_HATE_SPEECH' },
  },
  deepfake: {
    adult: {
      category: 'STATEMENT_CATEGORY_CYBER_VIOLENCE',
      keyword: 'KEYWORD_NON_CONSENSUAL_MATERIAL_DEEPFAKE',
    },
    minor: {
      category: 'STATEMENT_CATEGORY_PROTECTION_OF_MINORS',
      keyword: 'KEYWORD_CHILD_SEXUAL_ABUSE_MATERIAL_DEEPFAKE',
    },
  },
  grooming: {
    adult: { category: 'STATEMENT_CATEGORY_CYBER_VIOLENCE', keyword: 'KEYWORD_CYBER_HARASSMENT' },
    minor: {
      category: 'STATEMENT_CATEGORY_PROTECTION_OF_MINORS',
      keyword: 'KEYWORD_GROOMING_SEXUAL_ENTICEMENT_MINORS',
    },
  },
  'self-harm': { adult: { category: 'STATEMENT_CATEGORY_SELF_HARM', keyword: 'KEYWORD_SUICIDE' } },
  'harmful-content': {
    adult: { category: 'STATEMENT_CATEGORY_OTHER_VIOLATION_TC', keyword: 'KEYWORD_OTHER' },
    minor: {
      category: 'STATEMENT_CATEGORY_PROTECTION_OF_MINORS',
      keyword: 'KEYWORD_AGE_SPECIFIC_RESTRICTIONS_MINORS',
    },
  },
  other: { adult: { category: 'STATEMENT_CATEGORY_NOT_SPECIFIED_NOTICE', keyword: 'KEYWORD_OTHER' } },
};

/** The Transparency Database label for a report: the minor variant when the person harmed is under 18. */
export function tdbLabel(category: CategoryCode, minor: boolean): TdbLabel {
  const entry = TDB_MAPPING[category];
  return (minor && entry.minor) || entry.adult;
}

/** Age bands of under-18s; `unknown` counts as a minor, the safer reading for a children's helpline. */
export function isMinorBand(band: AgeBand): boolean {
  return band !== '18-plus';
}
