import type { OpeningHours } from '../pack/schema.ts';
import { WEEKDAYS } from '../pack/schema.ts';

export type ChatOpening = {
  open: boolean /** The next time the chat opens; null while open or never. */;
  nextOpening: Date | null;
};

type Local = { day: number; minutes: number };

/** The weekday (0 = Monday) and minute of the day of `at` on the wall clock of `timeZone`. */
const formatters = new Map<string, Intl.DateTimeFormat>();
function localTime(at: Date, timeZone: string): Local {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      weekday: 'short',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, format);
  }
  const parts = format.formatToParts(at);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  const day = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'].indexOf(get('weekday'));
  return { day, minutes: Number(get('hour')) * 60 + Number(get('minute')) };
}

const toMinutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** Whether the hours are open at a local weekday and minute. A close before the open runs past midnight. */
function openAt(hours: Exclude<OpeningHours, 'always'>, { day, minutes }: Local): boolean {
  return hours.some((slot) => {
    const open = toMinutes(slot.open);
    const close = toMinutes(slot.close);
    const days = slot.days.map((d) => WEEKDAYS.indexOf(d));
    if (close > open) return days.includes(day) && minutes >= open && minutes < close;
    // Past midnight: open from `open` on a listed day until `close` on the next day.
    return (days.includes(day) && minutes >= open) || (days.includes((day + 6) % 7) && minutes < close);
  });
}

/**
 * Whether the live chat is open at `now`, and if not, when it next opens (to the minute, in the
 * pack's time zone, so daylight saving time is the zone's own). No hours in the pack means no promise:
 * the chat counts as open and the queue says how long the wait is. Pure: `now` is passed in.
 */
export function chatOpening(hours: OpeningHours | undefined, timeZone: string, now: Date): ChatOpening {
  if (hours === undefined || hours === 'always') return { open: true, nextOpening: null };
  if (hours.length === 0) return { open: false, nextOpening: null };
  if (openAt(hours, localTime(now, timeZone))) return { open: true, nextOpening: null };
  // Step through the coming week minute by minute on the hour grid of the slots: at most 8 days.
  const start = Math.ceil(now.getTime() / 60_000) * 60_000;
  for (let t = start; t <= start + 8 * 24 * 60 * 60_000; t += 60_000) {
    const at = new Date(t);
    const local = localTime(at, timeZone);
    // Only minutes where some slot opens can be the first open minute.
    if (!hours.some((slot) => toMinutes(slot.open) === local.minutes)) continue;
    if (openAt(hours, local)) return { open: false, nextOpening: at };
  }
  return { open: false, nextOpening: null };
}
