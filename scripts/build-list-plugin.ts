import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Plugin } from 'vite';
import { signBuildFolder } from './build-folder.ts';
import { DEMO_RELEASE_PRIVATE_KEY } from './demo-release-key.ts';

/**
 * Writes dist/build-list.json: every file of the build with its SHA-256, signed with the PUBLIC demo
 * release key, so `npm start` and the tests check updates end to end. A real release is signed again
 * with the helpline's own key, off the server: `npx vangnet sign-build apps/report/dist --key <file>`.
 * Runs after the service worker is written and before the compressed copies are made.
 */
export function buildList(app: string): Plugin {
  let root = '';
  let outDir = '';
  let base = '/';
  return {
    name: 'vangnet-build-list',
    apply: 'build',
    configResolved(config) {
      root = config.root;
      outDir = join(config.root, config.build.outDir);
      base = config.base;
    },
    closeBundle: {
      order: 'post',
      sequential: true,
      handler() {
        const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
          version: string;
        };
        signBuildFolder(
          outDir,
          { app, appVersion: version, base, issuedAt: new Date().toISOString() },
          DEMO_RELEASE_PRIVATE_KEY,
        );
      },
    },
  };
}
