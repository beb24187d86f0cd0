import type { BlobStore } from '../blobs/blob-store.ts';
import { BlobNotFoundError } from '../blobs/blob-store.ts';
import { Problem } from '../http/problem.ts';

/** Where a chat's sealed photo lives in the blob store: beside nothing else, under the chat's id. */
export const chatPhotoKey = (chatId: string, attachmentId: string) => `chats/${chatId}/${attachmentId}`;

export const chatPhotoNotFound = () => new Problem(404, 'chat.photo-not-found', 'There is no such photo');

/**
 * Keeps a sealed photo of a chat. Idempotent by the device's id: the same bytes again (a resend after a
 * lost answer) is the same photo, other bytes under a used id are refused and change nothing.
 */
export async function putChatPhoto(
  blobs: BlobStore,
  chatId: string,
  attachmentId: string,
  sealed: Uint8Array,
): Promise<{ created: boolean }> {
  const key = chatPhotoKey(chatId, attachmentId);
  if (await blobs.has(key)) {
    const stored = await blobs.getBytes(key);
    if (!Buffer.from(stored).equals(Buffer.from(sealed))) {
      throw new Problem(409, 'chat.photo-id-reused', 'This photo id was already used for another photo');
    }
    return { created: false };
  }
  await blobs.put(key, sealed);
  return { created: true };
}

/** The sealed photo, or a 404 problem. */
export async function getChatPhoto(blobs: BlobStore, chatId: string, attachmentId: string) {
  try {
    return await blobs.getBytes(chatPhotoKey(chatId, attachmentId));
  } catch (error) {
    if (error instanceof BlobNotFoundError) throw chatPhotoNotFound();
    throw error;
  }
}
