import {
  type CategoryCode,
  type FirstContactFigures,
  isUrgent,
  summariseFirstContacts,
  type UrgencyFlags,
} from '@vangnet/core';
import { and, eq, gte, isNotNull } from 'drizzle-orm';
import type { Db } from '../db/open-database.ts';
import { reports } from '../db/schema/index.ts';
import type { StaffPolicy } from '../staff/staff-policy.ts';

/**
 * Measured first-contact lead times (seed 004: process norms that are "measurable and public"), beside
 * the referral figures in referrals/lead-times.ts: from the moment the helpline could see a case to
 * the first message or recorded call, against the case's own target (urgent or default).
 */
export async function measureFirstContacts(
  db: Db,
  policy: Pick<StaffPolicy, 'urgentWhen' | 'urgentCategories' | 'firstContact'>,
  helplineId: string,
  since: Date,
): Promise<FirstContactFigures> {
  const rows = await db
    .select({
      category: reports.category,
      flags: reports.flags,
      visibleAt: reports.visibleAt,
      firstContactAt: reports.firstContactAt,
    })
    .from(reports)
    .where(
      and(eq(reports.helplineId, helplineId), isNotNull(reports.visibleAt), gte(reports.visibleAt, since)),
    );
  // isUrgent reads only the urgency rules of the pack's `sla`; the staff policy carries those.
  const sla = {
    meta: { sla: { urgentWhen: policy.urgentWhen, urgentCategories: policy.urgentCategories } },
  } as unknown as Parameters<typeof isUrgent>[0];
  return summariseFirstContacts(
    rows.map((r) => ({
      visibleAt: r.visibleAt!,
      firstContactAt: r.firstContactAt,
      target: isUrgent(sla, { category: r.category as CategoryCode, flags: r.flags as UrgencyFlags })
        ? policy.firstContact.urgent
        : policy.firstContact.default,
    })),
  );
}
