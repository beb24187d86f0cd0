import { jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { reports } from './reports.ts';

/**
 * A case another member state's instance handed to this one (docs/federation.md). One row per sending
 * peer and referral id, so a delivery retried after a lost answer finds its case instead of adding one.
 * `origin` is the clear part of the package: the sender's countersigned receipt of the original report,
 * its country, pack version and helpline name. The sealed content is the case's body.
 */
export const federatedReferrals = pgTable(
  'federated_referrals',
  {
    id: text('id').primaryKey(),
    peerId: text('peer_id').notNull(),
    remoteReferralId: text('remote_referral_id').notNull(),
    caseId: text('case_id')
      .notNull()
      .references(() => reports.id, { onDelete: 'cascade' }),
    origin: jsonb('origin').notNull(),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('federated_referrals_peer_referral_idx').on(t.peerId, t.remoteReferralId),
    uniqueIndex('federated_referrals_case_idx').on(t.caseId),
  ],
);
export type FederatedReferralRow = typeof federatedReferrals.$inferSelect;
