import type { AgeIdentity, AgeRecipient } from '../crypto.ts';
import { idbAll, idbClear, idbDelete, idbGet, idbPut } from '../lib/idb.ts';
import { loadCrypto } from '../load-crypto.ts';
import { deriveInWorker } from './vault-kdf.ts';

/**
 * The evidence vault on the device. Each item is sealed (age) to the vault's own recipient the moment it
 * is added, so adding needs no PIN; the vault identity is wrapped under the PIN the reporter picked, so
 * reading does. IndexedDB holds only ciphertext: the item, and separately its details (type, name,
 * size, SHA-256 of the plaintext, capture time).
 */
/** `notice`: the reporter's own copy of a DSA notice they copied for a platform (platform/notice-draft.tsx). */
export type ItemKind = 'image' | 'text' | 'link' | 'file' | 'notice';

export interface ItemDetails {
  mediaType: string;
  name?: string;
  size: number;
  sha256: string;
  capturedAt: string;
}

interface VaultRecord {
  id: 'main';
  wrappedIdentity: Uint8Array;
  recipient: AgeRecipient;
}

export interface StoredItem {
  id: string;
  /** Clear so a locked vault can still say "2 pictures, 1 message"; says nothing about content. */
  kind: ItemKind;
  addedAt: number;
  sealedDetails: Uint8Array;
  sealedData: Uint8Array;
}

let identity: AgeIdentity | null = null;

export function isUnlocked(): boolean {
  return identity !== null;
}

export function lockVault(): void {
  identity = null;
}

export async function vaultExists(): Promise<boolean> {
  return (await idbGet<VaultRecord>('vault', 'main')) !== undefined;
}

/** Creates the vault under a new PIN and leaves it unlocked for this session. */
export async function createVaultWithPin(pin: string): Promise<void> {
  // One slow derivation, not two: the new identity comes back with the wrapped one. In a worker: the
  // KDF on a slow phone must not freeze the screen.
  const created = await deriveInWorker({ op: 'create', pin });
  if (!created.ok || !created.vault) throw new Error('The vault could not be made.');
  await idbPut<VaultRecord>('vault', {
    id: 'main',
    wrappedIdentity: created.vault.wrappedIdentity,
    recipient: created.vault.recipient,
  });
  identity = created.identity;
}

/** True when the PIN opened the vault; a wrong PIN opens nothing and changes nothing. */
export async function unlockWithPin(pin: string): Promise<boolean> {
  const record = await idbGet<VaultRecord>('vault', 'main');
  if (!record) return false;
  const result = await deriveInWorker({ op: 'unlock', pin, wrappedIdentity: record.wrappedIdentity });
  if (result.ok) {
    identity = result.identity;
    // A vault from before Argon2id comes back re-wrapped under the same PIN: keep the fast form, so the
    // next unlock takes a fraction of a second instead of ten. Same identity, so every item still opens.
    if (result.rewrapped)
      await idbPut<VaultRecord>('vault', { ...record, wrappedIdentity: result.rewrapped });
    return true;
  }
  if (result.wrongPin) return false;
  throw new Error('The vault could not be opened.');
}

function newItemId(): string {
  return crypto.randomUUID();
}

export async function addItem(
  kind: ItemKind,
  bytes: Uint8Array,
  mediaType: string,
  name?: string,
): Promise<string> {
  const c = await loadCrypto();
  const record = await idbGet<VaultRecord>('vault', 'main');
  if (!record) throw new Error('no vault');
  const details: ItemDetails = {
    mediaType,
    ...(name ? { name } : {}),
    size: bytes.byteLength,
    sha256: c.sha256Hex(bytes),
    capturedAt: new Date().toISOString(),
  };
  const id = newItemId();
  const item: StoredItem = {
    id,
    kind,
    addedAt: Date.now(),
    sealedDetails: await c.sealJson(details, [record.recipient]),
    sealedData: await c.seal(bytes, [record.recipient]),
  };
  await idbPut('items', item);
  return id;
}

export async function listItems(): Promise<StoredItem[]> {
  const items = await idbAll<StoredItem>('items');
  return items.sort((a, b) => a.addedAt - b.addedAt);
}

export async function openItem(item: StoredItem): Promise<{ details: ItemDetails; bytes: Uint8Array }> {
  if (!identity) throw new Error('locked');
  const c = await loadCrypto();
  const details = await c.openJson<ItemDetails>(item.sealedDetails as never, [identity]);
  const bytes = await c.open(item.sealedData, [identity]);
  return { details, bytes };
}

export async function removeItem(id: string): Promise<void> {
  await idbDelete('items', id);
}

/** "Delete everything": the vault key, every item, every queued report, the draft key. One action. */
export async function deleteEverything(): Promise<void> {
  identity = null;
  await Promise.all([idbClear('items'), idbClear('vault'), idbClear('outbox'), idbClear('keys')]);
}

/**
 * The receipt code, kept only if the reporter asks for it, in the vault: sealed to the vault's
 * recipient like evidence (so saving needs no PIN) and readable only with the PIN. "Delete everything"
 * clears the vault store and takes it along.
 */
interface ReceiptRecord {
  id: 'receipt';
  sealed: Uint8Array;
}

export async function rememberReceipt(code: string): Promise<void> {
  const c = await loadCrypto();
  const record = await idbGet<VaultRecord>('vault', 'main');
  if (!record) throw new Error('no vault');
  const sealed = await c.seal(new TextEncoder().encode(code.replace(/\D/g, '')), [record.recipient]);
  await idbPut<ReceiptRecord>('vault', { id: 'receipt', sealed });
}

export async function hasRememberedReceipt(): Promise<boolean> {
  return (await idbGet<ReceiptRecord>('vault', 'receipt')) !== undefined;
}

/** The remembered code; the vault must be unlocked. */
export async function openRememberedReceipt(): Promise<string> {
  if (!identity) throw new Error('locked');
  const record = await idbGet<ReceiptRecord>('vault', 'receipt');
  if (!record) throw new Error('no receipt');
  const c = await loadCrypto();
  return new TextDecoder().decode(await c.open(record.sealed, [identity]));
}

export async function forgetReceipt(): Promise<void> {
  await idbDelete('vault', 'receipt');
}

/**
 * Small things kept in the vault store beside evidence, by name: sealed to the vault's recipient (saving
 * needs no PIN) and readable only with the PIN. Today the home agreements (agreements/agreements-store.ts).
 * "Delete everything" clears the vault store and takes them along.
 */
export type KeptName = 'agreements';
interface KeptRecord {
  id: KeptName;
  sealed: Uint8Array;
}

export async function keepSealed(name: KeptName, value: unknown): Promise<void> {
  const c = await loadCrypto();
  const record = await idbGet<VaultRecord>('vault', 'main');
  if (!record) throw new Error('no vault');
  await idbPut<KeptRecord>('vault', { id: name, sealed: await c.sealJson(value, [record.recipient]) });
}

export async function hasKept(name: KeptName): Promise<boolean> {
  return (await idbGet<KeptRecord>('vault', name)) !== undefined;
}

/** The kept value; the vault must be unlocked. */
export async function openKept(name: KeptName): Promise<unknown> {
  if (!identity) throw new Error('locked');
  const record = await idbGet<KeptRecord>('vault', name);
  if (!record) throw new Error(`nothing kept as ${name}`);
  const c = await loadCrypto();
  return c.openJson<unknown>(record.sealed as never, [identity]);
}

export async function forgetKept(name: KeptName): Promise<void> {
  await idbDelete('vault', name);
}
