import type { SubscriptionKey } from './subscriptions.ts';
import type { VapidKeys } from './vapid-keys.ts';

/** What push needs: the VAPID identity, the key for subscriptions at rest, origins allowed beyond the vendors'. */
export type PushDeps = {
  vapid: VapidKeys;
  subscriptionKey: SubscriptionKey;
  extraOrigins: readonly string[];
  /** Per-request timeout towards the push service. */
  timeoutMs?: number;
};
