import type { CountryPack } from '../pack/schema.ts';
import type { ReportMetadata } from '../report-metadata.ts';
import { addLeadTime, leadTimeMs } from './lead-time.ts';

type SlaPack = { meta: Pick<CountryPack['meta'], 'sla'> };
type SlaInput = Pick<ReportMetadata, 'category' | 'flags'>;

/** Urgent when a flag or category the pack names as urgent is present (danger, self-harm, ...). */
export function isUrgent(pack: SlaPack, metadata: SlaInput): boolean {
  const { urgentWhen, urgentCategories } = pack.meta.sla;
  return urgentWhen.some((flag) => metadata.flags[flag]) || urgentCategories.includes(metadata.category);
}

/** When the helpline must have made human contact: received + the pack's default or urgent target. */
export function firstContactDeadline(pack: SlaPack, metadata: SlaInput, receivedAt: Date): Date {
  const { firstContact } = pack.meta.sla;
  return addLeadTime(receivedAt, isUrgent(pack, metadata) ? firstContact.urgent : firstContact.default);
}

/** When to remind the assignee: `remindBefore` ahead of the deadline, never before `from`. */
export function reminderAt(pack: SlaPack, from: Date, deadline: Date): Date {
  const at = deadline.getTime() - leadTimeMs(pack.meta.sla.remindBefore);
  return new Date(Math.max(at, from.getTime()));
}

/** Time left until a deadline; negative once it is missed. `now` is passed in: core has no clock. */
export function timeLeft(deadline: Date, now: Date): { ms: number; overdue: boolean } {
  const ms = deadline.getTime() - now.getTime();
  return { ms, overdue: ms < 0 };
}
