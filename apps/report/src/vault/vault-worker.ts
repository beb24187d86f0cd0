import { createUnlockedVault, unlockAndUpgradeVault, WrongPinError } from '@vangnet/crypto/vault';
import type { VaultRequest, VaultResponse } from './vault-kdf.ts';

/**
 * The PIN's slow key derivation (Argon2id, 19 MiB; older vaults scrypt 2^18), off the main thread so the screen keeps
 * answering taps and showing progress while it runs. One request at a time; the PIN never leaves
 * this worker and the page.
 */
const scope = self as unknown as {
  onmessage: ((e: MessageEvent<VaultRequest>) => void) | null;
  postMessage(message: VaultResponse): void;
};

scope.onmessage = async (event: MessageEvent<VaultRequest>) => {
  const request = event.data;
  let response: VaultResponse;
  try {
    if (request.op === 'create') {
      const created = await createUnlockedVault(request.pin);
      response = { ok: true, identity: created.identity, vault: created.vault };
    } else {
      const unlocked = await unlockAndUpgradeVault(request.wrappedIdentity, request.pin);
      response = {
        ok: true,
        identity: unlocked.identity,
        ...(unlocked.rewrapped ? { rewrapped: unlocked.rewrapped } : {}),
      };
    }
  } catch (error) {
    // Only the kind of failure crosses back: an error message must not carry the PIN or a key.
    response = { ok: false, wrongPin: error instanceof WrongPinError };
  }
  scope.postMessage(response);
};
