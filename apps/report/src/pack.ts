import type { PublicPack } from '@vangnet/core/pack/public';
import { useEffect, useState } from 'preact/hooks';
import { readLocal, writeLocal } from './lib/storage.ts';
import { shellCrisisLines } from './shell-crisis.ts';

export type { PublicPack } from '@vangnet/core/pack/public';
export type CrisisLine = PublicPack['crisis'][number];
export type Phone = CrisisLine['phones'][number];
export type OpeningHours = CrisisLine['hours'];

/** What `GET /api/v1/config` says; cached so an offline send still knows whom to seal to. */
export interface AppConfig {
  country: string;
  packVersion: string;
  languages: string[];
  helplineRecipients: string[];
  /** The signed recipient list (packages/crypto recipient-list.ts); checked before anything is sealed. */
  signedRecipients?: unknown;
  serverPublicKey: string;
}

const PACK_KEY = 'vn.pack';
const CONFIG_KEY = 'vn.config';

function readCached<T>(key: string): T | null {
  const raw = readLocal(key);
  if (!raw) return null;
  try {
    return JSON.parse(raw) as T;
  } catch {
    return null;
  }
}

export function cachedPack(): PublicPack | null {
  return readCached<PublicPack>(PACK_KEY);
}

export function cachedConfig(): AppConfig | null {
  return readCached<AppConfig>(CONFIG_KEY);
}

async function fetchJson<T>(url: string): Promise<T> {
  const res = await fetch(url, { headers: { accept: 'application/json' } });
  if (!res.ok) throw new Error(`${url}: ${res.status}`);
  return (await res.json()) as T;
}

/** Fresh config from the server, falling back to the cached copy when offline. */
export async function loadConfig(): Promise<AppConfig | null> {
  try {
    const config = await fetchJson<AppConfig>('/api/v1/config');
    writeLocal(CONFIG_KEY, JSON.stringify(config));
    return config;
  } catch {
    return cachedConfig();
  }
}

/** The pack: cached copy at once, then the server's when it answers. Crisis lines always have a value. */
export function usePack(): { pack: PublicPack | null; crisis: CrisisLine[] } {
  const [pack, setPack] = useState<PublicPack | null>(cachedPack);
  useEffect(() => {
    let live = true;
    fetchJson<PublicPack>('/api/v1/pack')
      .then((fresh) => {
        writeLocal(PACK_KEY, JSON.stringify(fresh));
        if (live) setPack(fresh);
      })
      .catch(() => {
        // Offline or no server: the cached pack, or the crisis lines written into the page, serve.
      });
    // Warm the config cache too, so sending later works offline.
    void loadConfig();
    return () => {
      live = false;
    };
  }, []);
  const crisis = pack?.crisis?.length ? pack.crisis : shellCrisisLines();
  return { pack, crisis };
}

/** A pack text in the app's language, else the pack's default language. */
export function packText(pack: PublicPack | null, lang: string, key: string | undefined): string | undefined {
  return packTextIn(pack, lang, key)?.text;
}

/** The same, saying which language it came in, so a fallback can carry its own `lang` attribute. */
export function packTextIn(
  pack: PublicPack | null,
  lang: string,
  key: string | undefined,
): { text: string; lang: string } | undefined {
  if (!pack || !key) return undefined;
  const own = pack.texts[lang]?.[key];
  if (own) return { text: own, lang };
  const fallback = pack.texts[pack.meta.defaultLanguage]?.[key];
  return fallback ? { text: fallback, lang: pack.meta.defaultLanguage } : undefined;
}
