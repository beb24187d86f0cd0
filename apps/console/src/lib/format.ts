import { textLanguage } from './text.ts';

/**
 * A date and time in the console's language and, when given, the helpline's time zone (the pack's
 * `timeZone`), so every worker reads the same clock whatever their own machine says.
 */
export function formatDateTime(iso: string | Date, timeZone?: string, lang: string = textLanguage): string {
  const date = typeof iso === 'string' ? new Date(iso) : iso;
  try {
    return new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(date);
  } catch {
    // An unknown time zone in a pack: the machine's own zone rather than no date at all.
    return new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short' }).format(date);
  }
}

export function formatNumber(n: number, lang: string = textLanguage): string {
  return new Intl.NumberFormat(lang).format(n);
}
