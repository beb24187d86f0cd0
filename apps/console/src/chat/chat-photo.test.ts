import * as crypto from '@vangnet/crypto';
import { describe, expect, it } from 'vitest';
import { openChatPhoto, photosOf } from './chat-photo.ts';

/** A photo shared in a live chat is checked against the hash the child's vault took at capture. */
describe('openChatPhoto', async () => {
  const helpline = await crypto.generateIdentity();
  const bytes = new TextEncoder().encode('pretend this is a PNG');
  const sealed = await crypto.seal(bytes, [helpline.recipient]);
  const item = {
    id: 'ph-000000000001',
    kind: 'image' as const,
    mediaType: 'image/png',
    size: bytes.byteLength,
    sha256: crypto.sha256Hex(bytes),
    capturedAt: '2026-11-30T10:00:00.000Z',
  };
  const fetched = () => Promise.resolve(sealed);

  const missing = () => Promise.reject(new Error('404'));
  it.each([
    ['the bytes match the vault hash: intact', item, fetched, helpline.identity, true, true],
    [
      'another hash: not intact',
      { ...item, sha256: '0'.repeat(64) },
      fetched,
      helpline.identity,
      false,
      true,
    ],
    ['another size: not intact', { ...item, size: item.size + 1 }, fetched, helpline.identity, false, true],
    ['missing on the server: not intact', item, missing, helpline.identity, false, false],
    ['no key to open it: not intact', item, fetched, null, false, false],
  ])('%s', async (_name, manifest, fetch, identity, ok, opens) => {
    const opened = await openChatPhoto(crypto, manifest, fetch, identity);
    expect(opened.ok).toBe(ok);
    expect(opened.checks).toEqual({ manifest: ok });
    expect(opened.plain !== null).toBe(opens);
  });

  it('names only well-formed items of a message', () => {
    expect(photosOf({})).toEqual([]);
    expect(photosOf({ items: [item, { id: 'x' }, 'nonsense'] })).toEqual([item]);
  });
});
