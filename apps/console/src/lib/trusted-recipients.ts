// The subpath, not the package: the whole crypto library stays in its lazily loaded chunk.
import { verifyRecipientList } from '@vangnet/crypto/recipient-list';
import type { InstanceConfig } from './types.ts';

/**
 * The console seals replies and notes only to the helpline's signed recipient list, checked against the
 * pack's trust anchors as the reporter app does (packages/crypto recipient-list.ts). A list that does not
 * verify leaves no recipient, so nothing is sealed to a key the server slipped in.
 */
export function withTrustedRecipients(
  config: InstanceConfig,
  anchors: readonly string[] | undefined,
  now = new Date(),
): InstanceConfig {
  const check = verifyRecipientList(config.signedRecipients, {
    anchors: anchors ?? [],
    country: config.country,
    now,
  });
  return {
    ...config,
    helplineRecipients: check.ok ? check.list.recipients : [],
    recipientsVerified: check.ok,
  };
}
