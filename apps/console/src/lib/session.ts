import type { WorkerKeys } from './helpline-keys.ts';
import type { Worker } from './types.ts';

/**
 * The signed-in worker and the helpline identity. The identity lives only in this module's memory:
 * never in localStorage, sessionStorage, IndexedDB or a URL. Locking drops it; the wrapped copy stays
 * so the worker can unlock with their password without a new TOTP code.
 */
export type Session = {
  worker: Worker;
  email: string;
  kdfSalt: string;
  wrappedHelplineKey: Uint8Array;
  /**
   * Signed in with a passkey that could not unlock the keys, not unlocked yet: the unlock screen says
   * the password is still needed (after that, a lock is an ordinary inactivity lock).
   */
  signedInWithPasskey?: boolean;
  /** The passkey that signed in, when it has PRF: it unlocks again after an inactivity lock. */
  prfPasskey?: { id: string; wrappedKey: string };
  /** Passkeys are required and this worker has none: the console shows only the passkey screen. */
  mustAddPasskey?: boolean;
};

let session: Session | null = null;
let keys: WorkerKeys | null = null;
const listeners = new Set<() => void>();

function changed(): void {
  for (const l of listeners) l();
}

export function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function currentSession(): Session | null {
  return session;
}

/** The newest helpline identity, or null while locked or signed out. */
export function helplineIdentity(): string | null {
  return keys?.helpline[0] ?? null;
}

/** Every helpline identity this worker holds (older reports need older ones), or null while locked. */
export function helplineIdentities(): string[] | null {
  return keys ? [...keys.helpline] : null;
}

/** What the worker's wrapped copy holds (a passkey wraps the same), or null while locked. */
export function workerKeyring(): string[] | null {
  return keys ? [...keys.keyring] : null;
}

export function startSession(next: Session, unwrapped: WorkerKeys): void {
  session = next;
  keys = unwrapped;
  changed();
}

/** After a key rotation this admin made: the new helpline identity comes first. */
export function addHelplineIdentity(identity: string): void {
  if (!keys) return;
  keys = { ...keys, helpline: [identity, ...keys.helpline.filter((i) => i !== identity)] };
  changed();
}

/** After the worker changed their own account (their display name): the server's new view of them. */
export function updateWorker(worker: Worker): void {
  if (!session) return;
  session = { ...session, worker };
  changed();
}

/**
 * Signed in, keys still locked: after a passkey sign-in without PRF, the password unwraps them
 * (unlock screen).
 */
export function startLockedSession(next: Session): void {
  session = next;
  keys = null;
  changed();
}

export function unlock(unwrapped: WorkerKeys, wrapped?: Uint8Array): void {
  if (session?.signedInWithPasskey) session = { ...session, signedInWithPasskey: false };
  if (session && wrapped) session = { ...session, wrappedHelplineKey: wrapped };
  keys = unwrapped;
  changed();
}

export function lock(): void {
  if (keys === null) return;
  keys = null;
  changed();
}

export function endSession(): void {
  session = null;
  keys = null;
  changed();
}

/** Locks after `ms` without a key press, click or touch. Returns a stop function. */
export function lockAfterInactivity(ms: number): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const reset = () => {
    clearTimeout(timer);
    timer = setTimeout(lock, ms);
  };
  const events = ['keydown', 'pointerdown', 'wheel', 'touchstart'] as const;
  for (const e of events) window.addEventListener(e, reset, { passive: true });
  reset();
  return () => {
    clearTimeout(timer);
    for (const e of events) window.removeEventListener(e, reset);
  };
}
