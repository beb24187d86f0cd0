/**
 * The topics and age bands of home agreements (schema.ts, agreements.yaml), apart from the schema so the
 * reporter app can use them without loading zod.
 */
export const AGREEMENT_TOPICS = ['apps', 'settings', 'screen-free', 'when-wrong', 'who-to-tell'] as const;
export type AgreementTopic = (typeof AGREEMENT_TOPICS)[number];
/** The age bands of a child; agreements are made for children, so no adult band. */
export const AGREEMENT_AGE_BANDS = ['under-10', '10-12', '13-15', '16-17'] as const;
export type AgreementAgeBand = (typeof AGREEMENT_AGE_BANDS)[number];
