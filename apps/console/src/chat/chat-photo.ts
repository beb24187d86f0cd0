import { type ManifestItem, manifestItemSchema } from '@vangnet/core';
import { matchesManifest, type OpenedItem } from '../case/open-case.ts';
import type { Crypto } from '../lib/crypto.ts';

/** The items a sealed chat message names (photos from the child's vault); anything malformed is left out. */
export function photosOf(opened: { items?: unknown }): ManifestItem[] {
  if (!Array.isArray(opened.items)) return [];
  return opened.items.flatMap((item) => {
    const parsed = manifestItemSchema.safeParse(item);
    return parsed.success ? [parsed.data] : [];
  });
}

/**
 * Opens a photo the child shared in a chat and checks it the way a case's evidence is checked: the
 * opened bytes must have the size and SHA-256 the child's vault took at capture. There is no server
 * receipt for a chat photo, so only that check is made (and shown). Missing or unopenable: not intact.
 */
export async function openChatPhoto(
  crypto: Crypto,
  item: ManifestItem,
  fetchSealed: () => Promise<Uint8Array>,
  /** The helpline identities the worker holds (a rotation adds one), or one, or null while locked. */
  identity: string | readonly string[] | null,
): Promise<OpenedItem> {
  const identities = identity === null ? [] : typeof identity === 'string' ? [identity] : [...identity];
  let sealed: Uint8Array | null = null;
  let plain: Uint8Array | null = null;
  try {
    sealed = await fetchSealed();
    plain = identities.length > 0 ? await crypto.open(sealed as never, identities as never) : null;
  } catch {
    // Shown as not intact, never hidden.
  }
  const checks = { manifest: matchesManifest(crypto, item, plain) };
  return { manifest: item, plain, sealed, checks, ok: checks.manifest };
}
