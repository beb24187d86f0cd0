import type { AgeIdentity, AgeRecipient } from '../crypto.ts';

export type VaultRequest =
  | { op: 'create'; pin: string }
  | { op: 'unlock'; pin: string; wrappedIdentity: Uint8Array };

export type VaultResponse =
  | {
      ok: true;
      identity: AgeIdentity;
      vault?: { wrappedIdentity: Uint8Array; recipient: AgeRecipient };
      /** An old (scrypt) vault, wrapped again with Argon2id under the same PIN: store it instead. */
      rewrapped?: Uint8Array;
    }
  | { ok: false; wrongPin: boolean };

/** What the last derivation on this phone took; the progress bar paces itself by it. */
let lastMs = 1000;

/** How long the PIN's key derivation is expected to take here, for the progress bar. */
export function expectedDerivationMs(): number {
  return lastMs;
}

/** A worker started ahead of need; its code loads while the child is still typing the PIN. */
let spare: Worker | null = null;

function startWorker(): Worker {
  return new Worker(new URL('./vault-worker.ts', import.meta.url), { type: 'module' });
}

/** Starts the vault worker now (a PIN field is on screen), so "Lock" or "Open" waits on the KDF alone. */
export function warmVaultWorker(): void {
  if (typeof Worker !== 'undefined') spare ??= startWorker();
}

/**
 * Runs one PIN derivation in a fresh worker (vault-worker.ts) and ends the worker after: its Argon2id
 * memory goes back to the phone at once, and no PIN stays in a live thread.
 */
export function deriveInWorker(request: VaultRequest): Promise<VaultResponse> {
  const started = performance.now();
  const worker = spare ?? startWorker();
  spare = null;
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
