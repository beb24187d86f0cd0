import type { AppDeps } from '../app-deps.ts';
import type { BlobStore } from '../blobs/blob-store.ts';
import { BlobNotFoundError } from '../blobs/blob-store.ts';
import { chatPhotos } from '../db/schema/index.ts';
import { Problem } from '../http/problem.ts';

/** Where a chat's sealed photo lives in the blob store: beside nothing else, under the chat's id. */
export const chatPhotoKey = (chatId: string, attachmentId: string) => `chats/${chatId}/${attachmentId}`;

export const chatPhotoNotFound = () => new Problem(404, 'chat.photo-not-found', 'There is no such photo');

/**
 * Keeps a sealed photo of a chat. Idempotent by the device's id: the same bytes again (a resend after a
 * lost answer) is the same photo, other bytes under a used id are refused and change nothing. The photo
 * is listed in `chat_photos` before its bytes are stored, so retention finds every photo it must delete
 * (a crash between the two leaves a row whose blob is missing, which deleting tolerates).
 */
export async function putChatPhoto(
  deps: Pick<AppDeps, 'db' | 'blobs'>,
  chatId: string,
  attachmentId: string,
  sealed: Uint8Array,
): Promise<{ created: boolean }> {
  const key = chatPhotoKey(chatId, attachmentId);
  if (await deps.blobs.has(key)) {
    const stored = await deps.blobs.getBytes(key);
    if (!Buffer.from(stored).equals(Buffer.from(sealed))) {
      throw new Problem(409, 'chat.photo-id-reused', 'This photo id was already used for another photo');
    }
    return { created: false };
  }
  await deps.db
    .insert(chatPhotos)
    .values({ chatId, attachmentId, blobKey: key, size: sealed.byteLength })
    .onConflictDoNothing();
  await deps.blobs.put(key, sealed);
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
