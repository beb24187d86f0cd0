// The service worker's half of the build check (docs/threat-model.md, "Checking the app's code"):
// before a new version of the app is cached, every file it would cache (and the service worker script
// itself) is fetched, hashed and compared with the build list signed by the release key. The key is
// pinned at the first install and kept across updates; the server's word about the key is taken only
// then. A refused update throws from the install step, so the browser drops it: the version already
// installed stays active and keeps answering from its own cache.

import { shellTemplate } from '@vangnet/core/pack/shell-template';
import {
  type BuildAsset,
  type BuildRefusal,
  checkBuild,
  describeBuildRefusal,
  parseSignedBuildList,
} from '@vangnet/crypto/build-list';
import { UPDATE_REFUSED_MESSAGE } from './update-refused.ts';

/** The release key this app was installed with and the signing time of the build it runs. */
interface Trust {
  releaseKey: string;
  issuedAt: string;
}

const TRUST_CACHE = 'vn-trust';
const TRUST_KEY = '/vn-trust/installed';
const BUILDS_PATH = '/api/v1/builds';

interface ClientsLike {
  matchAll(options: {
    type: 'window';
    includeUncontrolled: boolean;
  }): Promise<{ postMessage(m: unknown): void }[]>;
}

async function readTrust(): Promise<Trust | null> {
  const hit = await (await caches.open(TRUST_CACHE)).match(TRUST_KEY);
  if (!hit) return null;
  const value = (await hit.json()) as Partial<Trust>;
  return typeof value.releaseKey === 'string' && typeof value.issuedAt === 'string'
    ? { releaseKey: value.releaseKey, issuedAt: value.issuedAt }
    : null;
}

async function sha256Hex(bytes: ArrayBuffer): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** The file as the list hashes it: the page without what the server writes in from the pack. */
async function hashOf(path: string, response: Response): Promise<string> {
  const bytes = await response.arrayBuffer();
  if (!path.endsWith('/index.html')) return sha256Hex(bytes);
  const page = shellTemplate(new TextDecoder().decode(bytes));
  return sha256Hex(new TextEncoder().encode(page).buffer as ArrayBuffer);
}

/** Fresh from the network (past the HTTP cache), so what is hashed is what gets cached. */
async function fetchAsset(
  url: string,
  origin: string,
): Promise<{ asset: BuildAsset; response: Response | null }> {
  const path = new URL(url).pathname;
  const response = await fetch(url, { cache: 'no-cache', credentials: 'omit' }).catch(() => null);
  if (!response?.ok || new URL(response.url || url).origin !== origin)
    return { asset: { path, sha256: null }, response: null };
  const copy = response.clone();
  return { asset: { path, sha256: await hashOf(path, response) }, response: copy };
}

async function publishedBuilds(): Promise<{ releaseKey: string | null; builds: unknown[] } | null> {
  try {
    const response = await fetch(BUILDS_PATH, { cache: 'no-store', credentials: 'omit' });
    if (!response.ok) return null;
    const body = (await response.json()) as { releaseKey?: unknown; builds?: unknown };
    return {
      releaseKey: typeof body.releaseKey === 'string' ? body.releaseKey : null,
      builds: Array.isArray(body.builds) ? body.builds : [],
    };
  } catch {
    return null;
  }
}

/**
 * Fetches, checks and caches the app's files into `cacheName`; throws (and tells the open pages) when
 * the update is refused. Without a pinned key and without a key from the server there is nothing to
 * check against (an instance whose pack names no release key): the files are cached as before.
 */
export async function installCheckedBuild(
  cacheName: string,
  urls: readonly string[],
  scriptUrl: string,
  clients: ClientsLike,
): Promise<void> {
  const origin = new URL(scriptUrl).origin;
  const [trust, published, fetched, script] = await Promise.all([
    readTrust(),
    publishedBuilds(),
    Promise.all(urls.map((url) => fetchAsset(url, origin))),
    fetchAsset(scriptUrl, origin),
  ]);
  const releaseKey = trust?.releaseKey ?? published?.releaseKey ?? null;
  let next: Trust | null = null;
  if (releaseKey) {
    const signed = (published?.builds ?? []).map(parseSignedBuildList).find((b) => b?.list.app === 'report');
    const refusal: BuildRefusal | null = signed
      ? checkBuild({
          signed,
          releaseKey,
          installedIssuedAt: trust?.issuedAt ?? null,
          assets: [...fetched.map((f) => f.asset), script.asset],
        })
      : { code: 'bad-signature' };
    if (refusal) {
      for (const client of await clients.matchAll({ type: 'window', includeUncontrolled: true })) {
        client.postMessage({ type: UPDATE_REFUSED_MESSAGE });
      }
      // Names a file at most, never anything about the person: safe for the console of their own phone.
      throw new Error(`update refused: ${signed ? describeBuildRefusal(refusal) : 'no signed build list'}`);
    }
    next = { releaseKey, issuedAt: signed!.list.issuedAt };
  }
  const missing = fetched.find((f) => !f.response);
  if (missing) throw new Error(`update not cached: ${missing.asset.path} could not be fetched`);
  const cache = await caches.open(cacheName);
  await Promise.all(fetched.map((f) => cache.put(new URL(f.asset.path, scriptUrl).href, f.response!)));
  if (next) await (await caches.open(TRUST_CACHE)).put(TRUST_KEY, Response.json(next));
}
