/**
 * Which timeline events are news for the reporter: something the helpline or a partner did that the
 * reporter sees on the follow-up screen. What the reporter did themselves (sending, evidence
 * arriving) is not news to them, so it never wakes their phone. Unknown kinds are not news: a new
 * event kind stays silent until someone decides it should not.
 */
const NEWS: ReadonlySet<string> = new Set([
  'helpline-read',
  'helpline-replied',
  'status-changed',
  'handed-over',
  'partner-confirmed',
  'partner-outcome',
  'platform-answered',
]);

export function isNewsForReporter(event: string): boolean {
  return NEWS.has(event);
}

/** The languages the push notice is written in; anything else gets the first (the app's default). */
export const PUSH_LANGS = ['nl', 'en', 'fr', 'de', 'tr', 'ar', 'uk', 'pl'] as const;
export type PushLang = (typeof PUSH_LANGS)[number];

export function pushLangOf(value: unknown): PushLang {
  return (PUSH_LANGS as readonly unknown[]).includes(value) ? (value as PushLang) : 'nl';
}
