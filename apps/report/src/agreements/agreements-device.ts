import {
  forgetKept,
  hasKept,
  isUnlocked,
  keepSealed,
  openKept,
  unlockWithPin,
  vaultExists,
} from '../vault/vault-store.ts';
import {
  forgetAgreements,
  loadAgreements,
  parseAgreements,
  type SavedAgreements,
  saveAgreements,
} from './agreements-store.ts';

/**
 * Where a family's agreements live on this device. A child who has a PIN vault gets them sealed in the
 * vault (like evidence: saving needs no PIN, reading does); otherwise in this browser's storage. Either
 * way nothing leaves the device. The first save into a vault moves a copy out of plain storage.
 */
export async function readAgreements(): Promise<SavedAgreements | 'locked'> {
  if ((await vaultExists()) && (await hasKept('agreements'))) {
    if (!isUnlocked()) return 'locked';
    return parseAgreements(await openKept('agreements'));
  }
  return loadAgreements();
}

export async function writeAgreements(value: SavedAgreements): Promise<void> {
  if (await vaultExists()) {
    await keepSealed('agreements', value);
    forgetAgreements();
  } else saveAgreements(value);
}

export async function eraseAgreements(): Promise<void> {
  forgetAgreements();
  await forgetKept('agreements');
}

/** True when the PIN opened the vault. */
export function unlockAgreements(pin: string): Promise<boolean> {
  return unlockWithPin(pin);
}
