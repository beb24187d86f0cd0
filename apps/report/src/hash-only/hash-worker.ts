import { hashPickedFile } from '@vangnet/pdq/decode-browser';

/**
 * Hashes one picked file off the main thread, so the screen stays responsive while a phone photo
 * is decoded. The file arrives by postMessage (a copy inside this page, no network) and only the
 * digests go back; the pixels are dropped when the call ends.
 */
type In = { id: number; file: Blob };
const scope = self as unknown as {
  onmessage: ((e: MessageEvent<In>) => void) | null;
  postMessage(message: unknown): void;
};

scope.onmessage = (e) => {
  const { id, file } = e.data;
  hashPickedFile(file, (progress) => scope.postMessage({ id, progress }))
    .then((result) => scope.postMessage({ id, result }))
    .catch(() => scope.postMessage({ id, failed: true }));
};
