import preact from '@preact/preset-vite';
import { defineConfig, type Plugin, type UserConfig } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';
import { buildList } from '../../scripts/build-list-plugin.ts';
import { icuCatalogs } from '../../scripts/icu-catalog-plugin.ts';
import { precompress } from '../../scripts/precompress-plugin.ts';
import { subresourceIntegrity } from '../../scripts/sri-plugin.ts';

// The reporter PWA. `vite build` → dist/, which apps/server serves at `/`.
// injectManifest: our own small service worker (src/sw.ts); vite-plugin-pwa only fills in the list of
// built files. No CDN, no Workbox runtime download, nothing third-party.
/**
 * Each language catalog is its own chunk. The country's default language (Dutch for NL and Flanders) is
 * announced in index.html with a modulepreload, so most phones fetch it alongside the entry instead of
 * one slow round trip later.
 */
function preloadDefaultCatalog(lang: string): Plugin {
  return {
    name: 'vangnet-preload-default-catalog',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(_html, ctx) {
        const chunk = Object.values(ctx.bundle ?? {}).find((c) => c.type === 'chunk' && c.name === lang);
        return chunk
          ? [
              {
                tag: 'link',
                attrs: { rel: 'modulepreload', crossorigin: true, href: `/${chunk.fileName}` },
                injectTo: 'head',
              },
            ]
          : [];
      },
    },
  };
}

export default defineConfig(({ command, mode }) => {
  // Vite 8 leaves NODE_ENV unset here, so Preact's preset took a build for development: preact/debug
  // and the dev JSX transform (+4 kB gzip on the first screen). A production build says so.
  if (command === 'build' && mode === 'production') process.env.NODE_ENV = 'production';
  return config;
});

const config = {
  plugins: [
    preact(),
    icuCatalogs(),
    preloadDefaultCatalog(process.env.VANGNET_DEFAULT_LANGUAGE ?? 'nl'),
    VitePWA({
      strategies: 'injectManifest',
      srcDir: 'src',
      filename: 'sw.ts',
      injectRegister: false,
      manifest: {
        name: 'Vangnet',
        short_name: 'Vangnet',
        description: 'Hulp en melden bij online pesten en misbruik.',
        lang: 'nl',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        background_color: '#ffffff',
        theme_color: '#1d4f91',
        icons: [
          { src: '/icon-192.png', sizes: '192x192', type: 'image/png' },
          { src: '/icon-512.png', sizes: '512x512', type: 'image/png' },
          { src: '/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
      },
      injectManifest: {
        globPatterns: ['**/*.{js,css,html,svg,png,webmanifest}'],
        // A classic script: every browser can run it as a service worker.
        rollupFormat: 'iife',
      },
      devOptions: { enabled: false },
    }),
    subresourceIntegrity(),
    // After the service worker is written: it is in the list too.
    buildList('report'),
    // Last, so the service worker written by VitePWA is compressed too.
    precompress(),
  ],
  build: {
    target: 'es2022',
    outDir: 'dist',
    emptyOutDir: true,
    // The CSP allows no inline scripts: never inline the preload helper or tiny assets.
    assetsInlineLimit: 0,
  },
  server: {
    proxy: { '/api': process.env.VANGNET_API ?? 'http://127.0.0.1:8080' },
  },
} satisfies UserConfig;
