import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyRequest } from 'fastify';

/** Vite names what it emits under assets/ after the content's hash (`index-BxU3k1aZ.js`). */
const HASHED_ASSET = /[\\/]assets[\\/][^\\/]+-[A-Za-z0-9_-]{8,}\.[a-z0-9]+(\.(br|gz))?$/;

/**
 * A hashed file never changes under its name, so a phone keeps it for a year without asking again;
 * index.html and the service worker must be revalidated so updates reach people; the rest (icons,
 * the manifest) for an hour.
 */
export function cacheControlFor(path: string): string {
  if (HASHED_ASSET.test(path)) return 'public, max-age=31536000, immutable';
  if (/(index\.html|sw\.js)(\.(br|gz))?$/.test(path)) return 'no-cache';
  return 'public, max-age=3600';
}

export type SpaIndex = (request: FastifyRequest) => { root: string; file: string } | undefined;

/**
 * Serves each built single-page app under its prefix (`/` → the reporter app, `/console/` → the
 * console). Returns the SPA fallback: a browser GET for an unknown page of an app gets its
 * index.html, so deep links work; API paths never do.
 */
export async function registerStaticApps(
  app: FastifyInstance,
  apps: Record<string, string>,
): Promise<SpaIndex> {
  const present = Object.entries(apps).filter(([, root]) => existsSync(join(root, 'index.html')));
  let decorated = false;
  for (const [prefix, root] of present) {
    await app.register(fastifyStatic, {
      root,
      prefix,
      decorateReply: !decorated,
      wildcard: true,
      index: ['index.html'],
      // The build writes .br and .gz copies beside each text file (scripts/precompress-plugin.ts):
      // sent with Content-Encoding and `Vary: Accept-Encoding`, never compressed per request.
      preCompressed: true,
      setHeaders: (res, path) => res.header('cache-control', cacheControlFor(path)),
    });
    decorated = true;
  }
  // Longest prefix first, so /console/x is the console's, not the reporter app's.
  const byLength = present.sort(([a], [b]) => b.length - a.length);
  return (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return undefined;
    const path = request.url.split('?')[0] ?? '';
    if (path.startsWith('/api/') || path === '/api' || /\.[a-z0-9]+$/i.test(path)) return undefined;
    if (!(request.headers.accept ?? '').includes('text/html')) return undefined;
    const match = byLength.find(([prefix]) => path.startsWith(prefix) || `${path}/` === prefix);
    return match ? { root: match[1], file: 'index.html' } : undefined;
  };
}
