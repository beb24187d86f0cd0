import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

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

/** Sends an app's index.html for a deep link; false when the request is not one (the caller answers 404). */
export type SpaIndex = (request: FastifyRequest, reply: FastifyReply) => boolean;

/** An app's index.html rewritten once at start (e.g. the active pack's crisis lines written in). */
export type ShellTransform = (html: string) => string;

type Shell = { html: Buffer; br: Buffer; gzip: Buffer };

function buildShell(root: string, transform: ShellTransform): Shell {
  const html = Buffer.from(transform(readFileSync(join(root, 'index.html'), 'utf8')), 'utf8');
  return {
    html,
    br: brotliCompressSync(html, {
      params: { [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY },
    }),
    gzip: gzipSync(html, { level: 9 }),
  };
}

/** The rewritten page, compressed as the client accepts, never cached without revalidation. */
function sendShell(request: FastifyRequest, reply: FastifyReply, shell: Shell): void {
  const accepts = String(request.headers['accept-encoding'] ?? '');
  const [body, encoding] = /\bbr\b/.test(accepts)
    ? [shell.br, 'br']
    : /\bgzip\b/.test(accepts)
      ? [shell.gzip, 'gzip']
      : [shell.html, undefined];
  reply.header('content-type', 'text/html; charset=utf-8');
  reply.header('cache-control', 'no-cache');
  reply.header('vary', 'accept-encoding');
  if (encoding) reply.header('content-encoding', encoding);
  void reply.send(body);
}

/**
 * Serves each built single-page app under its prefix (`/` → the reporter app, `/console/` → the
 * console). Returns the SPA fallback: a browser GET for an unknown page of an app gets its
 * index.html, so deep links work; API paths never do. An app with a `shells` transform gets its
 * index.html from memory, rewritten once at start, at `/`, `/index.html` and every deep link.
 */
export async function registerStaticApps(
  app: FastifyInstance,
  apps: Record<string, string>,
  shells: Record<string, ShellTransform> = {},
): Promise<SpaIndex> {
  const present = Object.entries(apps).filter(([, root]) => existsSync(join(root, 'index.html')));
  const shellOf = new Map<string, Shell>();
  let decorated = false;
  for (const [prefix, root] of present) {
    const transform = shells[prefix];
    if (transform) {
      const shell = buildShell(root, transform);
      shellOf.set(prefix, shell);
      for (const url of [prefix, `${prefix}index.html`]) {
        app.get(url, { schema: { hide: true } }, (request, reply) => sendShell(request, reply, shell));
      }
    }
    await app.register(fastifyStatic, {
      root,
      prefix,
      decorateReply: !decorated,
      wildcard: true,
      // With a shell, `/` is answered above from memory, never from the file on disk.
      index: transform ? false : ['index.html'],
      // The build writes .br and .gz copies beside each text file (scripts/precompress-plugin.ts):
      // sent with Content-Encoding and `Vary: Accept-Encoding`, never compressed per request.
      preCompressed: true,
      setHeaders: (res, path) => res.header('cache-control', cacheControlFor(path)),
    });
    decorated = true;
  }
  // Longest prefix first, so /console/x is the console's, not the reporter app's.
  const byLength = present.sort(([a], [b]) => b.length - a.length);
  return (request, reply) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return false;
    const path = request.url.split('?')[0] ?? '';
    if (path.startsWith('/api/') || path === '/api' || /\.[a-z0-9]+$/i.test(path)) return false;
    if (!(request.headers.accept ?? '').includes('text/html')) return false;
    const match = byLength.find(([prefix]) => path.startsWith(prefix) || `${path}/` === prefix);
    if (!match) return false;
    const shell = shellOf.get(match[0]);
    if (shell) sendShell(request, reply, shell);
    else void reply.sendFile('index.html', match[1]);
    return true;
  };
}
