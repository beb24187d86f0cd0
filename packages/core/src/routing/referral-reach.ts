import type { Service } from '../pack/schema.ts';

/**
 * How the helpline reaches a proposed service: a signed webhook or an e-mail (both carry a package sealed
 * to the partner's own key), a hash submission to an image hotline (hashes and checked addresses only,
 * never the images, whatever its connector carries), or a warm phone call together with the reporter when
 * the service takes no hand-overs. `federation`: another member state's helpline on its own instance
 * (federation.yaml), sent signed and sealed to that helpline's key.
 */
export const REFERRAL_REACHES = [
  'webhook',
  'email',
  'hash-submission',
  'call-together',
  'federation',
] as const;
export type ReferralReach = (typeof REFERRAL_REACHES)[number];

export function referralReach(service: Pick<Service, 'kind' | 'connector'>): ReferralReach {
  if (service.kind === 'hotline') return 'hash-submission';
  return service.connector.type === 'none' ? 'call-together' : service.connector.type;
}

/** True when the pack marks the service's lead times as not yet agreed with the partner. */
export function leadTimesUnverified(service: Pick<Service, 'unverified'>): boolean {
  return service.unverified?.includes('leadTimes') ?? false;
}
