import { createHash } from 'node:crypto';
import { verifyCanonicalJsonSignature } from '@vangnet/crypto';
import { signStatement } from '../sign-statement.ts';

/**
 * Requests between member states' instances are signed with the sending server's Ed25519 key (the one
 * that countersigns its receipts): `Vangnet-Peer-Signature: from=<country>,t=<unix seconds>,sig=<hex>`.
 * The signature covers a statement naming both countries, the route and the body's SHA-256, so a signed
 * request cannot be replayed to another peer, another route or with another body, nor after a few minutes.
 */
export const PEER_SIGNATURE_HEADER = 'vangnet-peer-signature';
const TOLERANCE_SECONDS = 300;

type PeerStatement = {
  kind: 'vangnet-peer-request';
  version: 1;
  from: string;
  to: string;
  /** `POST /api/v1/federation/…`: from `/api/v1/`, so a reverse proxy's path prefix does not matter. */
  route: string;
  t: number;
  bodySha256: string;
};

const statementOf = (from: string, to: string, route: string, t: number, body: string): PeerStatement => ({
  kind: 'vangnet-peer-request',
  version: 1,
  from,
  to,
  route,
  t,
  bodySha256: createHash('sha256').update(body, 'utf8').digest('hex'),
});

export function signPeerRequest(
  input: { from: string; to: string; route: string; body: string },
  privateKeyHex: string,
  at: Date,
): string {
  const t = Math.floor(at.getTime() / 1000);
  const signature = signStatement(
    statementOf(input.from, input.to, input.route, t, input.body),
    privateKeyHex,
  );
  return `from=${input.from},t=${t},sig=${signature}`;
}

/** Who the header says sent it, before anything is trusted: looked up in the peer list, then verified. */
export function claimedSender(header: string | undefined): string | undefined {
  const from = parseHeader(header).from;
  return from && /^[A-Z]{2}(-[A-Z]{2,3})?$/.test(from) ? from : undefined;
}

/** Whether `header` is `publicKeyHex`'s signature of this request to `to`, made within the last minutes. */
export function verifyPeerRequest(
  input: { to: string; route: string; body: string; header: string | undefined },
  publicKeyHex: string,
  now: Date,
): boolean {
  const parts = parseHeader(input.header);
  const t = Number(parts.t);
  if (!parts.from || !parts.sig || !Number.isInteger(t)) return false;
  if (Math.abs(now.getTime() / 1000 - t) > TOLERANCE_SECONDS) return false;
  return verifyCanonicalJsonSignature(
    statementOf(parts.from, input.to, input.route, t, input.body),
    parts.sig,
    publicKeyHex,
  );
}

function parseHeader(header: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of (header ?? '').split(',')) {
    const at = part.indexOf('=');
    if (at > 0) out[part.slice(0, at).trim()] = part.slice(at + 1).trim();
  }
  return out;
}
