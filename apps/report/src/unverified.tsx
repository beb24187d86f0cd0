import type { PublicService } from '@vangnet/core/pack/public';
import { leadTimeMs } from '@vangnet/core/sla/lead-time';
import { useI18n } from './i18n/index.ts';
import type { CrisisLine, Phone } from './pack.ts';

/**
 * Pack data marked `unverified` never reaches a reporter as fact (DESIGN.md, "Unverified pack data"):
 * hours, numbers and links are shown with a visible "check before you call" note; a lead time nobody
 * agreed is left out. These say which is which, for services (whose `unverified` names fields) and for
 * crisis lines (whose `unverified: true` covers the line's hours).
 */
type Unchecked = { unverified?: boolean | undefined } | undefined;

export function phoneUnchecked(phone: Phone, service?: Pick<PublicService, 'unverified'>): boolean {
  return !!phone.unverified || !!service?.unverified?.includes('phones');
}

export function linkUnchecked(
  link: Unchecked,
  field: 'chat' | 'web',
  service?: Pick<PublicService, 'unverified'>,
): boolean {
  return !!link?.unverified || !!service?.unverified?.includes(field);
}

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
