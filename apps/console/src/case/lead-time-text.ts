import { leadTimeMs } from '@vangnet/core/sla/lead-time';
import { text } from '../lib/text.ts';

/**
 * A pack lead time (`PT4H`, `P2D`, `PT0S`) in words: whole days when it is a whole number of days, else
 * hours, else minutes. A malformed value (a pack the server let through) shows as written.
 */
export function leadTimeText(iso: string): string {
  let ms: number;
  try {
    ms = leadTimeMs(iso);
  } catch {
    return iso;
  }
  const minutes = Math.round(ms / 60_000);
  const { units } = text.refer;
  if (minutes === 0) return units.now;
  if (minutes % (24 * 60) === 0) return units.days(minutes / (24 * 60));
  if (minutes % 60 === 0) return units.hours(minutes / 60);
  return units.minutes(minutes);
}
