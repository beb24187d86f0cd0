import type { PackProblem } from './check.ts';
import { DEMO_RELEASE_PUBLIC_KEY } from './release-key.ts';
import type { PackMeta } from './schema.ts';

/**
 * Warnings about the key that signs the app builds: none named (the installed app then takes updates
 * unchecked), or the demo key (whose private half is public, so anyone can sign a build it accepts).
 */
export function releaseKeyWarnings(meta: Pick<PackMeta, 'releaseKey'>): Omit<PackProblem, 'severity'>[] {
  if (meta.releaseKey === undefined) {
    return [
      {
        file: 'pack.yaml',
        path: 'releaseKey',
        message:
          'no release key: the installed app takes updates without checking them against a signed build list; add the public key that signs your builds (vangnet sign-build --new-key)',
      },
    ];
  }
  if (meta.releaseKey === DEMO_RELEASE_PUBLIC_KEY) {
    return [
      {
        file: 'pack.yaml',
        path: 'releaseKey',
        message:
          'the public demo release key: anyone can sign a build it accepts; make your own (vangnet sign-build --new-key) and keep its private half off the server before going live',
      },
    ];
  }
  return [];
}
