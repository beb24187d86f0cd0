import { idbGet, idbPut } from '../lib/idb.ts';
import { loadCrypto } from '../load-crypto.ts';
import type { AppConfig, PublicPack } from '../pack.ts';

/**
 * The app seals only to a recipient list that an administrator signed with a key the country pack names
 * (its trust anchor). The first anchors this app sees are pinned in IndexedDB, which the installed app
 * (service worker and pages) keeps; a pack with other anchors is accepted only through hand-overs signed
 * by the pinned ones, and a list older than the newest one accepted is refused (rollback). Any refusal
 * keeps the report on the phone: see send/prepare.ts.
 */
export class UnverifiedRecipients extends Error {}

const PIN_ID = 'trust-pin';

interface TrustPin {
  id: typeof PIN_ID;
  country: string;
  anchors: string[];
  /** The sequence of the newest list this app accepted. */
  lastSequence?: number;
}

async function freshPack(): Promise<PublicPack | null> {
  try {
    const res = await fetch('/api/v1/pack', { headers: { accept: 'application/json' } });
    return res.ok ? ((await res.json()) as PublicPack) : null;
  } catch {
    return null;
  }
}

/** The recipients to seal to, checked; throws UnverifiedRecipients when they cannot be trusted. */
export async function trustedRecipients(config: AppConfig, now = new Date()): Promise<string[]> {
  const c = await loadCrypto();
  const pin = await idbGet<TrustPin>('keys', PIN_ID);
  const pack = await freshPack();
  let anchors = pin && pin.country === config.country ? pin.anchors : null;
  if (pack && pack.meta.code === config.country) {
    const offered = acceptOffered(c, anchors, pack);
    if (!offered.ok) throw new UnverifiedRecipients(offered.reason);
    anchors = offered.anchors;
  }
  // Never pinned and the pack could not be fetched (offline on the very first send): nothing is wrong yet,
  // the report just waits, unsealed, in the outbox like any report sent offline.
  if (!anchors && !pack) throw new Error('offline: no trust anchor pinned yet');
  if (!anchors) throw new UnverifiedRecipients('no-anchor');
  const trusted = anchors;
  const lastSequence = pin && pin.country === config.country ? pin.lastSequence : undefined;
  // Pinned at first sight (or after a signed hand-over), before the list is even checked: a later,
  // changed pack must not get a second first sight.
  const keep = (sequence?: number) =>
    idbPut<TrustPin>('keys', {
      id: PIN_ID,
      country: config.country,
      anchors: trusted,
      ...(sequence !== undefined ? { lastSequence: sequence } : {}),
    });
  await keep(lastSequence);
  const check = c.verifyRecipientList(config.signedRecipients, {
    anchors: trusted,
    country: config.country,
    now,
    ...(lastSequence !== undefined ? { lastSequence } : {}),
  });
  if (!check.ok) throw new UnverifiedRecipients(check.reason);
  await keep(Math.max(lastSequence ?? 0, check.list.sequence));
  return check.list.recipients;
}

function acceptOffered(
  c: Awaited<ReturnType<typeof loadCrypto>>,
  pinned: string[] | null,
  pack: PublicPack,
): ReturnType<typeof c.acceptAnchors> {
  return c.acceptAnchors(pinned, {
    anchors: pack.meta.helpline.trustAnchors ?? [],
    country: pack.meta.code,
    handovers: pack.meta.helpline.anchorHandovers ?? [],
  });
}
