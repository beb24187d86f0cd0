import type { ReportHash, UrgencyFlags } from '@vangnet/core/report-metadata';
import type { AgeBand, CategoryCode, Role } from '@vangnet/core/taxonomy';
import { useEffect, useState } from 'preact/hooks';
import { DRAFT_KEY, markDraftSent } from '../draft-flag.ts';
import { idbGet, idbPut } from '../lib/idb.ts';
import { readSession, writeSession } from '../lib/storage.ts';

/** Everything the report flow has asked so far. Lives only on this device until it is sealed and sent. */
export interface Draft {
  category?: CategoryCode;
  platform?: string;
  role?: Role;
  ageBand?: AgeBand;
  flags: UrgencyFlags;
  description: string;
  links: string;
  contactMode: 'anonymous' | 'contact';
  contact: { name: string; email: string; phone: string };
  /** Hash-only route: codes of the pictures made on this phone; the pictures themselves are not kept. */
  hashes?: ReportHash[];
  /** Set once the report is sealed and queued: the outbox entry that carries it. */
  outboxId?: string;
  /** The receipt code, kept (encrypted) only until the reporter leaves the receipt screen. */
  receipt?: string;
}

export function emptyDraft(): Draft {
  return {
    flags: { ongoing: false, danger: false, selfHarm: false, imageAbuse: false },
    description: '',
    links: '',
    contactMode: 'anonymous',
    contact: { name: '', email: '', phone: '' },
  };
}

/*
 * The draft is encrypted at rest: AES-GCM under a non-extractable key kept in IndexedDB, ciphertext in
 * sessionStorage (gone when the tab closes). A reload restores it; reading the storage files of the
 * phone shows no words from the report.
 */
interface KeyRecord {
  id: string;
  key: CryptoKey;
}

async function draftKey(): Promise<CryptoKey> {
  const existing = await idbGet<KeyRecord>('keys', 'draft');
  if (existing) return existing.key;
  const key = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, [
    'encrypt',
    'decrypt',
  ]);
  await idbPut<KeyRecord>('keys', { id: 'draft', key });
  return key;
}

function toB64(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s);
}

function fromB64(text: string): Uint8Array {
  return Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
}

/**
 * Any value sealed at rest the same way (AES-GCM under the draft key): for a report that waits in the
 * outbox before it can be sealed to the helpline.
 */
export async function sealAtRest(value: unknown): Promise<string> {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const plain = new TextEncoder().encode(JSON.stringify(value));
  const sealed = new Uint8Array(
    await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, await draftKey(), plain),
  );
  return `${toB64(iv)}.${toB64(sealed)}`;
}

/** Opens what `sealAtRest` wrote; null when it cannot (another device's key, damaged). */
export async function openAtRest<T>(stored: string): Promise<T | null> {
  const [iv, data] = stored.split('.');
  if (!iv || !data) return null;
  try {
    const plain = await crypto.subtle.decrypt(
      { name: 'AES-GCM', iv: fromB64(iv) as Uint8Array<ArrayBuffer> },
      await draftKey(),
      fromB64(data) as Uint8Array<ArrayBuffer>,
    );
    return JSON.parse(new TextDecoder().decode(plain)) as T;
  } catch {
    return null;
  }
}

async function saveDraft(draft: Draft): Promise<void> {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const plain = new TextEncoder().encode(JSON.stringify(draft));
  const sealed = new Uint8Array(
    await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, await draftKey(), plain),
  );
  writeSession(DRAFT_KEY, `${toB64(iv)}.${toB64(sealed)}`);
}

async function readDraft(): Promise<Draft | null> {
  const stored = readSession(DRAFT_KEY);
  if (!stored) return null;
  const [iv, data] = stored.split('.');
  if (!iv || !data) return null;
  try {
    const plain = await crypto.subtle.decrypt(
      { name: 'AES-GCM', iv: fromB64(iv) as Uint8Array<ArrayBuffer> },
      await draftKey(),
      fromB64(data) as Uint8Array<ArrayBuffer>,
    );
    return { ...emptyDraft(), ...(JSON.parse(new TextDecoder().decode(plain)) as Partial<Draft>) };
  } catch {
    return null;
  }
}

export function forgetDraft(): void {
  writeSession(DRAFT_KEY, null);
  markDraftSent(false);
  current = emptyDraft();
  for (const l of listeners) l(current);
}

// One draft shared by every step; steps subscribe so an edit on one screen shows on the review.
let current: Draft | null = null;
let loading: Promise<Draft> | null = null;
const listeners = new Set<(d: Draft) => void>();
let saving: Promise<void> = Promise.resolve();

function loadOnce(): Promise<Draft> {
  loading ??= readDraft().then((d) => {
    current = d ?? emptyDraft();
    return current;
  });
  return loading;
}

/** Writes are chained so an older draft can never overwrite a newer one. */
export function updateDraft(change: Partial<Draft>): Promise<void> {
  current = { ...(current ?? emptyDraft()), ...change };
  const snapshot = current;
  for (const l of listeners) l(snapshot);
  saving = saving.then(() => saveDraft(snapshot)).catch(() => undefined);
  return saving;
}

export function flushDraft(): Promise<void> {
  return saving;
}

export function useDraft(): Draft | null {
  const [draft, setDraft] = useState<Draft | null>(current);
  useEffect(() => {
    listeners.add(setDraft);
    if (!current) void loadOnce().then(setDraft);
    return () => {
      listeners.delete(setDraft);
    };
  }, []);
  return draft;
}
