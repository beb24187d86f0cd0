import type { ReportHash } from '@vangnet/core/report-metadata';
import type { PickedFileHashes } from '@vangnet/pdq/decode-browser';

type Reply = { id: number; progress?: number; result?: PickedFileHashes; failed?: boolean };

let worker: Worker | null = null;
class WorkerBroken extends Error {}
let nextId = 0;

function hashWorker(): Worker | null {
  if (typeof Worker === 'undefined') return null;
  worker ??= new Worker(new URL('./hash-worker.ts', import.meta.url), { type: 'module' });
  return worker;
}

function inWorker(w: Worker, file: Blob, onProgress: (f: number) => void): Promise<PickedFileHashes> {
  const id = nextId++;
  return new Promise((resolve, reject) => {
    const done = () => {
      w.removeEventListener('message', listen);
      w.removeEventListener('error', broken);
    };
    const listen = (e: MessageEvent<Reply>) => {
      if (e.data.id !== id) return;
      if (e.data.progress !== undefined) onProgress(e.data.progress);
      if (e.data.result || e.data.failed) {
        done();
        if (e.data.result) resolve(e.data.result);
        else reject(new Error('hashing failed'));
      }
    };
    // The worker itself could not start (an old browser, a blocked script): say so instead of waiting.
    const broken = () => {
      done();
      worker = null;
      reject(new WorkerBroken());
    };
    w.addEventListener('message', listen);
    w.addEventListener('error', broken);
    w.postMessage({ id, file });
  });
}

/**
 * The codes for one picked picture or video: PDQ (images the browser can decode), MD5 and SHA-256.
 * Runs in a worker; a browser without workers loads the hasher lazily and runs it here instead.
 * The file itself goes nowhere: only the returned codes are kept.
 */
export async function hashFile(file: File, onProgress: (fraction: number) => void): Promise<ReportHash> {
  const w = hashWorker();
  let hashes: PickedFileHashes | null = null;
  try {
    if (w) hashes = await inWorker(w, file, onProgress);
  } catch (error) {
    if (!(error instanceof WorkerBroken)) throw error;
  }
  hashes ??= await (await import('@vangnet/pdq/decode-browser')).hashPickedFile(file, onProgress);
  const kind = file.type.startsWith('video/') ? 'video' : 'image';
  return {
    kind,
    ...(kind === 'image' && hashes.pdq
      ? { pdq: hashes.pdq.hash, pdqQuality: Math.round(hashes.pdq.quality) }
      : {}),
    md5: hashes.md5,
    sha256: hashes.sha256,
  };
}
