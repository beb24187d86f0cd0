// The reporter app's service worker. Hand-written and small: precache the built app (the list is
// injected at build time), answer the app's navigations from the cache so the start and crisis
// screens open offline, keep the last country pack and config for offline use, and leave every other
// request (reports, uploads, follow-up) to the network untouched. A push (opted in on the follow-up
// screen) shows one neutral line and nothing else.

import { PUSH_TAG, pushNoticeFor } from './push-notice.ts';
import { installCheckedBuild } from './sw-build-check.ts';

interface PrecacheEntry {
  url: string;
  revision: string | null;
}
interface ExtendableEvent extends Event {
  waitUntil(promise: Promise<unknown>): void;
}
interface FetchEvent extends ExtendableEvent {
  request: Request;
  respondWith(response: Response | Promise<Response>): void;
}
interface PushEvent extends ExtendableEvent {
  data: { json(): unknown } | null;
}
interface WindowClientLike {
  url: string;
  focus(): Promise<unknown>;
  postMessage(message: unknown): void;
}
interface SwScope {
  location: Location;
  skipWaiting(): Promise<void>;
  clients: {
    claim(): Promise<void>;
    matchAll(options: { type: 'window'; includeUncontrolled?: boolean }): Promise<WindowClientLike[]>;
    openWindow(url: string): Promise<unknown>;
  };
  registration: ServiceWorkerRegistration;
  addEventListener(type: 'install' | 'activate', listener: (event: ExtendableEvent) => void): void;
  addEventListener(type: 'fetch', listener: (event: FetchEvent) => void): void;
  addEventListener(type: 'push', listener: (event: PushEvent) => void): void;
  addEventListener(
    type: 'notificationclick',
    listener: (event: ExtendableEvent & { notification: Notification }) => void,
  ): void;
}

declare global {
  interface Window {
    /** Filled in at build time by vite-plugin-pwa (injectManifest): every built file with a revision. */
    __WB_MANIFEST: PrecacheEntry[];
  }
}

const sw = self as unknown as SwScope;
const entries = self.__WB_MANIFEST;
const version = entries.map((e) => `${e.url}@${e.revision ?? ''}`).join('|');

/** A short, stable name per build, so an update gets a fresh cache and the old one is dropped. */
function hashString(text: string): string {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return (h >>> 0).toString(36);
}

const APP_CACHE = `vn-app-${hashString(version)}`;
const DATA_CACHE = 'vn-data';
// The plugin lists the manifest and its icons twice; Cache.addAll refuses duplicates.
const urls = [...new Set(entries.map((e) => new URL(e.url, sw.location.href).href))];
/** Public data the app needs offline; nothing personal is ever cached here. */
const DATA_PATHS = new Set(['/api/v1/pack', '/api/v1/config']);

// Every file is checked against the signed build list before it is cached (sw-build-check.ts); a
// refused update fails here, so the version already installed stays on.
sw.addEventListener('install', (event) => {
  event.waitUntil(
    installCheckedBuild(APP_CACHE, urls, sw.location.href, sw.clients).then(() => sw.skipWaiting()),
  );
});

sw.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) =>
        Promise.all(
          keys.filter((k) => k.startsWith('vn-app-') && k !== APP_CACHE).map((k) => caches.delete(k)),
        ),
      )
      .then(() => sw.clients.claim()),
  );
});

async function fromAppCache(request: Request | string): Promise<Response> {
  const cache = await caches.open(APP_CACHE);
  const hit = await cache.match(request);
  return hit ?? fetch(request);
}

async function networkFirst(request: Request): Promise<Response> {
  const cache = await caches.open(DATA_CACHE);
  try {
    const response = await fetch(request);
    if (response.ok) await cache.put(request, response.clone());
    return response;
  } catch (error) {
    const hit = await cache.match(request);
    if (hit) return hit;
    throw error;
  }
}

sw.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== sw.location.origin) return;
  if (request.mode === 'navigate') {
    // Only the reporter app's own page; the console, API docs and stats pages go to the network.
    if (url.pathname === '/' || url.pathname === '/index.html') {
      event.respondWith(fromAppCache(new URL('/index.html', sw.location.href).href));
    }
    return;
  }
  if (DATA_PATHS.has(url.pathname)) {
    event.respondWith(networkFirst(request));
    return;
  }
  if (urls.includes(url.href)) event.respondWith(fromAppCache(request));
});

sw.addEventListener('push', (event) => {
  let payload: unknown = null;
  try {
    payload = event.data?.json() ?? null;
  } catch {
    payload = null;
  }
  // Only the neutral line: no body, no icon or badge that names the app, nothing about the report.
  event.waitUntil(
    sw.registration.showNotification(pushNoticeFor(payload), {
      tag: PUSH_TAG,
      renotify: true,
    } as NotificationOptions),
  );
});

sw.addEventListener('notificationclick', (event) => {
  event.notification.close();
  event.waitUntil(
    sw.clients.matchAll({ type: 'window' }).then((open) => {
      const app = open.find((c) => new URL(c.url).origin === sw.location.origin);
      return app ? app.focus() : sw.clients.openWindow('/');
    }),
  );
});
