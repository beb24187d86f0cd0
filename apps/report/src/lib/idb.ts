/**
 * A tiny promise wrapper around IndexedDB: one database, a few object stores keyed by `id`.
 * Written here instead of a dependency because the first screen must stay small and we need five calls.
 */
const DB_NAME = 'vangnet';
const DB_VERSION = 1;
export const STORES = ['keys', 'vault', 'items', 'outbox'] as const;
export type StoreName = (typeof STORES)[number];

let opening: Promise<IDBDatabase> | null = null;

export function openDb(): Promise<IDBDatabase> {
  if (!opening) {
    opening = new Promise((resolve, reject) => {
      const req = indexedDB.open(DB_NAME, DB_VERSION);
      req.onupgradeneeded = () => {
        for (const name of STORES) {
          if (!req.result.objectStoreNames.contains(name))
            req.result.createObjectStore(name, { keyPath: 'id' });
        }
      };
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => {
        opening = null;
        reject(req.error);
      };
    });
  }
  return opening;
}

function done<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

async function store(name: StoreName, mode: IDBTransactionMode): Promise<IDBObjectStore> {
  const db = await openDb();
  return db.transaction(name, mode).objectStore(name);
}

export async function idbGet<T>(name: StoreName, id: string): Promise<T | undefined> {
  return done((await store(name, 'readonly')).get(id)) as Promise<T | undefined>;
}

export async function idbAll<T>(name: StoreName): Promise<T[]> {
  return done((await store(name, 'readonly')).getAll()) as Promise<T[]>;
}

export async function idbPut<T extends { id: string }>(name: StoreName, value: T): Promise<void> {
  await done((await store(name, 'readwrite')).put(value));
}

export async function idbDelete(name: StoreName, id: string): Promise<void> {
  await done((await store(name, 'readwrite')).delete(id));
}

export async function idbClear(name: StoreName): Promise<void> {
  await done((await store(name, 'readwrite')).clear());
}
