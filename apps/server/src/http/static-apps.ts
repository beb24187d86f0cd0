import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyRequest } from 'fastify';

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
      // Hashed assets can be cached; index.html must be revalidated so updates reach people.
      setHeaders: (res, path) => {
        res.header(
          'cache-control',
          path.endsWith('index.html') || path.endsWith('sw.js') ? 'no-cache' : 'public, max-age=3600',
        );
      },
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
