import type { AgeIdentity, AgeRecipient } from '../crypto.ts';

export type VaultRequest =
  | { op: 'create'; pin: string }
  | { op: 'unlock'; pin: string; wrappedIdentity: Uint8Array };

export type VaultResponse =
  | { ok: true; identity: AgeIdentity; vault?: { wrappedIdentity: Uint8Array; recipient: AgeRecipient } }
  | { ok: false; wrongPin: boolean };

/** What the last derivation on this phone took; the progress bar paces itself by it. */
let lastMs = 4000;

/** How long the PIN's key derivation is expected to take here, for the progress bar. */
export function expectedDerivationMs(): number {
  return lastMs;
}

/**
 * Runs one PIN derivation in a fresh worker (vault-worker.ts) and ends the worker after: its 256 MiB of
 * scrypt memory goes back to the phone at once, and no PIN stays in a live thread.
 */
export function deriveInWorker(request: VaultRequest): Promise<VaultResponse> {
  const started = performance.now();
  const worker = new Worker(new URL('./vault-worker.ts', import.meta.url), { type: 'module' });
  return new Promise<VaultResponse>((resolve, reject) => {
    worker.onmessage = (event: MessageEvent<VaultResponse>) => {
      lastMs = performance.now() - started;
      // For the bench: Chromium cannot slow a worker like the page, so it scales this part itself.
      performance.measure('vn:pin-derivation', { start: started, duration: lastMs });
      resolve(event.data);
    };
    worker.onerror = (event) => {
      event.preventDefault();
      reject(new Error('The vault worker failed.'));
    };
    worker.postMessage(request);
  }).finally(() => worker.terminate());
}
