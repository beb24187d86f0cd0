import type { PublicService } from '@vangnet/core/pack/public';
import { leadTimeMs } from '@vangnet/core/sla/lead-time';
import { useI18n } from './i18n/index.ts';
import type { CrisisLine } from './pack.ts';

/**
 * Pack data marked `unverified` never reaches a reporter as fact (DESIGN.md, "Unverified pack data"):
 * hours, numbers and links are shown with a visible "check before you call" note; a lead time nobody
 * agreed is left out. These say which is which for a crisis line's own hours (its `unverified: true`
 * covers them) and for lead times; each contact channel's marks come with it from `contactActions` (core).
 */

/** The line's own hours: unchecked when the line is marked, or when it has none to show. */
export function lineHoursUnchecked(line: CrisisLine): boolean {
  return !!line.unverified || !line.hours;
}

/**
 * A lead time to show: only an agreed one, and not "0" (a line that answers when you call has its hours,
 * not a waiting time).
 */
export function shownLeadTime(service: Pick<PublicService, 'unverified' | 'leadTimes'>): string | null {
  if (service.unverified?.includes('leadTimes')) return null;
  return leadTimeMs(service.leadTimes.firstContact) > 0 ? service.leadTimes.firstContact : null;
}

/** The visible note next to an unchecked detail; plain text, so a screen reader reads it in place. */
export function CheckNote() {
  const { t } = useI18n();
  return <span class="check-note">{t.checkNote}</span>;
}
