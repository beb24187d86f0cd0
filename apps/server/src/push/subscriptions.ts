import type { PushLang } from '@vangnet/core/push/news';
import { eq } from 'drizzle-orm';
import type { Db } from '../db/open-database.ts';
import { pushSubscriptions } from '../db/schema/index.ts';
import { type AtRestKey, atRestKeyOf, openAtRest, sealAtRest } from '../sealed-at-rest.ts';
import type { Transaction } from '../services/idempotency.ts';

/** What a browser's PushSubscription.toJSON() gives, the part the server needs to send. */
export type BrowserSubscription = { endpoint: string; keys: { p256dh: string; auth: string } };

/** The key that seals subscriptions at rest, derived from the server's signing key (like the TOTP key). */
export type SubscriptionKey = AtRestKey<'push-at-rest'>;

export function subscriptionKeyOf(signingPrivateKeyHex: string): SubscriptionKey {
  return atRestKeyOf(signingPrivateKeyHex, 'vangnet/push/at-rest/v1', 'push-at-rest');
}

const aad = (reportId: string) => `vangnet/push/v1:${reportId}`;

function seal(key: SubscriptionKey, reportId: string, sub: BrowserSubscription): string {
  const body = JSON.stringify({
    endpoint: sub.endpoint,
    keys: { p256dh: sub.keys.p256dh, auth: sub.keys.auth },
  });
  return sealAtRest(key, aad(reportId), body);
}

function open(key: SubscriptionKey, reportId: string, stored: string): BrowserSubscription | null {
  const text = openAtRest(key, aad(reportId), stored);
  if (text === null) return null;
  try {
    return JSON.parse(text) as BrowserSubscription;
  } catch {
    return null;
  }
}

/** One subscription per report: the device that opted in last replaces an earlier one. */
export async function saveSubscription(
  db: Db,
  key: SubscriptionKey,
  reportId: string,
  sub: BrowserSubscription,
  lang: PushLang,
): Promise<void> {
  const sealed = seal(key, reportId, sub);
  await db
    .insert(pushSubscriptions)
    .values({ reportId, sealed, lang })
    .onConflictDoUpdate({ target: pushSubscriptions.reportId, set: { sealed, lang, createdAt: new Date() } });
}

export async function removeSubscription(db: Db | Transaction, reportId: string): Promise<number> {
  const gone = await db
    .delete(pushSubscriptions)
    .where(eq(pushSubscriptions.reportId, reportId))
    .returning({ id: pushSubscriptions.reportId });
  return gone.length;
}

export async function hasSubscription(db: Db | Transaction, reportId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: pushSubscriptions.reportId })
    .from(pushSubscriptions)
    .where(eq(pushSubscriptions.reportId, reportId))
    .limit(1);
  return row !== undefined;
}

/** The opened subscription, or null (none, or sealed under another key: then it is of no use). */
export async function findSubscription(
  db: Db,
  key: SubscriptionKey,
  reportId: string,
): Promise<{ sub: BrowserSubscription; lang: PushLang } | null> {
  const [row] = await db.select().from(pushSubscriptions).where(eq(pushSubscriptions.reportId, reportId));
  if (!row) return null;
  const sub = open(key, reportId, row.sealed);
  return sub ? { sub, lang: row.lang as PushLang } : null;
}
