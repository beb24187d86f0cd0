import type { OpeningHours } from './pack.ts';

const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

function dayNames(lang: string): string[] {
  const format = new Intl.DateTimeFormat(lang, { weekday: 'short', timeZone: 'UTC' });
  // 1 January 2024 was a Monday.
  return DAYS.map((_, i) => format.format(new Date(Date.UTC(2024, 0, 1 + i))));
}

/** Consecutive days collapse to a range: mon..fri → "Mon–Fri". */
function formatDays(days: readonly string[], names: string[]): string {
  const idx = DAYS.map((d, i) => (days.includes(d) ? i : -1)).filter((i) => i >= 0);
  const parts: string[] = [];
  let start = idx[0];
  for (let k = 0; k < idx.length; k++) {
    const cur = idx[k]!;
    const next = idx[k + 1];
    if (next !== cur + 1) {
      parts.push(start === cur ? names[cur]! : `${names[start!]}–${names[cur]}`);
      start = next;
    }
  }
  return parts.join(', ');
}

/** Opening hours in the reader's language; `always` gets the catalog's "always open" text. */
export function formatHours(hours: OpeningHours | undefined, lang: string, always: string): string | null {
  if (!hours) return null;
  if (hours === 'always') return always;
  const names = dayNames(lang);
  return hours.map((h) => `${formatDays(h.days, names)} ${h.open}–${h.close}`).join('; ');
}
