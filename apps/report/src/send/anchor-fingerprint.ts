import { useEffect, useState } from 'preact/hooks';
import { idbGet } from '../lib/idb.ts';
import type { PublicPack } from '../pack.ts';

/**
 * The short fingerprint of the helpline's trust anchor, as `anchorFingerprint` in packages/crypto makes
 * it (first 80 bits of SHA-256 of the key, five groups of four), computed with WebCrypto so the help
 * screen does not load the crypto chunk. People compare it with the one on the helpline's own website.
 */
export async function fingerprintOf(publicKeyHex: string): Promise<string> {
  const bytes = Uint8Array.from(publicKeyHex.match(/../g) ?? [], (h) => Number.parseInt(h, 16));
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  const hex = Array.from(digest.subarray(0, 10), (b) => b.toString(16).padStart(2, '0'))
    .join('')
    .toUpperCase();
  return hex.match(/.{4}/g)!.join(' ');
}

/** The fingerprints of the anchors this app pinned (send/trusted-recipients.ts), else the pack's. */
export function useAnchorFingerprints(pack: PublicPack | null): string[] {
  const [prints, setPrints] = useState<string[]>([]);
  useEffect(() => {
    let live = true;
    void (async () => {
      const pin = await idbGet<{ anchors: string[] }>('keys', 'trust-pin').catch(() => undefined);
      const anchors = pin?.anchors ?? pack?.meta.helpline.trustAnchors ?? [];
      const found = await Promise.all(anchors.map(fingerprintOf));
      if (live) setPrints(found);
    })();
    return () => {
      live = false;
    };
  }, [pack]);
  return prints;
}
