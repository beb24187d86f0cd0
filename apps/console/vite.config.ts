import preact from '@preact/preset-vite';
import { defineConfig } from 'vite';
import { buildList } from '../../scripts/build-list-plugin.ts';
import { icuCatalogs } from '../../scripts/icu-catalog-plugin.ts';
import { precompress } from '../../scripts/precompress-plugin.ts';
import { subresourceIntegrity } from '../../scripts/sri-plugin.ts';

// Served by apps/server under /console/ with a strict CSP (no inline scripts or styles, 'self' only),
// so everything ships as files from this origin: no CDN, no web fonts from elsewhere.
export default defineConfig({
  base: '/console/',
  plugins: [preact(), icuCatalogs(), subresourceIntegrity(), buildList('console'), precompress()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    // Vite would inline small assets as data: URLs; keep the font a file so the PDF code fetches it.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
  },
});
