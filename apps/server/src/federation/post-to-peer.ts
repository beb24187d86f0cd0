import type { FederationPeer } from '@vangnet/core';
import { DeliveryError } from '../referrals/connectors.ts';
import { PEER_SIGNATURE_HEADER, signPeerRequest } from './peer-signature.ts';

/**
 * POSTs a signed JSON body to a peer instance (`route` is `POST /api/v1/federation/…`). Anything but a
 * 2xx within the timeout is a failure the job queue retries; the error names the peer and status only.
 */
export async function postToPeer(
  peer: Pick<FederationPeer, 'url' | 'country' | 'id'>,
  route: string,
  payload: unknown,
  self: { country: string; privateKey: string },
  now: Date,
  timeoutMs = 10_000,
): Promise<void> {
  const body = JSON.stringify(payload);
  const path = route.slice(route.indexOf(' ') + 1);
  let response: Response;
  try {
    response = await fetch(`${peer.url}${path}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        [PEER_SIGNATURE_HEADER]: signPeerRequest(
          { from: self.country, to: peer.country, route, body },
          self.privateKey,
          now,
        ),
      },
      body,
      redirect: 'error',
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (e) {
    const cause = (e as { cause?: { code?: string } }).cause?.code ?? (e as Error).name;
    throw new DeliveryError(`peer ${peer.id} unreachable (${cause})`);
  }
  await response.body?.cancel();
  if (!response.ok) throw new DeliveryError(`peer ${peer.id} answered ${response.status}`);
}
