import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Plugin } from 'vite';

/** `<script … src>` and `<link rel="modulepreload|stylesheet" … href>`: what the page loads and runs. */
const LOADED = /<(script|link)\b([^>]*?)\s(src|href)="([^"]+)"([^>]*)>/g;

function integrityOf(bytes: Uint8Array): string {
  return `sha384-${createHash('sha384').update(bytes).digest('base64')}`;
}

/**
 * Adds Subresource Integrity to every script and every modulepreload or stylesheet link in index.html,
 * so the browser refuses a file under that name whose bytes changed. What it cannot cover: chunks the
 * code imports later (language catalogs, the crypto chunk) and the preloads Vite adds for them at run
 * time carry no integrity; in the installed app they come from the service worker's cache, which holds
 * only files checked against the signed build list (docs/threat-model.md, "Checking the app's code").
 * Runs on the written files, before the service worker and the build list are made from them.
 */
export function subresourceIntegrity(): Plugin {
  let outDir = '';
  let base = '/';
  return {
    name: 'vangnet-sri',
    apply: 'build',
    configResolved(config) {
      outDir = join(config.root, config.build.outDir);
      base = config.base;
    },
    writeBundle: {
      order: 'post',
      sequential: true,
      handler() {
        const page = join(outDir, 'index.html');
        if (!existsSync(page)) return;
        const html = readFileSync(page, 'utf8').replace(
          LOADED,
          (tag, name: string, before: string, attr, url: string, after: string) => {
            if (name === 'link' && !/\brel="(modulepreload|stylesheet)"/.test(tag)) return tag;
            if (/\bintegrity=/.test(tag) || !url.startsWith(base)) return tag;
            const file = join(outDir, url.slice(base.length));
            if (!existsSync(file)) throw new Error(`SRI: ${url} is in index.html but not in the build`);
            const closing = after.endsWith('/') ? after.slice(0, -1) : after;
            const slash = after.endsWith('/') ? ' /' : '';
            return `<${name}${before} ${attr}="${url}" integrity="${integrityOf(readFileSync(file))}"${closing.trimEnd()}${slash}>`;
          },
        );
        writeFileSync(page, html);
      },
    },
  };
}
