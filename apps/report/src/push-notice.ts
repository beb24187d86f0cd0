/**
 * The one thing a push notification ever says, per language. The service worker cannot load the app's
 * catalogs (they are chunks of the page), so it carries these few words itself; a test keeps them the
 * same as each catalog's `pushNotice`. No content, no organisation name: a lock screen shows only this.
 */
export const PUSH_NOTICE = {
  nl: 'Er is nieuws over je melding',
  en: 'There is news about your report',
  fr: 'Il y a du nouveau pour ton signalement',
  de: 'Es gibt Neues zu deiner Meldung',
  tr: 'Bildirimin hakkında yeni bir şey var',
  ar: 'هناك جديد عن بلاغك',
  uk: 'Є новини про твоє повідомлення',
  pl: 'Są nowości w twoim zgłoszeniu',
} as const;

export function pushNoticeFor(payload: unknown): string {
  const lang = (payload as { lang?: unknown } | null)?.lang;
  return typeof lang === 'string' && lang in PUSH_NOTICE
    ? PUSH_NOTICE[lang as keyof typeof PUSH_NOTICE]
    : PUSH_NOTICE.nl;
}

/** Same tag for every notice: a second one replaces the first instead of stacking up. */
export const PUSH_TAG = 'vn-news';
